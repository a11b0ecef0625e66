"""Reads of the moderation core: the queue across every kind, blocks and the latest acts."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models import Min
from django.db.models import Q
from django.db.models import QuerySet

from municipalities.models import StaffMembership
from portal.permissions import can

from . import registry
from .models import Flag
from .models import ModerationRecord
from .models import UserBlock
from .registry import Kind


@dataclass
class QueueItem:
    """One flagged text in the queue, whatever its kind."""

    kind: Kind
    obj: Any
    open_flags: int
    flags: list[Flag] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def label(self) -> str:
        return str(self.kind.label)

    @property
    def text(self) -> str:
        return self.kind.text(self.obj)

    @property
    def url(self) -> str:
        return self.kind.url(self.obj)

    @property
    def author(self) -> Any:
        return getattr(self.obj, self.kind.author)

    @property
    def when(self) -> Any:
        return getattr(self.obj, self.kind.date)

    @property
    def municipality(self) -> Any:
        return self.kind.municipality_of(self.obj)


def _staff_scope(user: Any) -> Q:
    """Texts of the user's own municipalities, of every kind: one subquery per kind, read from
    the text itself (so a text that moved to another unit is scoped by where it is now)."""
    units = StaffMembership.objects.filter(user=user).values("municipality")
    scope = Q(pk__in=[])
    for kind in registry.kinds():
        texts = kind.model._default_manager.filter(**{f"{kind.municipality}__in": units})
        scope |= Q(
            content_type=ContentType.objects.get_for_model(kind.model),
            object_id__in=texts.values("pk"),
        )
    return scope


def open_flag_groups(user: Any) -> QuerySet[Flag, dict[str, Any]]:
    """(content type, object, number of open flags) the user may moderate, most flagged first."""
    flags = Flag.objects.filter(is_resolved=False)
    if not can(user, "moderation.moderate_all"):
        flags = flags.filter(_staff_scope(user))
    return (
        flags.values("content_type_id", "object_id")
        .annotate(open_flags=Count("pk"), first_flagged=Min("created"))
        .order_by("-open_flags", "first_flagged", "content_type_id", "object_id")
    )


def queue_page(user: Any, page_number: Any, per_page: int) -> tuple[Page[Any], list[QueueItem]]:
    """A page of the queue: a count and a page of flag groups, one query per kind on the page
    for the texts (with author and municipality), one for the open flags' reasons."""
    page = Paginator(open_flag_groups(user), per_page).get_page(page_number)
    rows = list(page.object_list)
    wanted: dict[int, list[int]] = {}
    for row in rows:
        wanted.setdefault(row["content_type_id"], []).append(row["object_id"])
    objects: dict[tuple[int, int], Any] = {}
    kinds: dict[int, Kind] = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        kind = registry.kind_for_model(model) if model is not None else None
        if kind is None:
            continue
        kinds[content_type_id] = kind
        for obj in kind.queryset().filter(pk__in=ids, is_hidden=False):
            objects[(content_type_id, obj.pk)] = obj
    items: dict[tuple[int, int], QueueItem] = {}
    for row in rows:
        key = (row["content_type_id"], row["object_id"])
        if key in objects:
            items[key] = QueueItem(kinds[key[0]], objects[key], row["open_flags"])
    if items:
        which = Q()
        for content_type_id, ids in wanted.items():
            which |= Q(content_type_id=content_type_id, object_id__in=ids)
        for flag in Flag.objects.filter(which, is_resolved=False).order_by("created", "pk"):
            item = items.get((flag.content_type_id, flag.object_id))
            if item is not None:
                item.flags.append(flag)
    return page, list(items.values())


def blocked_users() -> QuerySet[UserBlock]:
    return UserBlock.objects.select_related("user", "blocked_by").order_by("-created")


def latest_records(user: Any, limit: int = 20) -> list[ModerationRecord]:
    """The latest acts this person may see (moderators: all; staff: their municipalities'),
    with the kind of text each concerned (not the text: it may be hidden)."""
    records_qs = ModerationRecord.objects.select_related("actor", "target_user", "municipality")
    if not can(user, "moderation.moderate_all"):
        records_qs = records_qs.filter(
            municipality__in=StaffMembership.objects.filter(user=user).values("municipality")
        )
    records = list(records_qs[:limit])
    for record in records:
        model = (
            ContentType.objects.get_for_id(record.content_type_id).model_class()
            if record.content_type_id
            else None
        )
        kind = registry.kind_for_model(model) if model is not None else None
        record.kind = kind  # type: ignore[attr-defined]
    return records
