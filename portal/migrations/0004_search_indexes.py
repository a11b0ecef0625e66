"""PostgreSQL-only parts of search: the trigram extension and GIN indexes.

The demo database (SQLite) has neither; there search falls back to substring matching.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_vector_ky_gin ON portal_searchentry USING gin (vector_ky)",
    "CREATE INDEX IF NOT EXISTS search_vector_ru_gin ON portal_searchentry USING gin (vector_ru)",
    "CREATE INDEX IF NOT EXISTS search_title_trgm ON portal_searchentry "
    "USING gin (title_folded gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_title_trgm",
    "DROP INDEX IF EXISTS search_vector_ru_gin",
    "DROP INDEX IF EXISTS search_vector_ky_gin",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_search_entry")]
    operations = [migrations.RunPython(forward, backward)]
