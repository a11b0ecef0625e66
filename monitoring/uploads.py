"""Evidence uploads: the type is read from the content, not from the name or the browser."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from portal.formats import filesize

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# signature -> (content type, extension, kind)
_SIGNATURES = [
    (b"\xff\xd8\xff", ("image/jpeg", "jpg", "photo")),
    (b"\x89PNG\r\n\x1a\n", ("image/png", "png", "photo")),
    (b"%PDF-", ("application/pdf", "pdf", "document")),
]


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    kind: str
    size: int


def _sniff(head: bytes) -> tuple[str, str, str] | None:
    for signature, found in _SIGNATURES:
        if head.startswith(signature):
            return found
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ("image/webp", "webp", "photo")
    return None


def checked_upload(upload) -> CheckedUpload:
    """Raise a ValidationError with a clear message unless the file is a photo or a PDF."""
    if upload is None:
        raise ValidationError(_("Choose a file to upload."))
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."))
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesize(size), "limit": filesize(MAX_UPLOAD_BYTES)}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    found = _sniff(head)
    if found is None:
        raise ValidationError(
            _("Only photos (JPEG, PNG, WebP) and PDF documents can be attached.")
        )
    content_type, extension, kind = found
    if kind == "photo":
        try:
            with Image.open(upload) as image:
                image.verify()
        except Exception as error:  # Pillow raises many kinds for a broken image
            raise ValidationError(_("The photo is damaged and cannot be read.")) from error
        finally:
            upload.seek(0)
    return CheckedUpload(content_type=content_type, extension=extension, kind=kind, size=size)
