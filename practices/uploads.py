"""Uploaded files: checked by their content (magic bytes), never by their name.

A file is accepted only when its first bytes say it is one of the allowed types and it is not
larger than the limit. It is stored under a generated name (a random hex name with the
extension of the detected type), and served back as a download by ``views.download``.
"""

import os
import re
import uuid
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
PHOTO_MAX_SIZE = 5 * MB
FILE_MAX_SIZE = 10 * MB


@dataclass(frozen=True)
class FileType:
    key: str
    content_type: str
    extension: str
    label: str


PNG = FileType("png", "image/png", "png", "PNG")
JPEG = FileType("jpeg", "image/jpeg", "jpg", "JPEG")
WEBP = FileType("webp", "image/webp", "webp", "WebP")
PDF = FileType("pdf", "application/pdf", "pdf", "PDF")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "DOCX",
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "XLSX"
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "odt", "ODT")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", "ods", "ODS")

PHOTO_TYPES = (PNG, JPEG, WEBP)
DOCUMENT_TYPES = (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG)
BY_CONTENT_TYPE = {t.content_type: t for t in (PNG, JPEG, WEBP, PDF, DOCX, XLSX, ODT, ODS)}


def _sniff_zip(upload) -> FileType | None:
    """Office files are ZIP archives; tell them apart by the members they must contain."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return {ODT.content_type: ODT, ODS.content_type: ODS}.get(mimetype)
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return DOCX
                if any(name.startswith("xl/") for name in names):
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def sniff(upload) -> FileType | None:
    """The type of a file, read from its first bytes."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(upload)
    return None


def _limit_message(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("The file is too large (%(size)s). The limit is %(limit)s."),
        code="too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
    )


def check_upload(upload, *, allowed: tuple[FileType, ...], max_size: int) -> FileType:
    """The detected type of an acceptable upload; a translated ValidationError otherwise."""
    if upload.size > max_size:
        raise _limit_message(upload.size, max_size)
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    detected = sniff(upload)
    if detected not in allowed:
        raise ValidationError(
            _(
                "This kind of file is not accepted. Accepted: %(types)s. The type is checked "
                "from the file's content, not from its name."
            ),
            code="type",
            params={"types": ", ".join(t.label for t in allowed)},
        )
    return detected


_SAFE_NAME = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def clean_original_name(name: str, file_type: FileType) -> str:
    """The name the file is offered under when downloaded: no path, the true extension."""
    base = os.path.splitext(os.path.basename(name or ""))[0]
    base = _SAFE_NAME.sub("_", base).strip(" ._")[:120] or "file"
    return f"{base}.{file_type.extension}"


def upload_to(instance, filename: str) -> str:
    """A generated name: nothing of the uploader's file name reaches the disk."""
    file_type = BY_CONTENT_TYPE.get(getattr(instance, "content_type", ""))
    extension = file_type.extension if file_type else "bin"
    folder = instance._meta.model_name
    return f"practices/{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"
