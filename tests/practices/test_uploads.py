"""Uploads: content-checked types, size limits, generated names, downloads as attachments."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from practices import uploads
from practices.demo_files import pdf_bytes
from practices.demo_files import png_bytes
from practices.models import PracticeAttachment
from practices.models import PracticePhoto
from practices.models import Status
from practices.services import attachment_add
from practices.services import photo_add

pytestmark = pytest.mark.django_db


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (png_bytes(4, 4), "png"),
        (_image("JPEG"), "jpeg"),
        (_image("WEBP"), "webp"),
        (pdf_bytes("x"), "pdf"),
        (_zip({"[Content_Types].xml": "x", "word/document.xml": "x"}), "docx"),
        (_zip({"[Content_Types].xml": "x", "xl/workbook.xml": "x"}), "xlsx"),
        (_zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "x"}), "odt"),
        (_zip({"some.txt": "x"}), None),
        (b"<html><script>alert(1)</script></html>", None),
        (b"MZ\x90\x00 an executable", None),
        (b"PK\x03\x04 not really a zip", None),
    ],
)
def test_types_are_read_from_the_content(data, expected):
    detected = uploads.sniff(ContentFile(data))
    assert (detected.key if detected else None) == expected


def test_a_renamed_file_is_refused_whatever_its_name(practice, editor):
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", "image/png")
    with pytest.raises(ValidationError) as refused:
        photo_add(owner=practice, upload=fake, actor=editor)
    assert refused.value.code == "type"
    assert not PracticePhoto.objects.exists()


def test_a_pdf_is_not_a_photo(practice, editor):
    with pytest.raises(ValidationError) as refused:
        photo_add(owner=practice, upload=ContentFile(pdf_bytes("x"), name="x.png"), actor=editor)
    assert refused.value.code == "type"


def test_size_limit(practice, editor, monkeypatch):
    monkeypatch.setattr("practices.services.PHOTO_MAX_SIZE", 100)
    with pytest.raises(ValidationError) as refused:
        photo_add(owner=practice, upload=ContentFile(png_bytes(40, 40), name="a.png"),
                  actor=editor)
    assert refused.value.code == "too_large"
    assert not PracticePhoto.objects.exists()


def test_stored_under_a_generated_name_with_the_true_extension(practice, editor):
    upload = ContentFile(png_bytes(8, 8), name="../../etc/my photo.jpg")
    photo = photo_add(owner=practice, upload=upload, actor=editor)
    stored = photo.file.name
    assert stored.startswith("practices/practicephoto/")
    assert "my photo" not in stored
    assert ".." not in stored
    assert stored.endswith(".png")
    assert photo.original_name == "my photo.png"
    assert photo.content_type == "image/png"


def test_files_are_served_as_downloads(client, practice, editor):
    attachment = attachment_add(
        practice=practice, upload=ContentFile(pdf_bytes("x"), name="Отчёт 2024.pdf"),
        actor=editor, title_ru="Отчёт",
    )
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_files_of_a_draft_are_not_served_to_the_public(client, practice_factory, editor):
    draft = practice_factory(status=Status.DRAFT, published_at=None)
    photo = photo_add(owner=draft, upload=ContentFile(png_bytes(4, 4), name="a.png"),
                      actor=editor)
    assert client.get(photo.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(photo.get_absolute_url()).status_code == 200


def test_unknown_file_kind_is_404(client):
    assert client.get("/ru/practices/files/secret/1/").status_code == 404


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_refused_upload_shows_a_translated_message_and_saves_nothing(
    client, staff_of, practice_factory, lang
):
    draft = practice_factory(status=Status.DRAFT, published_at=None)
    client.force_login(staff_of(draft.municipality))
    fake = SimpleUploadedFile("plan.pdf", b"MZ this is a program", "application/pdf")
    response = client.post(
        f"/{lang}/practices/{draft.pk}/attachments/add/", {"upload": fake, "title_ru": "План"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html
    message = {"ky": "кабыл алынбайт", "ru": "не принимаются"}[lang]
    assert message in html
    assert not PracticeAttachment.objects.exists()


def test_photo_upload_through_the_view(client, staff_of, practice_factory):
    draft = practice_factory(status=Status.DRAFT, published_at=None)
    client.force_login(staff_of(draft.municipality))
    upload = SimpleUploadedFile("p.png", png_bytes(8, 8), "image/png")
    response = client.post(
        f"/ru/practices/{draft.pk}/photos/add/", {"upload": upload, "caption_ru": "Сход"}
    )
    assert response.status_code == 302
    assert draft.photos.get().caption_ru == "Сход"


def test_staff_of_another_municipality_cannot_upload(client, staff_of, practice_factory,
                                                     municipality_factory):
    draft = practice_factory(status=Status.DRAFT, published_at=None)
    client.force_login(staff_of(municipality_factory()))
    upload = SimpleUploadedFile("p.png", png_bytes(8, 8), "image/png")
    response = client.post(f"/ru/practices/{draft.pk}/photos/add/", {"upload": upload})
    assert response.status_code == 404  # another unit's draft does not exist for them
    assert not PracticePhoto.objects.exists()


def test_photo_removal_needs_the_right_to_change(client, staff_of, practice, editor):
    photo = photo_add(owner=practice, upload=ContentFile(png_bytes(4, 4), name="a.png"),
                      actor=editor)
    url = f"/ru/practices/files/practice-photo/{photo.pk}/delete/"
    client.force_login(staff_of(practice.municipality))  # published: only editors change it
    assert client.post(url).status_code == 403
    client.force_login(editor)
    assert client.post(url).status_code == 302
    assert not PracticePhoto.objects.exists()
