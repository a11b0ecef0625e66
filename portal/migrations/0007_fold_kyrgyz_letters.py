"""Search folds Kyrgyz letters (ө→о, ү→у, ң→н, ё→е) in the index as in the query (portal.folding).

PostgreSQL gets the same folding as a SQL function and its trigger (migration 0006) now builds
the vectors from folded text; the stored folded columns are folded again; and a lexicon of the
index's words (``SearchWord``, trigram-indexed on PostgreSQL) lets a misspelt word find the
word that was meant.
"""

from django.db import migrations
from django.db import models

from portal.folding import SQL_FROM
from portal.folding import SQL_TO

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION portal_fold(text) RETURNS text AS $$
      SELECT translate(lower($1), '{SQL_FROM}', '{SQL_TO}')
    $$ LANGUAGE sql IMMUTABLE PARALLEL SAFE
    """,
    """
    CREATE OR REPLACE FUNCTION portal_searchentry_vectors() RETURNS trigger AS $$
    BEGIN
      NEW.vector_ky :=
        setweight(to_tsvector('simple'::regconfig, portal_fold(coalesce(NEW.title_ky, ''))), 'A') ||
        setweight(to_tsvector('simple'::regconfig, portal_fold(coalesce(NEW.text_ky, ''))), 'B');
      NEW.vector_ru :=
        setweight(to_tsvector('russian'::regconfig, portal_fold(coalesce(NEW.title_ru, ''))), 'A') ||
        setweight(to_tsvector('russian'::regconfig, portal_fold(coalesce(NEW.text_ru, ''))), 'B');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    # Every entry once through the trigger, and its stored folded text folded again.
    f"""
    UPDATE portal_searchentry SET
      title_ky = title_ky,
      folded = translate(folded, '{SQL_FROM}', '{SQL_TO}'),
      title_folded = translate(title_folded, '{SQL_FROM}', '{SQL_TO}')
    """,
    "CREATE INDEX IF NOT EXISTS search_word_trgm ON portal_searchword "
    "USING gist (word gist_trgm_ops)",
]
POSTGRES_BACKWARD = [
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
    "UPDATE portal_searchentry SET title_ky = title_ky",
    "DROP FUNCTION IF EXISTS portal_fold(text)",
]


def forward(apps, schema_editor):
    from portal.folding import fold
    from portal.folding import words

    SearchEntry = apps.get_model("portal", "SearchEntry")
    SearchWord = apps.get_model("portal", "SearchWord")
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    else:
        entries = []
        for entry in SearchEntry.objects.only("pk", "folded", "title_folded").iterator():
            entry.folded, entry.title_folded = fold(entry.folded), fold(entry.title_folded)
            entries.append(entry)
        SearchEntry.objects.bulk_update(entries, ["folded", "title_folded"], batch_size=500)
    # The lexicon of what is indexed now; later writes keep it (portal.search).
    lexicon = set()
    for folded in SearchEntry.objects.values_list("folded", flat=True).iterator():
        lexicon.update(words(folded))
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, length=len(w)) for w in lexicon], batch_size=500,
        ignore_conflicts=True,
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_search_vector_trigger")]
    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "word",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="word"
                    ),
                ),
                (
                    "length",
                    models.PositiveSmallIntegerField(db_index=True, verbose_name="length"),
                ),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        migrations.RunPython(forward, backward),
    ]
