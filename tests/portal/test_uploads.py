"""portal.uploads: the one place that reads a file's type, on the filetype library."""

import io
import zipfile

import openpyxl
import pytest
import xlwt
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring.uploads import checked_upload
from municipalities.services import document_type
from portal import uploads
from practices.demo_files import pdf_bytes
from practices.demo_files import png_bytes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xls() -> bytes:
    book = xlwt.Workbook()
    book.add_sheet("a").write(0, 0, "x")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def _late_word_member() -> bytes:
    """A DOCX whose word/ part comes after more than 8 KB of other members: only the
    archive's directory (not its first bytes) tells what it is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "x")
        archive.writestr("docProps/thumbnail.bin", bytes(range(256)) * 64)
        archive.writestr("word/document.xml", "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_xls(), "ole"),  # a real legacy Excel file (xlwt)
        (OLE_MAGIC + b"\x00" * 600, "ole"),  # any compound document, whoever wrote it
        (_xlsx(), "xlsx"),
        (_late_word_member(), "docx"),
        (b"GIF89a" + b"\x00" * 20, None),  # a real type, but not one we accept
        (b"", None),
    ],
)
def test_sniff(data, expected):
    detected = uploads.sniff(ContentFile(data))
    assert (detected.key if detected else None) == expected


def test_content_matches_name_for_legacy_office_files():
    assert uploads.content_matches_name(SimpleUploadedFile("budget.xls", _xls()))
    assert not uploads.content_matches_name(SimpleUploadedFile("budget.xls", _xlsx()))


def test_monitoring_evidence_reads_types_through_portal_uploads():
    photo = checked_upload(SimpleUploadedFile("x.bin", png_bytes(4, 4)))
    assert (photo.content_type, photo.extension, photo.kind) == ("image/png", "png", "photo")
    document = checked_upload(SimpleUploadedFile("x.png", pdf_bytes("x")))
    assert (document.content_type, document.kind) == ("application/pdf", "document")
    with pytest.raises(ValidationError):
        checked_upload(SimpleUploadedFile("x.pdf", _xlsx()))


def test_charter_types_are_read_through_portal_uploads():
    assert document_type(SimpleUploadedFile("c.bin", pdf_bytes("x"))) == "application/pdf"
    docx = SimpleUploadedFile("c.bin", _late_word_member())
    assert document_type(docx) == uploads.DOCX.content_type
    with pytest.raises(ValidationError):
        document_type(SimpleUploadedFile("c.pdf", _xlsx()))
