"""Pages of the directory and the staff workspace. Reads via selectors, writes via services."""

import datetime
import json
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from portal import files
from portal.exports import csv_response
from portal.htmx import HTMX_VARY
from portal.htmx import wants_fragment
from portal.permissions import can
from portal.permissions import permission_required
from portal.permissions import require
from portal.views import section_landing

from . import selectors
from . import services
from .forms import BodyForm
from .forms import CharterForm
from .forms import DirectoryFilterForm
from .forms import MemberForm
from .forms import MergeForm
from .forms import ProfileForm
from .forms import UnitNamesForm
from .forms import VillageForm
from .models import Body
from .models import Municipality
from .open_data import FIELDS
from .open_data import unit_record

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _unit(slug: str) -> Municipality:
    try:
        return selectors.unit_for_page(slug)
    except Municipality.DoesNotExist:
        raise Http404 from None


def _apply_errors(form, error: ValidationError) -> None:
    """Show a service's validation error on the form instead of a server error."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- public pages ----------------------------------------------------------------------------


def landing(request):
    return section_landing(
        request, "municipalities", {"top_units": selectors.top_level_units()}
    )


@vary_on_headers(*HTMX_VARY)
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.DirectoryFilters()
    page = Paginator(selectors.directory_units(filters), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("print", None)
    template = (
        "municipalities/includes/directory_results.html"
        if wants_fragment(request)
        else "municipalities/directory.html"
    )
    everything = query.copy()
    everything["status"] = "all"
    return render(
        request,
        template,
        {"form": form, "page": page, "query": query.urlencode(), "filters": filters,
         "all_query": everything.urlencode()},
    )


def reform(request):
    """Units that no longer exist and where each went: what the reform changed, for anyone."""
    page = Paginator(selectors.reform_changes(), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "municipalities/reform.html", {"page": page})


def detail(request, slug: str):
    unit = _unit(slug)
    context = {"unit": unit, "ancestors": selectors.unit_ancestors(unit)}
    if unit.kind in selectors.GROUPING_KINDS:
        page = Paginator(selectors.unit_children(unit), settings.PAGE_SIZE * 4).get_page(
            request.GET.get("page")
        )
        context.update(children_page=page, counts=selectors.overview_counts(unit))
        return render(request, "municipalities/overview.html", context)
    profile = selectors.unit_profile(unit)
    if unit.valid_to is not None and not profile["successors"]:
        profile["closed_on"] = unit.valid_to + datetime.timedelta(days=1)
    children = None
    if unit.kind == Municipality.Kind.CITY_REPUBLICAN:
        children = list(selectors.unit_children(unit))
    context.update(
        profile,
        children=children,
        gender=selectors.council_gender_counts(profile["council"]),
        blocks=selectors.profile_blocks(unit),
        may_edit=can(request.user, "municipalities.change_municipality", unit),
    )
    return render(request, "municipalities/municipality_detail.html", context)


def charter_download(request, slug: str):
    unit = _unit(slug)
    charter = getattr(unit, "charter", None)
    if charter is None or not charter.file:
        raise Http404
    return files.serve(
        request,
        charter.file,
        filename=f"{unit.slug}-charter{charter.extension}",
        content_type=charter.content_type,
    )


def open_data(request):
    return render(request, "municipalities/open_data.html", {"fields": FIELDS})


def export_csv(request):
    names = [name for name, _label in FIELDS]
    rows = (
        [record[name] for name in names]
        for record in (unit_record(unit) for unit in selectors.export_units())
    )
    return csv_response("kg-municipalities.csv", rows, header=names, lineterminator="\n")


def export_json(request):
    units = [unit_record(unit) for unit in selectors.export_units()]
    body = json.dumps(
        {
            "fields": [name for name, _label in FIELDS],
            "count": len(units),
            "units": units,
        },
        ensure_ascii=False,
        indent=1,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- staff workspace -------------------------------------------------------------------------


def workspace(request, slug: str):
    unit = _unit(slug)
    require(request, "municipalities.change_municipality", unit)
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit),
        **selectors.unit_profile(unit),
        "may_view_history": can(request.user, "history.view_history", unit),
        "may_rename": can(request.user, "municipalities.rename_municipality", unit),
    }
    return render(request, "municipalities/workspace.html", context)


def _form_page(request, unit, form, title: "StrOrPromise", **extra):
    return render(
        request,
        "municipalities/workspace_form.html",
        {"unit": unit, "form": form, "title": title, "ancestors": selectors.unit_ancestors(unit),
         **extra},
    )


def _done(request, unit):
    messages.success(request, _("Saved. The change has been recorded in the history."))
    return redirect("municipalities:workspace", slug=unit.slug)


@require_http_methods(["GET", "POST"])
def profile_edit(request, slug: str):
    unit = _unit(slug)
    require(request, "municipalities.change_municipality", unit)
    form = ProfileForm(request.POST or None, instance=Municipality(
        description_ky=unit.description_ky, description_ru=unit.description_ru
    ))
    if request.method == "POST" and form.is_valid():
        services.municipality_update(
            municipality=unit, actor=request.user, data=form.cleaned_data
        )
        return _done(request, unit)
    return _form_page(request, unit, form, _("About the municipality"))


@require_http_methods(["GET", "POST"])
def names_edit(request, slug: str):
    """Correct or confirm the unit's names (managers of the unit and site administrators)."""
    unit = _unit(slug)
    require(request, "municipalities.rename_municipality", unit)
    form = UnitNamesForm(
        request.POST or None, initial={"name_ky": unit.name_ky, "name_ru": unit.name_ru}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_rename(
                municipality=unit, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return _done(request, unit)
    return _form_page(
        request, unit, form, _("Name of the unit"), submit=_("Save the names as checked")
    )


@require_http_methods(["GET", "POST"])
def body_edit(request, slug: str, kind: str):
    unit = _unit(slug)
    if kind not in Body.Kind.values:
        raise Http404
    body = selectors.unit_body(unit, kind)
    require(request, "municipalities.change_body", body or unit)
    form = BodyForm(
        request.POST or None, instance=body or Body(municipality=unit, kind=kind), kind=kind
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.body_save(
                municipality=unit, kind=kind, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return _done(request, unit)
    return _form_page(request, unit, form, Body.Kind(kind).label)


@require_http_methods(["GET", "POST"])
def member_edit(request, slug: str, kind: str, pk: int | None = None):
    unit = _unit(slug)
    body = selectors.body_for_edit(unit, kind)
    member = None
    if pk is not None:
        member = selectors.member_for_edit(unit=unit, kind=kind, pk=pk)
    require(request, "municipalities.change_member", member or body)
    form = MemberForm(request.POST or None, instance=member, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_save(
                body=body, member=member, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return _done(request, unit)
    title = _("Change a person") if member else _("Add a person")
    return _form_page(request, unit, form, f"{title}: {body}", member=member)


@require_http_methods(["POST"])
def member_delete(request, slug: str, kind: str, pk: int):
    unit = _unit(slug)
    member = selectors.member_for_edit(unit=unit, kind=kind, pk=pk)
    require(request, "municipalities.change_member", member)
    services.member_delete(member=member, actor=request.user)
    messages.success(request, _("Removed. The change has been recorded in the history."))
    return redirect("municipalities:workspace", slug=unit.slug)


@require_http_methods(["GET", "POST"])
def village_edit(request, slug: str, pk: int | None = None):
    unit = _unit(slug)
    village = None
    if pk is not None:
        village = selectors.village_for_edit(unit, pk)
    require(request, "municipalities.change_village", village or unit)
    form = VillageForm(request.POST or None, instance=village)
    if request.method == "POST" and form.is_valid():
        try:
            services.village_save(
                municipality=unit, village=village, actor=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return _done(request, unit)
    title = _("Change a village") if village else _("Add a village")
    return _form_page(request, unit, form, title, village=village)


@require_http_methods(["POST"])
def village_delete(request, slug: str, pk: int):
    unit = _unit(slug)
    village = selectors.village_for_edit(unit, pk)
    require(request, "municipalities.change_village", village)
    services.village_delete(village=village, actor=request.user)
    messages.success(request, _("Removed. The change has been recorded in the history."))
    return redirect("municipalities:workspace", slug=unit.slug)


@require_http_methods(["GET", "POST"])
def charter_edit(request, slug: str):
    unit = _unit(slug)
    charter = getattr(unit, "charter", None)
    require(request, "municipalities.change_charter", charter or unit)
    form = CharterForm(request.POST or None, request.FILES or None, instance=charter)
    if charter is None:
        form.fields["file"].required = True
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        try:
            services.charter_upload(
                municipality=unit, actor=request.user, data=data, upload=upload
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            return _done(request, unit)
    return _form_page(request, unit, form, _("Community charter"), multipart=True)


def history(request, slug: str):
    unit = _unit(slug)
    require(request, "history.view_history", unit)
    page = Paginator(selectors.change_history(unit), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "municipalities/history.html",
        {"unit": unit, "page": page, "ancestors": selectors.unit_ancestors(unit)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("municipalities.merge_municipality")
def merge(request):
    initial = {"predecessors": request.GET.getlist("predecessors")}
    form = MergeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        predecessors = list(data.pop("predecessors"))
        date = data.pop("date")
        note_ky, note_ru = data.pop("note_ky"), data.pop("note_ru")
        data["parent"] = predecessors[0].parent
        try:
            successor = services.units_merge(
                predecessors=predecessors, data=data, date=date, actor=request.user,
                note_ky=note_ky, note_ru=note_ru,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The merger has been recorded."))
            return redirect(successor.get_absolute_url())
    return render(request, "municipalities/merge.html", {"form": form})

