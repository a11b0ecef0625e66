"""Staff pages of the budgets section: entering, uploading and publishing budgets, the
budget calendar and transfers. Views check the rule, read through selectors and write
through services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.permissions import require

from . import importing
from . import selectors
from . import services
from .forms import BudgetYearForm
from .forms import CalendarStageForm
from .forms import LineFormSet
from .forms import PublishForm
from .forms import TransferForm
from .forms import UploadForm


def budget_create(request, slug: str):
    unit = selectors.self_governing_unit(slug)
    require(request, "budgets.add_budgetyear", unit)
    form = BudgetYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if selectors.budget_year_exists(municipality=unit, year=data["year"]):
            form.add_error("year", _("This unit already has a budget for that year."))
        else:
            budget = services.budget_year_create(
                municipality=unit,
                year=data["year"],
                population=data["population"],
                note_ky=data["note_ky"],
                note_ru=data["note_ru"],
                actor=request.user,
            )
            messages.success(request, _("The budget year was created. Now enter its lines."))
            return redirect("budgets:budget-edit", slug=unit.slug, year=budget.year)
    return render(request, "budgets/budget_form.html", {"unit": unit, "form": form})


def budget_edit(request, slug: str, year: int):
    budget = selectors.budget_for_page(slug=slug, year=year)
    require(request, "budgets.change_budgetyear", budget)
    codes = selectors.classification_codes()
    initial = [
        {
            "code": line.code,
            "name_ky": line.name_ky,
            "name_ru": line.name_ru,
            "approved": line.approved,
            "revised": line.revised,
            "executed": line.executed,
        }
        for line in budget.lines.all()
    ]
    meta_form = BudgetYearForm(request.POST or None, instance=budget, prefix="meta")
    formset = LineFormSet(request.POST or None, initial=initial, codes=codes, prefix="lines")
    publish_form = PublishForm(request.POST or None, prefix="publish")
    if request.method == "POST":
        if meta_form.is_valid() and formset.is_valid() and publish_form.is_valid():
            lines = formset.lines()
            if not lines:
                messages.error(request, _("A budget needs at least one line."))
            else:
                try:
                    with transaction.atomic():
                        services.budget_year_update(
                            budget=budget,
                            population=meta_form.cleaned_data["population"],
                            note_ky=meta_form.cleaned_data["note_ky"],
                            note_ru=meta_form.cleaned_data["note_ru"],
                            actor=request.user,
                        )
                        revision = services.budget_publish(
                            budget=budget,
                            lines=lines,
                            user=request.user,
                            source="form",
                            **publish_form.cleaned_data,
                        )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(
                        request,
                        _("Revision %(number)s is published.") % {"number": revision.number},
                    )
                    return redirect(budget.get_absolute_url())
        else:
            messages.error(request, _("Please correct the errors below; nothing was saved."))
    return render(
        request,
        "budgets/budget_edit.html",
        {
            "budget": budget,
            "unit": budget.municipality,
            "meta_form": meta_form,
            "formset": formset,
            "publish_form": publish_form,
            "codes_exist": codes.exists(),
        },
    )


def budget_upload(request, slug: str, year: int):
    budget = selectors.budget_for_page(slug=slug, year=year)
    require(request, "budgets.change_budgetyear", budget)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending = services.import_stage(
            budget=budget, user=request.user, filename=upload.name, content=upload.read()
        )
        return redirect("budgets:upload-preview", slug=slug, year=year, pk=pending.pk)
    return render(
        request,
        "budgets/budget_upload.html",
        {
            "budget": budget,
            "unit": budget.municipality,
            "form": form,
            "xlsx": importing.xlsx_available(),
        },
    )


def upload_preview(request, slug: str, year: int, pk: int):
    pending = selectors.pending_import_for_page(slug=slug, year=year, pk=pk)
    require(request, "budgets.confirm_pendingimport", pending)
    budget = pending.budget
    publish_form = PublishForm(request.POST or None, prefix="publish")
    can_publish = not pending.errors and not pending.confirmed_at
    if request.method == "POST" and can_publish and publish_form.is_valid():
        revision = services.import_confirm(
            pending=pending, user=request.user, **publish_form.cleaned_data
        )
        messages.success(
            request, _("Revision %(number)s is published.") % {"number": revision.number}
        )
        return redirect(budget.get_absolute_url())
    problems = [importing.describe(p) for p in pending.errors]
    lines, totals = selectors.pending_import_lines(pending)
    return render(
        request,
        "budgets/upload_preview.html",
        {
            "budget": budget,
            "unit": budget.municipality,
            "pending": pending,
            "problems": problems,
            "lines": lines,
            "totals": totals,
            "publish_form": publish_form,
        },
    )


def stage_edit(request, slug: str, year: int, pk: int | None = None):
    budget = selectors.budget_for_page(slug=slug, year=year)
    require(request, "budgets.change_calendarstage", budget)
    stage = selectors.calendar_stage_for_edit(budget, pk)
    form = CalendarStageForm(
        request.POST or None, request.FILES or None, instance=stage, budget=budget
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.calendar_stage_save(stage=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The calendar stage is saved."))
            return redirect(
                reverse("budgets:budget-detail", kwargs={"slug": slug, "year": year}) + "#calendar"
            )
    return render(
        request,
        "budgets/stage_form.html",
        {"budget": budget, "unit": budget.municipality, "form": form, "stage": stage},
    )


def transfer_edit(request, pk: int | None = None):
    transfer = selectors.transfer_for_edit(pk)
    require(request, "budgets.change_transfer" if transfer else "budgets.add_transfer", transfer)
    form = TransferForm(request.POST or None, instance=transfer)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.transfer_save(
                transfer=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The transfer is saved."))
            return redirect(f"{reverse('budgets:transfers')}?year={saved.year}")
    return render(request, "budgets/transfer_form.html", {"form": form, "transfer": transfer})
