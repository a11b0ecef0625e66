"""Uploaded files: checked by their content (magic bytes), never by their name.

A file is accepted only when its first bytes say it is one of the allowed types and it is not
larger than the limit. It is stored under a generated name (a random hex name with the
extension of the detected type), and served back as a download by ``views.download``.
"""

import os
import re
import uuid

from django.utils import timezone

# The checks live in portal (shared by every section); practices keeps naming and storage.
from portal.uploads import BY_CONTENT_TYPE
from portal.uploads import DOCUMENT_TYPES
from portal.uploads import FILE_MAX_SIZE
from portal.uploads import PHOTO_MAX_SIZE
from portal.uploads import PHOTO_TYPES
from portal.uploads import FileType
from portal.uploads import check_upload
from portal.uploads import sniff

__all__ = [
    "DOCUMENT_TYPES", "FILE_MAX_SIZE", "PHOTO_MAX_SIZE", "PHOTO_TYPES", "check_upload",
    "clean_original_name", "sniff", "upload_to",
]

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
