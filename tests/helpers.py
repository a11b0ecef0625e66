"""Helpers shared by the tests of several apps."""

import io
from html.parser import HTMLParser

import pypdf


def pdf_text(report) -> str:
    """The text of a stored report's PDF, lines rejoined with single spaces."""
    with report.file.open("rb") as fh:
        pages = pypdf.PdfReader(io.BytesIO(fh.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def migrate_to(targets):
    """Migrate the test database to these (app, migration) nodes; return the historical apps.

    For migration tests marked ``django_db(transaction=True)``: they must end with
    ``migrate_to_latest()`` so the next test finds the database as the code expects it.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migrate(targets).apps


def migrate_to_latest():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    apps = migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return apps


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


class _HxDisableFinder(HTMLParser):
    def __init__(self, needle: str) -> None:
        super().__init__()
        self.needle = needle
        self.stack: list[tuple[str, bool]] = []
        self.found: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.stack.append((tag, any(name == "hx-disable" for name, _ in attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.needle in data:
            self.found.append(any(disabled for _, disabled in self.stack))


def htmx_disabled_around(html: str, text: str) -> list[bool]:
    """For each place ``text`` appears in ``html``: is it inside an element with hx-disable?"""
    finder = _HxDisableFinder(text)
    finder.feed(html)
    return finder.found
