"""The only way WeasyPrint may read anything: our own static and media files.

No file: URLs, no network, no other host. Anything else is refused, so user content in a
report cannot make the worker read local files or call other servers.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse

MAX_RESOURCE_BYTES = 10 * 1024 * 1024


class RefusedResourceError(ValueError):
    """A report tried to load something that is not our own static or media file."""


def _local_path(url: str) -> tuple[str, str]:
    """('static'|'media', relative path) for our own URLs; raise RefusedResourceError otherwise."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc:
        raise RefusedResourceError(f"refused: {parts.scheme}://{parts.netloc}")
    path = unquote(parts.path)
    if ".." in Path(path).parts:
        raise RefusedResourceError("refused: path traversal")
    for kind, prefix in (("static", settings.STATIC_URL), ("media", settings.MEDIA_URL)):
        if path.startswith(prefix):
            return kind, path.removeprefix(prefix)
    raise RefusedResourceError(f"refused: {path} is neither a static nor a media file")


class SafeURLFetcher(URLFetcher):
    def __init__(self) -> None:
        super().__init__(allowed_protocols=("http", "https", "data"), allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            if len(url) > MAX_RESOURCE_BYTES:
                raise RefusedResourceError("refused: data URL too large")
            return super().fetch(url, headers)
        kind, relative = _local_path(url)
        if kind == "static":
            found = finders.find(relative)
            if not found and settings.STATIC_ROOT:
                candidate = Path(settings.STATIC_ROOT) / relative
                found = str(candidate) if candidate.is_file() else None
            if not found:
                raise RefusedResourceError(f"no such static file: {relative}")
            data = Path(found).read_bytes()
        else:
            if not default_storage.exists(relative):
                raise RefusedResourceError(f"no such media file: {relative}")
            with default_storage.open(relative, "rb") as fh:
                data = fh.read(MAX_RESOURCE_BYTES + 1)
        if len(data) > MAX_RESOURCE_BYTES:
            raise RefusedResourceError("refused: resource too large")
        mime = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": mime})
