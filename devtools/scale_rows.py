"""Writing generated rows fast: PostgreSQL ``COPY`` with explicit ids, ``bulk_create``
elsewhere (see ``devtools.scale``)."""


from django.db import connection
from django.db import models
from django.utils import timezone

BATCH = 5_000


class Writer:
    """Inserts rows given as dicts of attribute names; missing fields get their defaults."""

    def __init__(self, model: type[models.Model], after: tuple["Writer", ...] = ()):
        self.model = model
        self.after = after  # writers of the rows these refer to: flushed first
        self.fields = list(model._meta.concrete_fields)
        self.table = model._meta.db_table
        now = timezone.now()
        self.defaults: dict[str, object] = {}
        for f in self.fields:
            if f.primary_key:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            else:
                self.defaults[f.attname] = ""
        self.next_id = self._max_id() + 1
        self.rows: list[dict] = []
        self.written = 0

    def _max_id(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{self.table}"')  # noqa: S608
            return cursor.fetchone()[0]

    def add(self, **values) -> int:
        """Queue a row; returns the id it will have."""
        pk = self.next_id
        self.next_id += 1
        values["id"] = pk
        self.rows.append(values)
        if len(self.rows) >= BATCH:
            self.flush()
        return pk

    def flush(self) -> None:
        for parent in self.after:
            parent.flush()
        if not self.rows:
            return
        columns = [f.column for f in self.fields]
        attnames = [f.attname for f in self.fields]
        if connection.vendor == "postgresql":
            quoted = ", ".join(f'"{c}"' for c in columns)
            sql = f'COPY "{self.table}" ({quoted}) FROM STDIN'
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in self.rows:
                    copy.write_row(
                        [_db(row[a]) if a in row else _db(self.defaults[a]) for a in attnames]
                    )
        else:
            objs = []
            for row in self.rows:
                values = {**self.defaults, **row}
                obj = self.model(**{a: values.get(a) for a in attnames})
                objs.append(obj)
            self.model._default_manager.bulk_create(objs, batch_size=500)
        self.written += len(self.rows)
        self.rows = []

    def close(self) -> int:
        self.flush()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # the table name comes from the model, never from input
                sql = "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT COALESCE(MAX(\"id\"), 1) FROM \"{}\"))".format(self.table)  # noqa: E501, S608, UP032
                cursor.execute(sql, [f'"{self.table}"'])
        return self.written


def _db(value):
    if isinstance(value, dict | list):
        import json

        return json.dumps(value)
    return value
