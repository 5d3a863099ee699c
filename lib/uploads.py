"""Which uploaded documents are accepted: an allow-list of types recognised by their content.

The name's extension must agree with what the bytes are, so an HTML page named ``agenda.pdf``
or a program named ``notes.docx`` is refused. Office files are zip archives: only the list of
members is read, nothing is decompressed.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from django.utils.translation import gettext_lazy

# extension -> what it must be
ALLOWED = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "pptx": "pptx",
    "odt": "odt",
    "ods": "ods",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "txt": "text",
    "md": "text",
    "csv": "text",
}
LABEL = gettext_lazy("PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG or plain text")

_OOXML_PART = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
_TEXT_SAMPLE = 64 * 1024


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def detect(stream: BinaryIO, *, claimed: str) -> bool:
    """True when the content of `stream` is the type its extension `claimed` says."""
    kind = ALLOWED.get(claimed)
    if kind is None:
        return False
    stream.seek(0)
    head = stream.read(_TEXT_SAMPLE)
    stream.seek(0)
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind == "text":
        return _is_text(head)
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if kind in _OOXML_PART:
                return "[Content_Types].xml" in names and any(
                    n.startswith(_OOXML_PART[kind]) for n in names
                )
            return "mimetype" in names and archive.read("mimetype").strip() == _ODF_MIMETYPE[kind]
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError):
        return False
    finally:
        stream.seek(0)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    # A cut in the middle of a multi-byte character at the end of the sample is fine.
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return False
        text = head[: error.start].decode("utf-8")
    lowered = text.lstrip().lower()
    # Markup passed off as text would be served as text, but there is no reason to keep it.
    return not lowered.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script"))
