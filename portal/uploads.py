"""Checking uploaded files by their content (the ``filetype`` library), never by their name.

Shared by every section that accepts files: a file is accepted only when its first bytes say
it is one of the allowed types and it is within the size limit.
"""

import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from portal.formats import filesize

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
# Legacy Word and Excel files (.doc, .xls) are OLE compound documents.
OLE = FileType("ole", "application/x-ole-storage", "doc", "DOC/XLS")
BY_CONTENT_TYPE = {t.content_type: t for t in (PNG, JPEG, WEBP, PDF, DOCX, XLSX, ODT, ODS)}
# The types a file name's extension promises.
BY_EXTENSION = {
    "pdf": (PDF,), "docx": (DOCX,), "xlsx": (XLSX,), "odt": (ODT,), "ods": (ODS,),
    "png": (PNG,), "jpg": (JPEG,), "jpeg": (JPEG,), "webp": (WEBP,), "doc": (OLE,), "xls": (OLE,),
}


class _CompoundDocument(filetype.Type):
    """Any OLE compound document (legacy .doc/.xls). filetype's own Doc and Xls matchers look
    for one producer's sub-headers and miss files that other programs write, so the container
    itself counts, as it did before; a .doc or .xls name is then checked against it."""

    def __init__(self):
        super().__init__(mime=OLE.content_type, extension="ole")

    def match(self, buf) -> bool:
        return bytes(buf[:8]) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# filetype's matchers, in its order, then ours; the first that matches names the type.
MATCHERS = (*filetype.TYPES, _CompoundDocument())
# filetype's name for a type -> ours. ZIP containers are decided by their members below.
BY_FILETYPE = {
    "png": PNG, "apng": PNG, "jpg": JPEG, "webp": WEBP, "pdf": PDF,
    "doc": OLE, "xls": OLE, "ole": OLE,
}
ZIP_FAMILY = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"}


def _sniff_zip(upload) -> FileType | None:
    """Office files are ZIP archives; tell them apart by the members they must contain,
    read from the archive's central directory (filetype sees only the first 8 KB)."""
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
    """The type of a file, read from its content by the ``filetype`` library (never from the
    name or what the browser claims). The one place that reads file types: every app's
    upload check comes here."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    found = filetype.match(head, matchers=MATCHERS)
    if found is None:
        return None
    if found.extension in ZIP_FAMILY:
        return _sniff_zip(upload)
    return BY_FILETYPE.get(found.extension)


CONTENT_MISMATCH = _(
    "The content of this file does not match its type (the name says one kind of file, the "
    "content is another). Save it again in the right format and upload it."
)


def content_matches_name(upload) -> bool:
    """Whether the file's content is what its extension says (a .pdf that really is a PDF)."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    return sniff(upload) in BY_EXTENSION.get(extension, ())


def _limit_message(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("The file is too large (%(size)s). The limit is %(limit)s."),
        code="too_large",
        params={"size": filesize(size), "limit": filesize(limit)},
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




@deconstructible
class GeneratedName:
    """``upload_to`` that keeps nothing of the uploader's file name, which may be unsafe or
    personal: ``<folder>/<year>/<month>/<random hex>.<extension>``. The extension is the one
    the checked content agreed with (forms run ``check_upload`` first)."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        if not extension.isalnum() or len(extension) > 5:
            extension = "bin"
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, GeneratedName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)
