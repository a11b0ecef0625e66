"""Reads of the history: an object's entries (its own and its parts'), a unit's, the public ones."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models import QuerySet

from .models import Change


def _about(obj: models.Model) -> Q:
    content_type = ContentType.objects.get_for_model(obj)
    return Q(content_type=content_type, object_id=obj.pk) | Q(
        parent_type=content_type, parent_id=obj.pk
    )


def object_history(obj: models.Model, *, public_only: bool = False) -> QuerySet[Change]:
    """What was done to the object and to its parts, newest first (a municipality: everything
    recorded for the unit)."""
    from municipalities.models import Municipality

    where = _about(obj)
    if isinstance(obj, Municipality):
        where |= Q(municipality=obj)
    entries = Change.objects.filter(where).select_related("actor", "content_type")
    if public_only:
        entries = entries.filter(is_public=True)
    return entries.order_by("-at", "-pk")


def unit_history(unit: Any) -> QuerySet[Change]:
    """Everything recorded for a municipality (its directory page's history)."""
    return object_history(unit)


def public_timeline(obj: models.Model) -> list[dict[str, Any]]:
    """The public entries of an object and its parts, oldest first, in one query: what the
    citizens' block says ("published on …, withdrawn on …")."""
    rows = (
        Change.objects.filter(_about(obj), is_public=True)
        .order_by("at", "pk")
        .values("at", "verb", "object_label", "content_type_id", "object_id")
    )
    own_type = ContentType.objects.get_for_model(obj).pk
    from .models import Verb

    labels = dict(Verb.choices)
    return [
        {
            "at": row["at"],
            "verb": row["verb"],
            "label": labels.get(row["verb"], row["verb"]),
            "part": ""
            if (row["content_type_id"] == own_type and row["object_id"] == obj.pk)
            else row["object_label"],
        }
        for row in rows
    ]


# The apps whose staff writes are recorded; other kinds of object have no history page.
HISTORY_APPS = frozenset(
    {"municipalities", "participation", "lawmaking", "budgets", "monitoring", "practices",
     "questions"}
)


def history_object(app_label: str, model_name: str, pk: int) -> models.Model | None:
    """The object a history page is about, or None (unknown kind or no such object)."""
    if app_label not in HISTORY_APPS:
        return None
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=pk).first()
