"""Evidence uploads: the type is read from the content, not from the name or the browser."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.formats import filesize
from portal.uploads import JPEG
from portal.uploads import PDF
from portal.uploads import PNG
from portal.uploads import WEBP
from portal.uploads import sniff

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The types evidence may be, by what the content is (portal.uploads reads it), and its kind.
KINDS = {PNG: "photo", JPEG: "photo", WEBP: "photo", PDF: "document"}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    kind: str
    size: int


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
    found = sniff(upload)
    if found not in KINDS:
        raise ValidationError(
            _("Only photos (JPEG, PNG, WebP) and PDF documents can be attached.")
        )
    # sniff has already decoded a photo to its end and parsed a PDF (portal.uploads).
    content_type, extension, kind = found.content_type, found.extension, KINDS[found]
    return CheckedUpload(content_type=content_type, extension=extension, kind=kind, size=size)
