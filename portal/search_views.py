"""The site-wide search page."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from municipalities.selectors import unit_by_slug

from . import search


class CappedPaginator(Paginator):
    """Counting every match of a common word is slow and tells the reader nothing more."""

    cap = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap].count()

    @property
    def is_capped(self) -> bool:
        return self.count >= self.cap


@require_GET
def search_page(request):
    query = search.clean_query(request.GET.get("q"))
    kind = request.GET.get("type") or ""
    if kind not in search.REGISTRY:
        kind = ""
    municipality = None
    if request.GET.get("municipality"):
        municipality = unit_by_slug(request.GET["municipality"])
    page, meant, also = None, [], []
    if query:
        read = search.interpret(query)
        results = search.search(read, kinds=[kind] if kind else None, municipality=municipality)
        page = CappedPaginator(results, settings.PAGE_SIZE).get_page(request.GET.get("page"))
        page.hits = [search.to_hit(entry, read) for entry in page.object_list]
        also = read.also
        if page.number == 1:
            meant = search.units_meant(read)
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "kind": kind,
            "kinds": [(key, s.label) for key, s in search.REGISTRY.items()],
            "municipality": municipality,
            "page": page,
            "units_meant": meant,
            "also": also,
            "too_long": len(request.GET.get("q") or "") > search.MAX_QUERY_LENGTH,
        },
    )
