"""The site-wide search page."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from municipalities.models import Municipality

from . import search


@require_GET
def search_page(request):
    query = search.clean_query(request.GET.get("q"))
    kind = request.GET.get("type") or ""
    if kind not in search.REGISTRY:
        kind = ""
    municipality = None
    if request.GET.get("municipality"):
        municipality = Municipality.objects.filter(slug=request.GET["municipality"][:120]).first()
    page = None
    if query:
        results = search.search(query, kinds=[kind] if kind else None, municipality=municipality)
        page = Paginator(results, settings.PAGE_SIZE).get_page(request.GET.get("page"))
        page.hits = [search.to_hit(entry, query) for entry in page.object_list]
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "kind": kind,
            "kinds": [(key, s.label) for key, s in search.REGISTRY.items()],
            "municipality": municipality,
            "page": page,
            "too_long": len(request.GET.get("q") or "") > search.MAX_QUERY_LENGTH,
        },
    )
