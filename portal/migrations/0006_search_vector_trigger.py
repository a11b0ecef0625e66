"""PostgreSQL computes each search entry's vectors itself, in a trigger.

Before this, every write of an entry was followed by an UPDATE that filled the vectors: two
writes per row, twice the dead tuples, and the slowest part of a national-scale rebuild. The
trigger keeps the vectors right however a row is written (bulk insert, upsert, update), as
Django's documentation suggests for ``SearchVectorField``. Weights and text configurations are
the ones ``portal.search`` queries with: titles 'A', texts 'B'; 'simple' for Kyrgyz (there is
no Kyrgyz stemmer), 'russian' for Russian.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION portal_searchentry_vectors() RETURNS trigger AS $$
    BEGIN
      NEW.vector_ky :=
        setweight(to_tsvector('simple'::regconfig, coalesce(NEW.title_ky, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, coalesce(NEW.text_ky, '')), 'B');
      NEW.vector_ru :=
        setweight(to_tsvector('russian'::regconfig, coalesce(NEW.title_ru, '')), 'A') ||
        setweight(to_tsvector('russian'::regconfig, coalesce(NEW.text_ru, '')), 'B');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS portal_searchentry_vectors ON portal_searchentry",
    """
    CREATE TRIGGER portal_searchentry_vectors
      BEFORE INSERT OR UPDATE OF title_ky, title_ru, text_ky, text_ru
      ON portal_searchentry FOR EACH ROW EXECUTE FUNCTION portal_searchentry_vectors()
    """,
    # Entries written before the trigger: let it fill their vectors once.
    "UPDATE portal_searchentry SET title_ky = title_ky WHERE vector_ky IS NULL",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS portal_searchentry_vectors ON portal_searchentry",
    "DROP FUNCTION IF EXISTS portal_searchentry_vectors()",
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
    dependencies = [("portal", "0005_following")]
    operations = [migrations.RunPython(forward, backward)]
