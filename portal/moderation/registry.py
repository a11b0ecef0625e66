"""The kinds of citizen text the moderation core looks after.

Each app registers its kinds in its ``registrations.py`` (autodiscovered by ``portal.apps``)::

    moderation.register(
        Comment,
        label=_("Comment on an event"),
        municipality="event__municipality",
        url=lambda comment: f"{comment.event.get_absolute_url()}#comment-{comment.pk}",
        is_public=lambda comment: comment.event.is_public,
        related=("event",),
    )

The core never names an app: it asks the registry for the kind of an object (by model), and
the queue loads each kind's texts with the kind's own ``related`` rows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    label: str | Promise  # "Comment on an event", translated when shown
    url: Callable[[Any], str]  # where the text is shown (with its anchor)
    municipality: str = "municipality"  # the path to the municipality ("event__municipality")
    author: str = "author"  # the field of the person who wrote it
    date: str = "created"  # the field of when it was written
    text: Callable[[Any], str] = field(default=lambda obj: obj.text)  # what the queue shows
    is_public: Callable[[Any], bool] = field(default=lambda obj: True)  # apart from hiding
    related: tuple[str, ...] = ()  # select_related for the queue, besides author and unit

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    def municipality_of(self, obj: Any) -> Any:
        value = obj
        for part in self.municipality.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def municipality_id_of(self, obj: Any) -> int | None:
        unit = self.municipality_of(obj)
        return unit.pk if unit is not None else None

    def author_id_of(self, obj: Any) -> int | None:
        value: int | None = getattr(obj, f"{self.author}_id", None)
        return value

    def queryset(self) -> models.QuerySet[Any]:
        fields = {self.author, self.municipality, *self.related}
        return self.model._default_manager.select_related(*sorted(fields))


_KINDS: dict[str, Kind] = {}


def register(model: type[models.Model], **options: Any) -> Kind:
    """Register a kind of citizen text; its model must be a ``Hideable``."""
    kind = Kind(model=model, **options)
    _KINDS[kind.key] = kind
    kind_for_model.cache_clear()
    return kind


def kinds() -> list[Kind]:
    return list(_KINDS.values())


def get(key: str) -> Kind | None:
    """The kind registered under ``app_label.modelname``, or None."""
    return _KINDS.get(key)


@functools.cache
def kind_for_model(model: type[models.Model]) -> Kind | None:
    concrete = model._meta.concrete_model
    for kind in _KINDS.values():
        if kind.model is concrete or kind.model is model:
            return kind
    return None


def kind_of(obj: Any) -> Kind | None:
    """The registered kind of this object, or None if it is not a moderated text."""
    if not isinstance(obj, models.Model):
        return None
    return kind_for_model(type(obj))
