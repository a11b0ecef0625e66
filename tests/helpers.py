"""Helpers shared by the tests of several apps."""

import io

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
