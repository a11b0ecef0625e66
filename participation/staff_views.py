"""Staff pages of civic participation: the list of one's own events, creating and editing
events, their life cycle, documents, alternatives, results and attendance, and a
municipality's population shares. Views check the rule, read through selectors and write
through services; the public pages and residents' actions are in views.py."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.models import Municipality
from portal.i18n import translated
from portal.permissions import permission_required
from portal.permissions import require

from . import selectors
from . import services
from .forms import AlternativeForm
from .forms import AttendanceForm
from .forms import DocumentForm
from .forms import EventForm
from .forms import ReferenceSharesForm
from .forms import ResultsForm
from .forms import TransitionForm
from .models import BalanceGroup
from .models import Event


@permission_required("participation.add_event")
def managed_list(request):
    page = Paginator(selectors.managed_events(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "participation/event_manage_list.html", {"page": page})


# --- Staff: create, edit, life cycle, documents, alternatives, results, attendance -----------


@permission_required("participation.add_event")
def event_create(request):
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        require(request, "participation.manage_events", event.municipality)
        try:
            services.event_save(event=event, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event has been saved as a draft."))
            return redirect(event)
    return render(request, "participation/event_form.html", {"form": form, "event": None})


def event_edit(request, pk: int):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
    require(request, "participation.change_event", event)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_save(event=form.save(commit=False), user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect(event)
    return render(request, "participation/event_form.html", {"form": form, "event": event})


@require_POST
def event_transition(request, pk: int):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
    require(request, "participation.change_event", event)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.event_transition(
                event=event,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason_ky"],
                reason_ru=form.cleaned_data["reason_ru"],
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Status changed to: %(status)s.") % {"status": event.get_status_display()},
            )
    else:
        messages.error(request, _("This change of status is not possible."))
    return redirect(event)


def _staff_form_page(request, pk, template, make_form, save, success):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
    require(request, "participation.change_event", event)
    form = make_form(event, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            save(event, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return redirect(event)
    return render(request, template, {"form": form, "event": event})


def document_add(request, pk: int):
    return _staff_form_page(
        request, pk, "participation/document_form.html",
        lambda event, data, files: DocumentForm(data, files),
        lambda event, form: services.document_add(
            event=event, actor=request.user, **form.cleaned_data
        ),
        _("The document has been added."),
    )


def alternative_add(request, pk: int):
    return _staff_form_page(
        request, pk, "participation/alternative_form.html",
        lambda event, data, files: AlternativeForm(data),
        lambda event, form: services.alternative_add(
            event=event, actor=request.user, **form.cleaned_data
        ),
        _("The alternative has been added."),
    )


def _remove_page(request, event: Event, *, title: str, what: str, remove, success: str):
    """Removal asks first (GET), removes on POST, and says what happened."""
    if request.method == "POST":
        try:
            remove()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
        return redirect(event)
    return render(
        request,
        "participation/confirm_remove.html",
        {"event": event, "page_name": title, "what": what},
    )


def document_remove(request, pk: int, document_pk: int):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
    require(request, "participation.change_event", event)
    document = get_object_or_404(event.documents, pk=document_pk)
    return _remove_page(
        request, event, title=_("Remove a document"), what=translated(document, "title").text,
        remove=lambda: services.document_remove(document=document, actor=request.user),
        success=_("The document has been removed."),
    )


def alternative_remove(request, pk: int, alternative_pk: int):
    event = get_object_or_404(Event.objects.select_related("municipality"), pk=pk)
    require(request, "participation.change_event", event)
    alternative = get_object_or_404(event.alternatives, pk=alternative_pk)
    return _remove_page(
        request, event, title=_("Remove an alternative"),
        what=translated(alternative, "title").text,
        remove=lambda: services.alternative_remove(
            alternative=alternative, actor=request.user
        ),
        success=_("The alternative has been removed."),
    )


def results_edit(request, pk: int):
    def make(event, data, files):
        alternatives = selectors.alternatives_with_tally(event)
        initial = {"decision_ky": event.decision_ky, "decision_ru": event.decision_ru}
        for alternative in alternatives:
            initial[f"tally_{alternative.pk}_hands"] = alternative.hands or None
            initial[f"tally_{alternative.pk}_paper"] = alternative.paper or None
        return ResultsForm(data, files, alternatives=alternatives, initial=initial)

    def save(event, form):
        services.results_save(
            event=event,
            decision_ky=form.cleaned_data["decision_ky"],
            decision_ru=form.cleaned_data["decision_ru"],
            protocol=form.cleaned_data.get("protocol"),
            tallies=form.tallies(),
            actor=request.user,
        )

    return _staff_form_page(
        request, pk, "participation/results_form.html", make, save,
        _("The results have been saved."),
    )


def attendance_edit(request, pk: int):
    def make(event, data, files):
        groups = selectors.active_groups()
        initial = {
            f"group_{group_id}": count
            for group_id, count in event.attendance_counts.values_list("group_id", "count")
        }
        initial["villages"] = "\n".join(
            f"{v.village}: {v.count}" for v in event.village_counts.all()
        )
        return AttendanceForm(data, groups=groups, initial=initial)

    def save(event, form):
        services.attendance_counts_save(
            event=event, counts=form.counts(), villages=form.cleaned_data["villages"],
            actor=request.user,
        )

    return _staff_form_page(
        request, pk, "participation/attendance_form.html", make, save,
        _("Attendance has been recorded."),
    )


# --- Reference population shares -----------------------------------------------------------


def reference_shares_edit(request, slug: str):
    unit = get_object_or_404(Municipality, slug=slug)
    require(request, "participation.manage_events", unit)
    groups = list(selectors.active_groups())
    own = {s.group_id: s for s in unit.reference_shares.all()}
    initial: dict[str, object] = {f"share_{gid}": s.percent for gid, s in own.items()}
    if own:
        initial["source"] = next(iter(own.values())).source
    form = ReferenceSharesForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_shares_save(
                municipality=unit, shares=form.shares(), source=form.cleaned_data["source"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The population shares have been saved."))
            return redirect(f"{reverse('participation:balance')}?unit={unit.slug}")
    national, _sources = selectors.reference_shares(None)
    return render(
        request,
        "participation/reference_shares_form.html",
        {"form": form, "unit": unit, "national": national,
         "dimensions": dict(BalanceGroup.Dimension.choices)},
    )
