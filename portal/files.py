"""Serving uploaded files: the one place that answers with a stored file.

Nothing under MEDIA_URL is routed in production; every uploaded file is reached through a view
that first checks the object's visibility and then calls :func:`serve`. The answer is always a
download (``Content-Disposition: attachment``) of the type recorded when the file was checked
at upload, with ``nosniff`` and a sandboxing Content-Security-Policy, so a browser never runs
or renders a file as a page of this site.

With ``FILES_ACCEL_REDIRECT_PREFIX`` set (e.g. ``/protected-media/``), the view does not stream
the file: it answers an empty response with ``X-Accel-Redirect: <prefix><file name>`` and nginx
sends the file from an ``internal`` location (see docker-compose.yml and the README).
"""

from typing import TypeVar
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.forms import ClearableFileInput
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from portal.uploads import BY_EXTENSION
from portal.uploads import OLE

R = TypeVar("R", bound=HttpResponseBase)

SANDBOX_CSP = "default-src 'none'; sandbox"
GENERIC_TYPE = "application/octet-stream"


def content_type_of(field_file: FieldFile) -> str:
    """The type of a file stored under a generated name: its extension is the one the upload
    check agreed with the content (``GeneratedName``), so it names the checked type."""
    name = field_file.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    types = BY_EXTENSION.get(extension)
    if not types or types[0] is OLE:
        return GENERIC_TYPE
    return types[0].content_type


def _headers(response: R, *, filename: str, private: bool) -> R:
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def serve(
    request: HttpRequest,
    field_file: FieldFile,
    *,
    filename: str,
    content_type: str,
    private: bool = False,
) -> HttpResponseBase:
    """The stored file as a download; 404 when there is none. ``private``: not for shared
    caches (a file of unpublished content shown to its editors)."""
    if not field_file or not field_file.name:
        raise Http404
    prefix = getattr(settings, "FILES_ACCEL_REDIRECT_PREFIX", "")
    content_type = content_type or GENERIC_TYPE
    if prefix:
        if not field_file.storage.exists(field_file.name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
        return _headers(response, filename=filename, private=private)
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    streamed = FileResponse(handle, content_type=content_type)
    return _headers(streamed, filename=filename, private=private)


class _Linked:
    """A stored file as the clearable file input shows it: its base name, linking to the view
    that serves it (never to MEDIA_URL)."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class StoredFileInput(ClearableFileInput):
    """ClearableFileInput whose "currently" link goes to a serving view (``download_url``, set by
    the form for a saved object) instead of the storage's /media/ address."""

    download_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            base = str(getattr(value, "name", value) or "").rsplit("/", 1)[-1]
            context["widget"]["value"] = _Linked(base, self.download_url)
        return context
