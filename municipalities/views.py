from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.shortcuts import render

from portal.views import section_landing

from . import selectors
from .models import Municipality


def landing(request):
    return section_landing(
        request, "municipalities", {"top_units": selectors.top_level_units()}
    )


def detail(request, slug: str):
    unit = get_object_or_404(
        Municipality.objects.select_related("parent__parent__parent"), slug=slug
    )
    page = Paginator(selectors.unit_children(unit), settings.PAGE_SIZE * 4).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "municipalities/municipality_detail.html",
        {"unit": unit, "ancestors": selectors.unit_ancestors(unit), "children_page": page},
    )
