"""portal.uploads: a file must be what its type says through its whole structure (polyglots,
zip bombs, truncated images are refused) and an oversize upload is refused before it is read."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.handlers.wsgi import WSGIRequest
from django.test.client import BOUNDARY
from django.test.client import MULTIPART_CONTENT
from django.test.client import encode_multipart
from django.utils import translation
from PIL import Image

from participation.models import EventDocument
from portal import uploads
from practices.demo_files import pdf_bytes
from practices.demo_files import png_bytes
from tests.factories import UserFactory
from tests.participation.factories import EventFactory


def _refused(data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        uploads.sniff(ContentFile(data))
    return caught.value


def test_a_real_pdf_passes():
    assert uploads.sniff(ContentFile(pdf_bytes("Budget"))) is uploads.PDF


@pytest.mark.parametrize(
    "data",
    [
        # %PDF- + HTML polyglot: a web page that starts like a PDF.
        b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n",
        # A real PDF with a page smuggled in after the header, outside any stream.
        pdf_bytes("x").replace(b"%PDF-1.4\n", b"%PDF-1.4\n<!DOCTYPE html><script>x()</script>\n"),
        b"%PDF-1.4 only a header",  # no trailer
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",  # no page tree
    ],
)
def test_pdfs_broken_or_polyglot_are_refused(data):
    assert _refused(data).code == "structure"


def test_html_inside_a_pdf_stream_is_content_not_a_page():
    # Between stream/endstream the bytes are page content (or compressed data), not a prologue.
    data = pdf_bytes("x").replace(b"stream\n", b"stream\n% <script>\n", 1)
    assert b"<script>" in data
    assert uploads.sniff(ContentFile(data)) is uploads.PDF


def _image(kind: str, size=(64, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_truncated_images_are_refused(kind):
    whole = _image(kind, (200, 200))
    assert uploads.sniff(ContentFile(whole)) is not None
    assert _refused(whole[: len(whole) // 2]).code == "structure"


def _zip(members: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_docx_bomb_is_refused_from_its_directory():
    # 300 MB of zeros packs into ~300 KB; built in pieces so the test stays light.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/big.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    error = _refused(data)
    assert error.code == "zip_bomb"
    assert error.params["size"] == "300 MB" or error.params["size"].startswith("300")


def test_a_dense_member_under_the_total_is_refused_too():
    data = _zip({"[Content_Types].xml": "x", "word/document.xml": "x", "x.bin": b"\0" * 5_000_000})
    assert _refused(data).code == "zip_bomb"


def test_an_office_file_without_its_main_part_is_refused():
    assert _refused(_zip({"[Content_Types].xml": "x", "word/styles.xml": "x"})).code == "structure"


def test_a_normal_docx_passes():
    data = _zip({"[Content_Types].xml": "x", "word/document.xml": "<w:p>" * 1000})
    assert uploads.sniff(ContentFile(data)) is uploads.DOCX


# --- Oversize uploads ---------------------------------------------------------------------------


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def _request(body: bytes, content_length: int) -> tuple[WSGIRequest, CountingStream]:
    stream = CountingStream(body)
    environ = {
        "REQUEST_METHOD": "POST",
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(content_length),
        "wsgi.input": stream,
        "PATH_INFO": "/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
    }
    return WSGIRequest(environ), stream


def _big_body(size: int) -> bytes:
    data = {"title": "x", "file": ContentFile(b"%PDF-" + b"0" * size, name="big.pdf")}
    return encode_multipart(BOUNDARY, data)


def test_a_declared_oversize_body_is_refused_before_the_file_is_read():
    body = _big_body(uploads.UPLOAD_MAX_SIZE + 2 * uploads.MB)
    request, stream = _request(body, len(body))
    assert "file" not in request.FILES
    assert request.POST["title"] == "x"  # fields before the file are kept
    assert stream.bytes_read < 256 * 1024  # stopped at the file's first chunk
    refused = [h for h in request.upload_handlers if isinstance(h, uploads.LimitedUploadHandler)]
    assert refused[0].refused[0] == "file"


def test_an_oversize_file_stops_at_the_limit_when_the_body_length_passes(monkeypatch):
    # A body whose total length passes the first check (many small fields, or a generous
    # slack): the handler counts what arrives and stops just past the limit.
    monkeypatch.setattr(uploads, "UPLOAD_REQUEST_SLACK", 100 * uploads.MB)
    body = _big_body(uploads.UPLOAD_MAX_SIZE + 5 * uploads.MB)
    request, stream = _request(body, len(body))
    assert "file" not in request.FILES
    assert stream.bytes_read < uploads.UPLOAD_MAX_SIZE + 512 * 1024
    assert stream.bytes_read < len(body) - 4 * uploads.MB


@pytest.mark.django_db
def test_an_oversize_upload_gets_the_forms_size_message(client):
    event = EventFactory()
    staff = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(staff)
    big = ContentFile(b"%PDF-" + b"0" * (uploads.UPLOAD_MAX_SIZE + 2 * uploads.MB), name="a.pdf")
    response = client.post(
        f"/ru/events/{event.pk}/documents/",
        {"title_ky": "Бюджет", "title_ru": "Бюджет", "file": big},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    with translation.override("ru"):
        assert translation.gettext("The file is larger than 10 MB.") in response.content.decode()
    assert not EventDocument.objects.exists()


def test_png_bytes_helper_is_a_whole_image():
    assert uploads.sniff(ContentFile(png_bytes(4, 4))) is uploads.PNG
