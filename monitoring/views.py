"""Joint monitoring pages. Views ask rules.py, read through selectors, write through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import files
from portal.exports import csv_response
from portal.i18n import translated
from portal.permissions import can
from portal.permissions import require
from portal.views import section_landing

from . import forms
from . import selectors
from . import services

_cycle = selectors.cycle_for_page
_act = selectors.act_for_page


def _form_page(request, *, form, title: str, back_url: str, context_obj=None, submit=None):
    return render(
        request,
        "monitoring/form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "context_obj": context_obj,
            "submit_label": submit or _("Save"),
        },
    )


# --- public pages ----------------------------------------------------------------------------


def landing(request):
    return section_landing(
        request,
        "monitoring",
        {"latest": selectors.latest_published(), "areas": selectors.catalogue()},
    )


def indicator_list(request):
    return render(request, "monitoring/indicator_list.html", {"areas": selectors.catalogue()})


def municipality(request, slug: str):
    unit = selectors.municipality_for_page(slug)
    cycles = list(selectors.municipality_cycles(unit))
    groups = list(selectors.municipality_groups(unit))
    latest_actions = selectors.action_plan(cycles[0]) if cycles else []
    return render(
        request,
        "monitoring/municipality.html",
        {
            "unit": unit,
            "groups": groups,
            "cycles": cycles,
            "actions": latest_actions,
            "progress": selectors.action_progress(latest_actions),
            "today": timezone.localdate(),
        },
    )


def cycle_detail(request, pk: int):
    cycle = _cycle(pk)
    members = selectors.cycle_members(cycle)
    actions = list(selectors.action_plan(cycle))
    page = Paginator(selectors.visible_acts(cycle, request.user), 50).get_page(
        request.GET.get("page")
    )
    insider = can(request.user, "monitoring.view_cycle_internals", cycle)
    history = selectors.cycle_history(cycle, request.user)
    return render(
        request,
        "monitoring/cycle_detail.html",
        {
            "cycle": cycle,
            "members": members,
            "balance": selectors.group_balance(members, cycle.period_end.year),
            "plan": selectors.cycle_plan(cycle),
            "acts": page,
            "actions": actions,
            "progress": selectors.action_progress(actions),
            "dissents": selectors.cycle_dissents(cycle)
            if cycle.is_published or insider
            else [],
            "history": history,
            "today": timezone.localdate(),
        },
    )


def scorecard(request, pk: int):
    cycle = _cycle(pk)
    return render(
        request,
        "monitoring/scorecard.html",
        {"cycle": cycle, "card": selectors.scorecard(cycle)},
    )


def rayon(request, slug: str):
    unit = selectors.rayon_for_page(slug)
    return render(
        request, "monitoring/rayon.html", {"comparison": selectors.rayon_comparison(unit)}
    )


def scorecard_csv(request, pk: int):
    cycle = _cycle(pk)
    card = selectors.scorecard(cycle)
    header = [
        "municipality", "cycle", "period_start", "period_end", "service_area", "indicator_code",
        "indicator", "scale", "better", "value", "evaluations", "score_0_100", "target",
        "target_score_0_100", "previous_value", "previous_score_0_100",
    ]
    rows = (
        [
            translated(cycle.municipality, "name"), translated(cycle, "title"),
            cycle.period_start.isoformat(), cycle.period_end.isoformat(),
            translated(row.indicator.area, "name"), row.indicator.code,
            translated(row.indicator, "name"), row.indicator.scale, row.indicator.direction,
            row.value, row.evaluations, row.score, row.target, row.target_score,
            row.previous_value, row.previous_score,
        ]
        for row in card.rows
    )
    return csv_response(f"monitoring-cycle-{cycle.pk}.csv", rows, header=header)


def rayon_csv(request, slug: str):
    unit = selectors.rayon_for_page(slug)
    comparison = selectors.rayon_comparison(unit)
    header = ["municipality", "cycle", "period_end", "overall_0_100"] + [
        area.code for area in comparison.areas
    ]
    rows = (
        [
            translated(row.municipality, "name"),
            translated(row.cycle, "title") if row.cycle else "",
            row.cycle.period_end.isoformat() if row.cycle else "",
            row.score,
            *row.scores,
        ]
        for row in comparison.rows
    )
    return csv_response(f"monitoring-{unit.slug}.csv", rows, header=header)


# --- acts and evaluations --------------------------------------------------------------------


def act_detail(request, pk: int):
    act = get_object_or_404(selectors.act_detail(pk))
    require(request, "monitoring.view_act", act)
    return render(
        request,
        "monitoring/act_detail.html",
        {
            "act": act,
            "cycle": act.cycle,
            "review_form": forms.ReviewForm(),
            "history": selectors.cycle_history(act, request.user),
        },
    )


def act_create(request, pk: int):
    cycle = _cycle(pk)
    require(request, "monitoring.add_act", cycle)
    form = forms.ActForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        act = services.act_create(cycle=cycle, user=request.user, **form.cleaned_data)
        messages.success(request, _("The act is saved as a draft. Add evaluations to it."))
        return redirect(act)
    return _form_page(
        request, form=form, title=_("New monitoring act"), back_url=cycle.get_absolute_url(),
        context_obj=cycle,
    )


def act_edit(request, pk: int):
    act = _act(pk)
    require(request, "monitoring.change_act", act)
    form = forms.ActForm(request.POST or None, instance=act)
    if request.method == "POST" and form.is_valid():
        services.act_update(act=act, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The act is saved."))
        return redirect(act)
    return _form_page(
        request, form=form, title=_("Edit the monitoring act"), back_url=act.get_absolute_url(),
        context_obj=act,
    )


def _workflow_step(request, act, step) -> HttpResponse:
    try:
        step()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(act)


@require_POST
def act_submit(request, pk: int):
    act = _act(pk)
    require(request, "monitoring.change_act", act)

    def step():
        services.act_submit(act=act, user=request.user)
        messages.success(request, _("The act is submitted to the group lead."))

    return _workflow_step(request, act, step)


@require_POST
def act_review(request, pk: int):
    act = _act(pk)
    require(request, "monitoring.review_act", act)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(act)

    def step():
        accept = form.cleaned_data["decision"] == "accept"
        services.act_review(
            act=act, user=request.user, accept=accept, comment=form.cleaned_data["comment"]
        )
        messages.success(
            request, _("The act is accepted.") if accept else _("The act is returned.")
        )

    return _workflow_step(request, act, step)


@require_POST
def act_publish(request, pk: int):
    act = _act(pk)
    require(request, "monitoring.publish_act", act)

    def step():
        services.act_publish(act=act, user=request.user)
        messages.success(request, _("The act is published."))

    return _workflow_step(request, act, step)


def evaluation_form(request, pk: int | None = None, act_pk: int | None = None):
    if pk is not None:
        evaluation = selectors.evaluation_for_edit(pk)
        act = _act(evaluation.act_id)
    elif act_pk is not None:
        evaluation = None
        act = _act(act_pk)
    else:  # the URLs always give one of them
        raise Http404
    require(request, "monitoring.change_act", act)
    form = forms.EvaluationForm(request.POST or None, instance=evaluation, act=act)
    if request.method == "POST" and form.is_valid():
        services.evaluation_save(act=act, evaluation=form.instance, actor=request.user)
        messages.success(request, _("The evaluation is saved."))
        return redirect(act)
    title = _("Edit the evaluation") if evaluation else _("New evaluation")
    return _form_page(
        request, form=form, title=title, back_url=act.get_absolute_url(), context_obj=act
    )


@require_POST
def evaluation_delete(request, pk: int):
    evaluation = selectors.evaluation_for_edit(pk)
    act = _act(evaluation.act_id)
    require(request, "monitoring.change_act", act)
    services.evaluation_delete(evaluation=evaluation, actor=request.user)
    messages.success(request, _("The evaluation is deleted."))
    return redirect(act)


def evidence_add(request, pk: int):
    evaluation = selectors.evaluation_for_edit(pk)
    act = _act(evaluation.act_id)
    require(request, "monitoring.change_act", act)
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.evidence_add(
            evaluation=evaluation,
            upload=form.cleaned_data["file"],
            caption=form.cleaned_data["caption"],
            actor=request.user,
        )
        messages.success(request, _("The file is attached."))
        return redirect(act)
    return _form_page(
        request, form=form, title=_("Attach a photo or document"),
        back_url=act.get_absolute_url(), context_obj=evaluation, submit=_("Upload"),
    )


def evidence_file(request, pk: int):
    evidence = selectors.evidence_for_download(pk)
    require(request, "monitoring.view_act", evidence.evaluation.act)
    return files.serve(
        request,
        evidence.file,
        filename=evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type,
        private=True,
    )


@require_POST
def evidence_delete(request, pk: int):
    evidence = selectors.evidence_for_edit(pk)
    act = _act(evidence.evaluation.act_id)
    require(request, "monitoring.change_act", act)
    services.evidence_delete(evidence=evidence, actor=request.user)
    messages.success(request, _("The file is removed."))
    return redirect(act)


# --- the cycle: plan, dissent, findings, publication, response, action plan -------------------


def cycle_create(request, pk: int):
    group = selectors.group_for_page(pk)
    require(request, "monitoring.add_cycle", group)
    form = forms.CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cycle = services.cycle_create(group=group, cycle=form.instance, actor=request.user)
        messages.success(request, _("The cycle is started. Add indicators to its plan."))
        return redirect(cycle)
    return _form_page(
        request, form=form, title=_("New monitoring cycle"),
        back_url=reverse("monitoring:municipality", kwargs={"slug": group.municipality.slug}),
        context_obj=group,
    )


def plan_item_add(request, pk: int):
    cycle = _cycle(pk)
    require(request, "monitoring.change_plan", cycle)
    form = forms.PlanItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if selectors.plan_has_indicator(cycle, form.cleaned_data["indicator"]):
            form.add_error("indicator", _("This indicator is already in the plan."))
        else:
            services.plan_item_save(cycle=cycle, item=form.instance, actor=request.user)
            messages.success(request, _("The plan is updated."))
            return redirect(cycle)
    return _form_page(
        request, form=form, title=_("Add an indicator to the plan"),
        back_url=cycle.get_absolute_url(), context_obj=cycle,
    )


def dissent(request, pk: int):
    cycle = _cycle(pk)
    require(request, "monitoring.add_dissent", cycle)
    form = forms.DissentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.dissent_save(cycle=cycle, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your dissenting opinion is recorded."))
        return redirect(cycle)
    return _form_page(
        request, form=form, title=_("Record a dissenting opinion"),
        back_url=cycle.get_absolute_url(), context_obj=cycle,
    )


def findings(request, pk: int):
    cycle = _cycle(pk)
    require(request, "monitoring.change_findings", cycle)
    instance = getattr(cycle, "findings", None) if hasattr(cycle, "findings") else None
    form = forms.FindingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.findings_save(cycle=cycle, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The findings are saved."))
        return redirect(cycle)
    return _form_page(
        request, form=form, title=_("Findings and recommendations"),
        back_url=cycle.get_absolute_url(), context_obj=cycle,
    )


@require_POST
def cycle_publish(request, pk: int):
    cycle = _cycle(pk)
    require(request, "monitoring.publish_cycle", cycle)
    try:
        services.cycle_publish(cycle=cycle, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The results are published."))
    return redirect(cycle)


def response(request, pk: int):
    cycle = _cycle(pk)
    require(request, "monitoring.respond_cycle", cycle)
    form = forms.ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.response_give(cycle=cycle, user=request.user, **form.cleaned_data)
        messages.success(request, _("The official response is published."))
        return redirect(cycle)
    return _form_page(
        request, form=form, title=_("Official response of the municipality"),
        back_url=cycle.get_absolute_url(), context_obj=cycle, submit=_("Publish the response"),
    )


def action_add(request, pk: int):
    cycle = _cycle(pk)
    require(request, "monitoring.add_action", cycle)
    form = forms.ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.action_add(cycle=cycle, user=request.user, action=form.instance)
        messages.success(request, _("The action is added to the plan."))
        return redirect(cycle)
    return _form_page(
        request, form=form, title=_("Add an action to the plan"),
        back_url=cycle.get_absolute_url(), context_obj=cycle,
    )


def action_progress(request, pk: int):
    action = selectors.action_for_page(pk)
    require(request, "monitoring.change_action", action)
    form = forms.ProgressForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        services.action_progress(action=action, user=request.user, **form.cleaned_data)
        messages.success(request, _("The progress is noted."))
        return redirect(action.cycle)
    return _form_page(
        request, form=form, title=_("Note progress on the action"),
        back_url=action.cycle.get_absolute_url(), context_obj=action,
    )


@login_required
def desk(request):
    return render(
        request,
        "monitoring/desk.html",
        {
            "memberships": selectors.my_memberships(request.user),
            "acts": selectors.my_acts(request.user)[:50],
            "to_review": selectors.acts_to_review(request.user),
        },
    )
