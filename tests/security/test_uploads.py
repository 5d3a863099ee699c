"""Attached documents: an allow-list of types checked by content, and a size limit that Django
enforces as well as the proxy. Every attack is refused with nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lib import uploads
from minutes.models import AgendaItem, Document
from tests.factories import make_item, make_meeting
from tests.minutes.test_editor_views import _item_post


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"

# (name, content, the form's answer)
ATTACKS = [
    ("agenda.html", b"<html><script>alert(1)</script></html>", "Upload a PDF"),
    ("agenda.pdf", b"<html><script>alert(1)</script></html>", "not the .pdf file"),
    ("logo.svg", b"<svg onload=alert(1)></svg>", "Upload a PDF"),
    ("notes.docx", b"MZ\x90\x00\x03" + b"\x00" * 200, "not the .docx file"),
    ("notes.docx", _zip({"payload.exe": b"MZ"}), "not the .docx file"),
    ("report.xlsx", DOCX, "not the .xlsx file"),
    ("notes.txt", b"<!DOCTYPE html><script>alert(1)</script>", "not the .txt file"),
    ("notes.txt", b"\xff\xfe\x00binary\x00", "not the .txt file"),
    ("photo.png", b"GIF89a....", "not the .png file"),
    ("no-extension", PDF, "Upload a PDF"),
    ("run.sh", b"#!/bin/sh\nrm -rf /\n", "Upload a PDF"),
]


@pytest.fixture
def item(body, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_item(make_meeting(body=body), title="Framework")


def _upload(client, item: AgendaItem, name: str, content: bytes):
    data = _item_post(item, version=item.version)
    data.update({"documents-TOTAL_FORMS": "1", "documents-0-title": "Attached"})
    data["documents-0-file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("minutes:item_edit", args=[item.meeting_id, item.pk]), data)


@pytest.mark.parametrize(("name", "content", "answer"), ATTACKS)
def test_upload_attack_is_refused_with_a_form_error(
    client_for, secretariat, item, tmp_path, name, content, answer
):
    response = _upload(client_for(secretariat), item, name, content)
    assert response.status_code == 200
    assert answer in response.content.decode()
    assert not Document.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("framework.pdf", PDF),
        ("framework.DOCX", DOCX),
        ("minutes.md", "# Réunion\nTexte en français.\n".encode()),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
    ],
)
def test_allowed_types_are_stored_and_served_as_attachments(
    client_for, secretariat, item, name, content
):
    client = client_for(secretariat)
    response = _upload(client, item, name, content)
    assert response.status_code == 302
    document = Document.objects.get()
    download = client.get(document.get_absolute_url())
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == content


def test_a_path_in_the_file_name_stays_under_the_upload_folder(
    client_for, secretariat, item, tmp_path
):
    _upload(client_for(secretariat), item, "../../../etc/cron.d/evil.pdf", PDF)
    stored = Document.objects.get().file.path
    assert stored.startswith(str(tmp_path / "documents"))
    assert stored.endswith(".pdf") and "/.." not in stored


def test_file_over_the_limit_is_a_form_error(client_for, secretariat, item, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _upload(client_for(secretariat), item, "big.pdf", PDF + b"0" * 1000)
    assert "larger than the 0 MB limit" in response.content.decode()
    assert not Document.objects.exists()


def test_request_over_the_limit_is_refused_by_django_before_the_view(
    secretariat, item, settings, tmp_path
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client()
    client.force_login(secretariat)
    response = _upload(client, item, "big.pdf", PDF + b"0" * 20_000)
    assert response.status_code == 400
    assert not Document.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_detect_reads_the_stream_from_the_start_again():
    stream = io.BytesIO(DOCX)
    assert uploads.detect(stream, claimed="docx")
    assert stream.tell() == 0
