"""Reads of the directory. Each returns what its page shows in a fixed number of queries."""

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.history import selectors as history_selectors
from portal.history.models import Change

from . import profile_blocks as profile_block_registry
from .models import Body
from .models import Member
from .models import Municipality
from .models import StaffMembership
from .models import Succession
from .models import Village
from .models import fold_for_search

logger = logging.getLogger(__name__)

TOP_LEVEL_KINDS = (Municipality.Kind.OBLAST, Municipality.Kind.CITY_REPUBLICAN)
# Units that group others: oblast and rayon overview pages list what they hold.
GROUPING_KINDS = (
    Municipality.Kind.OBLAST,
    Municipality.Kind.RAYON,
    Municipality.Kind.CITY_DISTRICT,
)


def top_level_units() -> QuerySet[Municipality]:
    return (
        Municipality.objects.filter(kind__in=TOP_LEVEL_KINDS, parent__isnull=True)
        .annotate(children_count=Count("children", filter=Q(children__valid_to__isnull=True)))
        .order_by("kind", "name")
    )


def unit_children(unit: Municipality) -> QuerySet[Municipality]:
    return unit.children.annotate(children_count=Count("children")).order_by(
        "valid_to", "kind", "name"
    )


def unit_ancestors(unit: Municipality) -> list[Municipality]:
    """Oblast › rayon › … for breadcrumbs; load the unit with select_related of its parents."""
    chain = []
    current = unit.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


# --- the directory ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    oblast: Municipality | None = None
    rayon: Municipality | None = None
    kind: str = ""
    # "current" (the default: units that still exist), "superseded", "pre_reform", "all"
    status: str = "current"


def directory_units(filters: DirectoryFilters) -> QuerySet[Municipality]:
    """Every unit matching the filters, with its parent and grandparent for the list."""
    units = Municipality.objects.select_related("parent__parent")
    if filters.q:
        units = units.filter(search_text__contains=fold_for_search(filters.q))
    if filters.oblast is not None:
        units = units.filter(
            Q(parent_id=filters.oblast.pk) | Q(parent__parent_id=filters.oblast.pk)
        )
    if filters.rayon is not None:
        units = units.filter(parent_id=filters.rayon.pk)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.status in ("current", ""):
        units = units.filter(current_units())
    elif filters.status == "pre_reform":
        units = units.filter(is_pre_reform=True)
    elif filters.status == "superseded":
        units = units.exclude(current_units())
    return units.order_by("name_ru", "pk")


def current_units() -> Q:
    """Units that exist today: no last day, or one still to come."""
    return Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate())


def oblast_choices() -> QuerySet[Municipality]:
    return Municipality.objects.filter(kind__in=TOP_LEVEL_KINDS).order_by("name_ru")


def rayon_choices(oblast: Municipality | None = None) -> QuerySet[Municipality]:
    rayons = Municipality.objects.filter(
        kind__in=(Municipality.Kind.RAYON, Municipality.Kind.CITY_DISTRICT)
    )
    if oblast is not None:
        rayons = rayons.filter(parent_id=oblast.pk)
    return rayons.select_related("parent").order_by("name_ru")


def export_units() -> QuerySet[Municipality]:
    """The whole directory for open data: parents and successors fetched with it."""
    return (
        Municipality.objects.select_related("parent")
        .prefetch_related(
            Prefetch(
                "successions_out",
                queryset=Succession.objects.select_related("successor").order_by("date"),
            )
        )
        .order_by("soate", "slug")
    )


def reform_changes() -> QuerySet[Municipality]:
    """Units that no longer exist, newest change first, each with where it went (2 queries)."""
    return (
        Municipality.objects.exclude(current_units())
        .select_related("parent__parent")
        .prefetch_related(
            Prefetch(
                "successions_out",
                queryset=Succession.objects.select_related("successor").order_by("date", "pk"),
            )
        )
        .order_by("-valid_to", "name_ru", "pk")
    )


# --- one unit --------------------------------------------------------------------------------


def unit_for_page(slug: str) -> Municipality:
    """A unit with its ancestors (the tree is at most four levels deep)."""
    return Municipality.objects.select_related("parent__parent__parent", "charter").get(
        slug=slug
    )


def unit_profile(unit: Municipality) -> dict[str, Any]:
    """Bodies with their people, villages and reform history of one unit: four queries."""
    bodies = list(
        Body.objects.filter(municipality=unit).prefetch_related(
            Prefetch("members", queryset=Member.objects.order_by("order", "full_name"))
        )
    )
    villages = list(Village.objects.filter(municipality=unit).order_by("name_ky", "name_ru"))
    successions = list(
        Succession.objects.filter(Q(predecessor=unit) | Q(successor=unit)).select_related(
            "predecessor", "successor"
        )
    )
    return {
        "council": next((b for b in bodies if b.kind == Body.Kind.COUNCIL), None),
        "executive": next((b for b in bodies if b.kind == Body.Kind.EXECUTIVE), None),
        "villages": villages,
        "successors": [s for s in successions if s.predecessor_id == unit.pk],
        "predecessors": [s for s in successions if s.successor_id == unit.pk],
    }


def council_gender_counts(council: Body | None) -> dict[str, int]:
    """Women and men among the council's people (from the prefetched members)."""
    if council is None:
        return {"female": 0, "male": 0}
    members = council.members.all()
    return {
        "female": sum(1 for m in members if m.gender == Member.Gender.FEMALE),
        "male": sum(1 for m in members if m.gender == Member.Gender.MALE),
    }


def profile_blocks(unit: Municipality) -> list[dict[str, Any]]:
    """One block per registered section (municipalities.profile_blocks), or an honest empty
    state when its hook has nothing or fails."""
    blocks = []
    for registration in profile_block_registry.registered():
        try:
            with transaction.atomic():  # a savepoint: a failed query leaves the page usable
                block = registration.hook(unit)
        except Exception:  # one section's failure must not take the profile down
            logger.exception("profile block %s failed for %s", registration.key, unit.slug)
            block = None
        block = block or {}
        blocks.append(
            {
                "key": registration.key,
                "title": block.get("title") or str(registration.title),
                "items": list(block.get("items") or [])[:5],
                "more_url": block.get("more_url"),
                "empty_text": block.get("empty_text") or str(registration.empty_text),
            }
        )
    return blocks


def overview_counts(unit: Municipality) -> list[dict[str, Any]]:
    """How many units of each type lie within an oblast or rayon (one query)."""
    rows = (
        Municipality.objects.filter(Q(parent=unit) | Q(parent__parent=unit))
        .values("kind")
        .annotate(
            total=Count("pk"),
            pre_reform=Count("pk", filter=Q(is_pre_reform=True)),
            superseded=Count("pk", filter=Q(valid_to__isnull=False)),
        )
        .order_by("kind")
    )
    labels = dict(Municipality.Kind.choices)
    return [{**row, "label": labels.get(row["kind"], row["kind"])} for row in rows]


def change_history(unit: Municipality) -> QuerySet[Change]:
    """Everything recorded in the one history for this unit, newest first."""
    return history_selectors.unit_history(unit)


# --- single reads of the staff pages ----------------------------------------------------------


def unit_body(unit: Municipality, kind: str) -> Body | None:
    """The unit's council or executive, None while it has none."""
    return Body.objects.filter(municipality=unit, kind=kind).first()


def body_for_edit(unit: Municipality, kind: str) -> Body:
    return get_object_or_404(Body, municipality=unit, kind=kind)


def member_for_edit(*, unit: Municipality, kind: str, pk: int) -> Member:
    """A person of the unit's body of this kind, else 404."""
    return get_object_or_404(
        Member.objects.select_related("body__municipality"),
        pk=pk, body__kind=kind, body__municipality=unit,
    )


def village_for_edit(unit: Municipality, pk: int) -> Village:
    return get_object_or_404(Village, pk=pk, municipality=unit)


def unit_by_slug(slug: str) -> Municipality | None:
    """The unit a filter names, None for an unknown address name."""
    return Municipality.objects.filter(slug=slug[:120]).first()


def user_memberships(user: Any) -> QuerySet[StaffMembership]:
    """Where the user works as staff, by municipality name (the profile page)."""
    return StaffMembership.objects.filter(user=user).select_related("municipality").order_by(
        "municipality__name"
    )
