"""Bytes of an uploaded summary to text the parser reads, or a clear reason why not.

No Django here: the size limit is passed in, so the command and the view share one reader.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

SUPPORTED = (".txt", ".md", ".markdown", ".docx")
# A .docx is a zip; refuse one that would inflate past this many times the upload limit.
MAX_INFLATION = 20


class DocumentError(ValueError):
    """The upload cannot be read; the message is written for the person who sent it."""


def read_document(name: str, data: bytes, *, max_bytes: int) -> str:
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"“{name}” is not a file type the importer reads: use .txt, .md or .docx."
        )
    if len(data) > max_bytes:
        raise DocumentError(
            f"“{name}” is {len(data) // 1024:,} KB; the limit is {max_bytes // 1024:,} KB."
        )
    if not data.strip():
        raise DocumentError(f"“{name}” is empty.")
    if suffix == ".docx":
        text = read_docx(name, data, max_bytes=max_bytes)
    else:
        text = decode_text(name, data)
    if not text.strip():
        raise DocumentError(f"“{name}” holds no text.")
    return text


def check_text(text: str, *, max_bytes: int, name: str = "The pasted text") -> str:
    if not text or not text.strip():
        raise DocumentError(f"{name} is empty.")
    if len(text.encode("utf-8")) > max_bytes:
        raise DocumentError(f"{name} is longer than the limit of {max_bytes // 1024:,} KB.")
    return text


def decode_text(name: str, data: bytes) -> str:
    if b"\x00" in data[:4096] or data[:4] in (b"PK\x03\x04", b"%PDF"):
        raise DocumentError(f"“{name}” is a binary file, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Word-era exports are often Windows-1252; it decodes any byte sequence.
        return data.decode("cp1252", errors="replace")


def read_docx(name: str, data: bytes, *, max_bytes: int) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from summaries.docx_reader import docx_to_text

    if not data.startswith(b"PK\x03\x04"):
        raise DocumentError(f"“{name}” is not a Word document (.docx), whatever its name says.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            inflated = sum(info.file_size for info in archive.infolist())
            if "word/document.xml" not in names:
                raise DocumentError(f"“{name}” is a zip file but not a Word document.")
            if inflated > max_bytes * MAX_INFLATION:
                raise DocumentError(f"“{name}” unpacks to more than the importer accepts.")
            if archive.testzip() is not None:
                raise DocumentError(f"“{name}” is damaged: part of it cannot be read.")
        return docx_to_text(Document(io.BytesIO(data)))
    except DocumentError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise DocumentError(
            f"“{name}” is damaged and cannot be opened as a Word document."
        ) from error
    except Exception as error:  # lxml raises its own XMLSyntaxError on a broken part
        if type(error).__name__ == "XMLSyntaxError":
            raise DocumentError(f"“{name}” is damaged: its text cannot be read.") from error
        raise
