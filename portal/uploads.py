"""Checking uploaded files by their content (the ``filetype`` library), never by their name.

Shared by every section that accepts files: a file is accepted only when its first bytes say
it is one of the allowed types and it is within the size limit.
"""

import contextlib
import io
import re
import threading
import uuid
import zipfile
from dataclasses import dataclass

import filetype
import pypdf
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.core.files.uploadhandler import StopUpload
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image
from PIL import ImageFile

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


# Office files are ZIP archives: refuse one whose directory declares too much content (a zip
# bomb: a small file that unpacks to hundreds of megabytes), read without extracting anything.
ZIP_MAX_TOTAL = 100 * MB
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_RATIO = 100  # uncompressed / compressed, for the whole archive and any large member
ZIP_RATIO_FLOOR = 1 * MB  # members smaller than this may compress as well as they like

STRUCTURE_ERROR = _(
    "This file is damaged or is not a real %(type)s file (its inner structure does not match "
    "its type). Save it again from the program that made it and upload it."
)
ZIP_BOMB_ERROR = _(
    "This file unpacks to too much data (%(size)s when unpacked). Office files on the portal "
    "may unpack to at most %(limit)s."
)


def _structure_error(found: FileType) -> ValidationError:
    return ValidationError(STRUCTURE_ERROR, code="structure", params={"type": found.label})


def _check_zip_sizes(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > ZIP_MAX_MEMBERS:
        raise ValidationError(
            ZIP_BOMB_ERROR, code="zip_bomb",
            params={"size": filesize(ZIP_MAX_TOTAL + 1), "limit": filesize(ZIP_MAX_TOTAL)},
        )
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    too_dense = any(
        member.file_size > ZIP_RATIO_FLOOR
        and member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if total > ZIP_MAX_TOTAL or too_dense or (
        total > ZIP_RATIO_FLOOR and total > ZIP_MAX_RATIO * packed
    ):
        raise ValidationError(
            ZIP_BOMB_ERROR, code="zip_bomb",
            params={"size": filesize(total), "limit": filesize(ZIP_MAX_TOTAL)},
        )


# The members each office type must have (besides the mimetype / [Content_Types].xml marker).
ZIP_REQUIRED = {
    "docx": ("word/document.xml",),
    "xlsx": ("xl/workbook.xml",),
    "odt": ("content.xml",),
    "ods": ("content.xml",),
}


def _sniff_zip(upload) -> FileType | None:
    """Office files are ZIP archives; tell them apart by the members they must contain,
    read from the archive's central directory (filetype sees only the first 8 KB). An archive
    that declares too much content is refused (ValidationError); one without its type's main
    part is not an office file."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            _check_zip_sizes(archive)
            names = set(archive.namelist())
            found: FileType | None = None
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).decode("ascii", "replace").strip()
                found = {ODT.content_type: ODT, ODS.content_type: ODS}.get(mimetype)
            elif "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    found = DOCX
                elif any(name.startswith("xl/") for name in names):
                    found = XLSX
            if found is not None and not all(n in names for n in ZIP_REQUIRED[found.key]):
                raise _structure_error(found)
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError,
            NotImplementedError, EOFError):
        return None
    finally:
        upload.seek(0)


# A PDF may not carry an HTML page outside its streams: a "%PDF-" + HTML polyglot is a web
# page to a browser that sniffs it (this site never lets one, but other readers might).
PDF_HTML_MARKERS = re.compile(
    rb"<\s*(html|script|body|head|iframe|object|embed|svg|!doctype|meta|a\s+href)\b",
    re.IGNORECASE,
)
PDF_STREAMS = re.compile(rb"\bstream\r?\n.*?\bendstream\b", re.DOTALL)


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _check_pdf(upload) -> None:
    """A PDF from start to end: the header at byte 0, an %%EOF trailer at the end, no HTML
    outside its streams, and pypdf reads its page tree."""
    data = _read_all(upload)
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise _structure_error(PDF)
    if PDF_HTML_MARKERS.search(PDF_STREAMS.sub(b"", data)):
        raise _structure_error(PDF)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if len(reader.pages) < 1:
            raise _structure_error(PDF)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of errors on a damaged file
        raise _structure_error(PDF) from None


IMAGE_MAX_PIXELS = 50_000_000
_pillow_flag = threading.Lock()


@contextlib.contextmanager
def _truncated_images_refused():
    """WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import (it renders what
    it can); a check must see a truncated image as an error, so the flag is off meanwhile.
    Reports render in the Celery worker, not in web processes, so nothing else reads it here."""
    with _pillow_flag:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _check_image(upload, found: FileType) -> None:
    """An image Pillow opens, verifies and decodes to the end (a truncated file fails)."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > IMAGE_MAX_PIXELS:
                raise _structure_error(found)
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image, _truncated_images_refused():
            image.load()
    except ValidationError:
        raise
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError...
        raise _structure_error(found) from None
    finally:
        upload.seek(0)


def sniff(upload) -> FileType | None:
    """The type of a file, read from its content by the ``filetype`` library (never from the
    name or what the browser claims). The one place that reads file types: every app's
    upload check comes here. The whole structure must agree with the type: a PDF parses as
    one with no HTML outside its streams, an image decodes to its end, an office archive has
    its main part and no excessive unpacked size; otherwise a translated ValidationError."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    found = filetype.match(head, matchers=MATCHERS)
    if found is None:
        return None
    if found.extension in ZIP_FAMILY:
        return _sniff_zip(upload)
    detected = BY_FILETYPE.get(found.extension)
    if detected is PDF:
        _check_pdf(upload)
    elif detected in PHOTO_TYPES:
        _check_image(upload, detected)
    return detected


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


# --- Refusing oversize uploads before they are read --------------------------------------------
# The largest file any form accepts; each form's own (smaller) limit is checked by its validator.
UPLOAD_MAX_SIZE = FILE_MAX_SIZE
# Room for the other fields and the multipart framing around one file.
UPLOAD_REQUEST_SLACK = 1 * MB


class RefusedUpload(UploadedFile):
    """Stands in request.FILES for a file the upload handler stopped reading: empty, with the
    size known so far (over the limit), so the form's own size check refuses it with its
    usual translated message instead of a "this field is required"."""

    def __init__(self, name: str, size: int):
        super().__init__(io.BytesIO(b""), name=name, content_type="application/octet-stream",
                         size=size)


class LimitedUploadHandler(FileUploadHandler):
    """The first upload handler: stops reading the request as soon as it is clear that a file
    is over ``UPLOAD_MAX_SIZE`` — at once when the declared length says so, else when the
    received bytes pass it — with ``StopUpload(connection_reset=True)``, so the rest of the
    body is never read (the proxy's ``client_max_body_size`` stops larger bodies earlier)."""

    def __init__(self, request=None):
        super().__init__(request)
        self.declared = 0
        self.received = 0
        self.refused: tuple[str, str, int] | None = None  # field, file name, size

    def handle_raw_input(self, input_data, meta, content_length, boundary, encoding=None):
        self.declared = content_length or 0

    def new_file(self, field_name, file_name, content_type, content_length, charset=None,
                 content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset,
                         content_type_extra)
        self.received = 0
        if self.declared > UPLOAD_MAX_SIZE + UPLOAD_REQUEST_SLACK:
            self._refuse(self.declared)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > UPLOAD_MAX_SIZE:
            self._refuse(self.received)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self, size: int):
        self.refused = (self.field_name, self.file_name or "", size)
        raise StopUpload(connection_reset=True)


class UploadLimitMiddleware:
    """Puts a :class:`RefusedUpload` where the handler stopped, so the form answers with its
    size message. After CsrfViewMiddleware, which has already parsed the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.content_type.startswith("multipart/"):
            return None
        uploaded = request.FILES  # parses the body (if CSRF has not) with the handlers
        for handler in request.upload_handlers:
            if isinstance(handler, LimitedUploadHandler) and handler.refused:
                field, name, size = handler.refused
                if field not in uploaded:
                    uploaded.setlist(field, [RefusedUpload(name, size)])
        return None
