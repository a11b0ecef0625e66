"""The history page of one object, for its municipality's staff and site administrators."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from portal.permissions import require

from . import selectors


def object_history(request, app_label: str, model: str, pk: int):
    obj = selectors.history_object(app_label, model, pk)
    if obj is None:
        raise Http404
    require(request, "history.view_history", obj)
    page = Paginator(selectors.object_history(obj), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    back = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    return render(
        request,
        "history/object_history.html",
        {"object": obj, "kind": obj._meta.verbose_name, "page": page, "back": back},
    )
