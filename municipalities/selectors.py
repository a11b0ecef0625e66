"""Reads of the directory. Each returns a queryset that already fetched what pages show."""

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet

from .models import Municipality

TOP_LEVEL_KINDS = (Municipality.Kind.OBLAST, Municipality.Kind.CITY_REPUBLICAN)


def top_level_units() -> QuerySet[Municipality]:
    return (
        Municipality.objects.filter(kind__in=TOP_LEVEL_KINDS, parent__isnull=True)
        .annotate(children_count=Count("children", filter=Q(children__valid_to__isnull=True)))
        .order_by("kind", "name")
    )


def unit_children(unit: Municipality) -> QuerySet[Municipality]:
    return (
        unit.children.annotate(children_count=Count("children"))
        .order_by("valid_to", "kind", "name")
    )


def unit_ancestors(unit: Municipality) -> list[Municipality]:
    """Oblast › rayon › … for breadcrumbs; the tree is at most four levels deep."""
    chain = []
    current = unit.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))
