"""Bytes of an uploaded summary to text the parser reads, or a clear reason why not.

No Django here: the size limit is passed in, so the command and the view share one reader.
Every refusal is a :class:`DocumentError` whose message names the limit that was passed.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

SUPPORTED = (".txt", ".md", ".markdown", ".adoc", ".docx", ".odt", ".pdf")
# Text the parser is given, whatever the file held: about 300 pages of minutes. Beyond it a
# summary is not a summary, and reading it would hold a worker for too long.
MAX_TEXT_CHARS = 1_000_000
# A zip (.docx, .odt) unpacks to at most this much, and no part by more than MAX_RATIO times.
MAX_INFLATED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_PDF_PAGES = 300
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DocumentError(ValueError):
    """The upload cannot be read; the message is written for the person who sent it."""


def read_document(name: str, data: bytes, *, max_bytes: int) -> str:
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            _(
                "“%(name)s” is not a file type the importer reads: use .txt, .md, .docx, .odt or .pdf."
            )
            % {"name": name}
        )
    if len(data) > max_bytes:
        raise DocumentError(
            _("“%(name)s” is %(count)s KB; the limit is %(max_bytes)s KB.")
            % {
                "name": name,
                "count": format(len(data) // 1024, ","),
                "max_bytes": format(max_bytes // 1024, ","),
            }
        )
    if not data.strip():
        raise DocumentError(_("“%(name)s” is empty.") % {"name": name})
    if suffix == ".docx":
        text = read_docx(name, data)
    elif suffix == ".odt":
        text = read_odt(name, data)
    elif suffix == ".pdf":
        text = read_pdf(name, data)
    else:
        text = decode_text(name, data)
    if not text.strip():
        raise DocumentError(_("“%(name)s” holds no text.") % {"name": name})
    return check_text(text, max_bytes=max_bytes, name=f"“{name}”")


def check_text(text: str, *, max_bytes: int, name: str = "The pasted text") -> str:
    if not text or not text.strip():
        raise DocumentError(_("%(name)s is empty.") % {"name": name})
    if len(text.encode("utf-8")) > max_bytes:
        raise DocumentError(
            _("%(name)s is longer than the limit of %(max_bytes)s KB.")
            % {"name": name, "max_bytes": format(max_bytes // 1024, ",")}
        )
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(
            _(
                "%(name)s holds %(count)s characters of text; the importer reads summaries of up to %(max_text_chars)s characters. Split it, or import the summary alone."
            )
            % {
                "name": name,
                "count": format(len(text), ","),
                "max_text_chars": format(MAX_TEXT_CHARS, ","),
            }
        )
    return text


def decode_text(name: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise DocumentError(
                    _("“%(name)s” says it is %(upper)s text but cannot be read as such.")
                    % {"name": name, "upper": encoding.upper()}
                ) from error
    if b"\x00" in data[:4096] or data[:4] in (b"PK\x03\x04", b"%PDF"):
        raise DocumentError(_("“%(name)s” is a binary file, not text.") % {"name": name})
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Word-era exports are often Windows-1252; it decodes any byte sequence.
        return data.decode("cp1252", errors="replace")


def _open_zip(name: str, data: bytes, required: str, kind: str) -> zipfile.ZipFile:
    """The archive, once its declared sizes show it is not a zip bomb."""
    if not data.startswith(b"PK\x03\x04"):
        raise DocumentError(
            _("“%(name)s” is not %(kind)s, whatever its name says.") % {"name": name, "kind": kind}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise DocumentError(
            _("“%(name)s” is damaged and cannot be opened as %(kind)s.")
            % {"name": name, "kind": kind}
        ) from error
    infos = archive.infolist()
    if required not in {info.filename for info in infos}:
        raise DocumentError(
            _("“%(name)s” is a zip file but not %(kind)s.") % {"name": name, "kind": kind}
        )
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_INFLATED_BYTES:
        raise DocumentError(
            _(
                "“%(name)s” unpacks to %(inflated)s MB; the importer accepts documents that unpack to at most %(max_inflated_bytes)s MB."
            )
            % {
                "name": name,
                "inflated": format(inflated // (1024 * 1024), ","),
                "max_inflated_bytes": MAX_INFLATED_BYTES // (1024 * 1024),
            }
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(
                _(
                    "“%(name)s” is compressed %(max)s to 1; the importer accepts at most %(max_ratio)s to 1."
                )
                % {
                    "name": name,
                    "max": format(info.file_size // max(info.compress_size, 1), ","),
                    "max_ratio": MAX_RATIO,
                }
            )
    return archive


def read_docx(name: str, data: bytes, **_ignored) -> str:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from summaries.docx_reader import docx_to_text

    _open_zip(name, data, "word/document.xml", "a Word document (.docx)").close()
    try:
        return docx_to_text(Document(io.BytesIO(data)))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise DocumentError(
            _("“%(name)s” is damaged and cannot be opened as a Word document.") % {"name": name}
        ) from error
    except Exception as error:  # lxml raises its own XMLSyntaxError on a broken part
        if type(error).__name__ == "XMLSyntaxError":
            raise DocumentError(
                _("“%(name)s” is damaged: its text cannot be read.") % {"name": name}
            ) from error
        raise


def read_odt(name: str, data: bytes) -> str:
    from odf import opendocument

    from summaries.odt_reader import odt_to_text

    _open_zip(name, data, "content.xml", "an OpenDocument text (.odt)").close()
    try:
        return odt_to_text(opendocument.load(io.BytesIO(data)))
    except Exception as error:  # odfpy raises whatever its XML parser and zipfile raise
        raise DocumentError(
            _("“%(name)s” is damaged and cannot be opened as an OpenDocument text.")
            % {"name": name}
        ) from error


def read_pdf(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        raise DocumentError(_("“%(name)s” is not a PDF, whatever its name says.") % {"name": name})
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(
                _("“%(name)s” is password-protected; save it without a password.") % {"name": name}
            )
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(
                _("“%(name)s” has %(count)s pages; the limit is %(max_pdf_pages)s.")
                % {
                    "name": name,
                    "count": format(len(reader.pages), ","),
                    "max_pdf_pages": MAX_PDF_PAGES,
                }
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(
            _("“%(name)s” is damaged and cannot be read as a PDF.") % {"name": name}
        ) from error
    text = "\n\n".join(pages)
    if not re.search(r"\w{2,}", text):
        raise DocumentError(
            _(
                "“%(name)s” has no text layer: it is a scanned image. The importer reads PDFs that hold text; run it through OCR or import the original document."
            )
            % {"name": name}
        )
    return text
