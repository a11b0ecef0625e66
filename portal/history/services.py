"""The one way to write the history of staff changes: every app's services call ``record``.

``record(actor=, obj=, verb=, changes=None, comment="", parent=None, public=None)`` writes one
entry; ``build`` makes one unsaved (for bulk loads, saved with ``record_many``). Whether an
entry is public follows from its verb (``models.PUBLIC_VERBS``) unless ``public`` says
otherwise. ``snapshot``/``snapshot_saved`` + ``diff`` compute ``{field: [old, new]}``;
``fields_of`` names a model's fields with their modeltranslation columns (``_ky``, ``_ru``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from .models import PUBLIC_VERBS
from .models import Change

# Columns that are bookkeeping, never an edit worth showing.
SKIPPED_FIELDS = frozenset({"id", "created", "modified", "search_text"})
# Keys of changes that are not fields of the object (reform records, statuses of a child).
EXTRA_LABELS = {
    "predecessors": _("predecessors"),
    "successor": _("successor"),
    "succession": _("kind of succession"),
    "lines": _("budget lines"),
    "revision": _("revision"),
    "clauses": _("clauses"),
    "tallies": _("offline tallies"),
    "attendance": _("attendance by group"),
    "villages": _("attendance by village"),
    "reference_shares": _("population shares"),
}
LANGS = [code for code, _name in settings.LANGUAGES]


def municipality_of(obj: Any) -> Any:
    """The municipality an object belongs to, following the usual paths of the apps."""
    from municipalities.models import Municipality

    if obj is None:
        return None
    if isinstance(obj, Municipality):
        return obj
    for path in (
        "municipality", "cycle", "budget", "body", "draft", "event", "group", "act",
        "evaluation", "practice", "story", "question",
    ):
        try:
            value = getattr(obj, path, None)
        except models.ObjectDoesNotExist:
            value = None
        if value is None:
            continue
        if path == "municipality":
            return value
        return municipality_of(value)
    return None


def _actor(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def build(
    *,
    actor: Any,
    obj: models.Model,
    verb: str,
    changes: dict[str, Any] | None = None,
    comment: str = "",
    parent: models.Model | None = None,
    public: bool | None = None,
    municipality: Any = None,
    source_file: str = "",
    at: datetime.datetime | None = None,
) -> Change:
    """An unsaved entry (for bulk writes); ``record`` saves one."""
    entry = Change(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_label=str(obj)[:300],
        municipality=municipality if municipality is not None else municipality_of(obj),
        actor=_actor(actor),
        verb=verb,
        changes=changes or {},
        comment=comment or "",
        source_file=(source_file or "")[:200],
        is_public=(verb in PUBLIC_VERBS) if public is None else public,
    )
    if parent is not None:
        entry.parent_type = ContentType.objects.get_for_model(parent)
        entry.parent_id = parent.pk
    if at is not None:
        entry.at = at
    return entry


def record(
    *,
    actor: Any,
    obj: models.Model,
    verb: str,
    changes: dict[str, Any] | None = None,
    comment: str = "",
    parent: models.Model | None = None,
    public: bool | None = None,
    municipality: Any = None,
    source_file: str = "",
) -> Change:
    """Write down one thing staff did to ``obj`` (called inside the app's atomic service)."""
    entry = build(
        actor=actor, obj=obj, verb=verb, changes=changes, comment=comment, parent=parent,
        public=public, municipality=municipality, source_file=source_file,
    )
    entry.full_clean(exclude=["content_type", "parent_type", "municipality", "actor"])
    entry.save()
    return entry


def record_many(entries: list[Change]) -> None:
    """Save entries made by ``build`` in bulk (a file load writes hundreds at once)."""
    Change.objects.bulk_create(entries, batch_size=500)


# --- what changed ------------------------------------------------------------------------------


def fields_of(model: type[models.Model], names: list[str] | tuple[str, ...] | None = None
              ) -> list[str]:
    """Field names to compare, a translated field as its language columns (title_ky, title_ru).

    Without ``names``: every concrete, editable field but bookkeeping ones.
    """
    from modeltranslation.translator import NotRegistered
    from modeltranslation.translator import translator

    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    if names is None:
        names = [
            field.name
            for field in model._meta.concrete_fields
            if field.editable and field.name not in SKIPPED_FIELDS
            and not getattr(field, "translated_field", None)
        ]
    result = []
    for name in names:
        if name in translated:
            result += [f"{name}_{code}" for code in LANGS]
        else:
            result.append(name)
    return result


def plain(value: Any) -> Any:
    """A value as the history keeps it: JSON, and an empty text the same as none."""
    if value == "" or value is None:
        return None
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _column(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return getattr(field, "attname", name)


def _is_relation(model: type[models.Model], name: str) -> bool:
    try:
        return bool(model._meta.get_field(name).is_relation)
    except FieldDoesNotExist:
        return False


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The object's values now (foreign keys as ids)."""
    return {name: plain(getattr(obj, _column(type(obj), name))) for name in fields}


def snapshot_saved(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values stored in the database (a bound form has already changed the instance);
    empty for an object not saved yet."""
    if obj.pk is None:
        return {}
    model = type(obj)
    columns = {name: _column(model, name) for name in fields}
    row = model._default_manager.filter(pk=obj.pk).values(*columns.values()).first()
    if row is None:
        return {}
    return {name: plain(row[column]) for name, column in columns.items()}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for each field whose value differs."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The field's verbose name as the page shows it (a language column says its language)."""
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    if model is not None:
        base, _sep, lang = name.rpartition("_")
        try:
            if lang in LANGS and base:
                field = model._meta.get_field(base)
                return f"{getattr(field, 'verbose_name', base)} ({lang})"
            field = model._meta.get_field(name.removesuffix("_id"))
        except FieldDoesNotExist:
            return name
        return str(getattr(field, "verbose_name", name))
    return name


def before(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Take before a save: the stored values of the fields the history compares."""
    return snapshot_saved(obj, fields if fields is not None else fields_of(type(obj)))


def record_saved(
    *,
    actor: Any,
    obj: models.Model,
    before: dict[str, Any],
    created: bool,
    fields: list[str] | None = None,
    parent: models.Model | None = None,
    comment: str = "",
    verb: str | None = None,
) -> Change | None:
    """After a save: "created" with the values given, or "changed" with what differs from
    ``before`` (nothing written when nothing changed)."""
    from .models import Verb

    after = snapshot(obj, fields if fields is not None else fields_of(type(obj)))
    if created:
        # A new object's own values; its links (municipality, author…) are on its page.
        changes = {
            name: [None, value]
            for name, value in after.items()
            if value is not None and not _is_relation(type(obj), name)
        }
    else:
        changes = diff(before, after)
        if not changes:
            return None
    return record(
        actor=actor,
        obj=obj,
        verb=Verb.CREATED if created else (verb or Verb.CHANGED),
        changes=changes,
        comment=comment,
        parent=parent,
    )


def record_deleted(
    *,
    actor: Any,
    obj: models.Model,
    parent: models.Model | None = None,
    fields: list[str] | None = None,
) -> Change:
    """Before a delete: the object's last values, so the history still says what it was."""
    from .models import Verb

    values = snapshot(obj, fields if fields is not None else fields_of(type(obj)))
    return record(
        actor=actor,
        obj=obj,
        verb=Verb.DELETED,
        changes={name: [value, None] for name, value in values.items() if value is not None},
        parent=parent,
    )


def display_value(model: type[models.Model] | None, name: str, value: Any) -> Any:
    """A kept value as the page shows it: a choice by its label, a date as the portal writes
    dates; anything else as kept."""
    from portal import formats

    if value is None or model is None:
        return value
    base, _sep, lang = name.rpartition("_")
    try:
        field = model._meta.get_field(base if lang in LANGS and base else name)
    except FieldDoesNotExist:
        return value
    choices = dict(getattr(field, "flatchoices", None) or ())
    if choices and isinstance(value, str | int) and value in choices:
        return str(choices[value])
    if isinstance(value, str) and isinstance(field, models.DateTimeField):
        try:
            return formats.datetime_numeric(datetime.datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and isinstance(field, models.DateField):
        try:
            return formats.date_numeric(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return value
