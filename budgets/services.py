"""Writes of the budgets section: each is atomic and validates before it saves."""

import datetime
from decimal import Decimal
from typing import Any
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal.history import services as history
from portal.history.models import Verb
from portal.models import User
from portal.permissions import require

from . import importing
from .models import BudgetLine
from .models import BudgetRevision
from .models import BudgetYear
from .models import CalendarStage
from .models import PendingImport
from .models import Transfer

LINE_FIELDS = (
    "direction",
    "category",
    "code",
    "name_ky",
    "name_ru",
    "approved",
    "revised",
    "executed",
)


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


@transaction.atomic
def budget_year_create(
    *,
    municipality: Municipality,
    year: int,
    population: int | None = None,
    note_ky: str = "",
    note_ru: str = "",
    actor: User | None = None,
) -> BudgetYear:
    if not municipality.is_self_governing:
        raise ValidationError(_("Only self-governing units have their own budget."))
    budget = BudgetYear(
        municipality=municipality,
        year=year,
        population=population,
        note_ky=note_ky,
        note_ru=note_ru,
    )
    budget.full_clean()
    budget.save()
    history.record_saved(actor=actor, obj=budget, before={}, created=True)
    return budget


@transaction.atomic
def budget_year_update(
    *, budget: BudgetYear, population: int | None, note_ky: str, note_ru: str,
    actor: User | None = None,
) -> BudgetYear:
    before = history.before(budget)
    budget.population = population
    budget.note_ky = note_ky
    budget.note_ru = note_ru
    budget.full_clean()
    budget.save(update_fields=["population", "note_ky", "note_ru", "modified"])
    history.record_saved(actor=actor, obj=budget, before=before, created=False)
    return budget


def _snapshot(line: BudgetLine) -> dict[str, str | None]:
    return {
        "direction": line.direction,
        "category": line.category,
        "code": line.code,
        "name_ky": line.name_ky or "",
        "name_ru": line.name_ru or "",
        "approved": str(line.approved),
        "revised": None if line.revised is None else str(line.revised),
        "executed": None if line.executed is None else str(line.executed),
    }


@transaction.atomic
def budget_publish(
    *,
    budget: BudgetYear,
    lines: list[dict[str, Any]],
    user: User | None,
    source: str = "form",
    comment_ky: str = "",
    comment_ru: str = "",
    source_file: str = "",
) -> BudgetRevision:
    """Replace all lines of the budget and keep the result as a new revision.

    All or nothing: one invalid line and nothing changes. The history says who published
    which revision (the revision itself keeps the lines).
    """
    budget = BudgetYear.objects.select_for_update().get(pk=budget.pk)
    new_lines = []
    for position, data in enumerate(lines):
        line = BudgetLine(
            budget=budget,
            position=position,
            direction=data["direction"],
            category=data["category"],
            code=data["code"],
            name_ky=data.get("name_ky") or "",
            name_ru=data.get("name_ru") or "",
            # A missing amount stays None here so that full_clean below names the line.
            approved=cast(Decimal, _decimal(data["approved"])),
            revised=_decimal(data.get("revised")),
            executed=_decimal(data.get("executed")),
        )
        if not (line.name_ky or line.name_ru):
            raise ValidationError(_("Every line needs a name in at least one language."))
        line.full_clean(exclude=["budget"], validate_unique=False, validate_constraints=False)
        new_lines.append(line)
    keys = [(line.direction, line.code) for line in new_lines]
    if len(keys) != len(set(keys)):
        raise ValidationError(_("A classification code is used twice on the same side."))
    old_count = budget.lines.count()
    budget.lines.all().delete()
    BudgetLine.objects.bulk_create(new_lines)
    number = budget.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    revision = BudgetRevision(
        budget=budget,
        number=number + 1,
        published_by=user,
        source=source,
        comment_ky=comment_ky,
        comment_ru=comment_ru,
        lines=[_snapshot(line) for line in new_lines],
    )
    revision.full_clean(exclude=["published_by"])
    revision.save()
    budget.published_at = revision.published_at
    budget.save(update_fields=["published_at", "modified"])
    history.record(
        actor=user,
        obj=budget,
        verb=Verb.PUBLISHED,
        changes={
            "revision": [number or None, revision.number],
            "lines": [old_count, len(new_lines)],
        },
        comment=comment_ky or comment_ru,
        source_file=source_file,
    )
    return revision


@transaction.atomic
def import_stage(
    *, budget: BudgetYear, user: User, filename: str, content: bytes
) -> PendingImport:
    """Read and check an upload; keep the result server-side for the preview."""
    lines, problems = importing.parse_upload(filename, content)
    return PendingImport.objects.create(
        budget=budget, uploaded_by=user, filename=filename[:255], rows=lines, errors=problems
    )


@transaction.atomic
def import_confirm(
    *, pending: PendingImport, user: User, comment_ky: str = "", comment_ru: str = ""
) -> BudgetRevision:
    pending = PendingImport.objects.select_for_update().get(pk=pending.pk)
    require(user, "budgets.confirm_pendingimport", pending)  # the uploader, while still staff
    if pending.errors or not pending.rows or pending.confirmed_at:
        raise ValidationError(_("This upload cannot be published."))
    revision = budget_publish(
        budget=pending.budget,
        lines=pending.rows,
        user=user,
        source="upload",
        comment_ky=comment_ky,
        comment_ru=comment_ru,
        source_file=pending.filename,
    )
    pending.confirmed_at = timezone.now()
    pending.save(update_fields=["confirmed_at", "modified"])
    return revision


PENDING_IMPORT_DAYS = 7


def purge_pending_imports(*, now: datetime.datetime | None = None) -> int:
    """Drop uploads nobody confirmed within a week: their parsed lines are not kept forever.

    Confirmed uploads stay: they record where a published revision came from.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=PENDING_IMPORT_DAYS)
    deleted, _by_model = PendingImport.objects.filter(
        confirmed_at__isnull=True, created__lt=cutoff
    ).delete()
    return deleted


@transaction.atomic
def calendar_stage_save(*, stage: CalendarStage, actor: User | None = None) -> CalendarStage:
    created, before = stage.pk is None, history.before(stage)
    stage.full_clean()
    stage.save()
    history.record_saved(
        actor=actor, obj=stage, before=before, created=created, parent=stage.budget
    )
    return stage


@transaction.atomic
def transfer_save(*, transfer: Transfer, actor: User | None = None) -> Transfer:
    if transfer.municipality_id and not transfer.municipality.is_self_governing:
        raise ValidationError(
            {"municipality": _("Transfers go to the budgets of self-governing units.")}
        )
    if not (transfer.purpose_ky or transfer.purpose_ru):
        raise ValidationError({"purpose_ky": _("Give the purpose in at least one language.")})
    if not (transfer.legal_basis_ky or transfer.legal_basis_ru):
        raise ValidationError(
            {"legal_basis_ky": _("Give the legal basis in at least one language.")}
        )
    created, before = transfer.pk is None, history.before(transfer)
    transfer.full_clean()
    transfer.save()
    history.record_saved(actor=actor, obj=transfer, before=before, created=created)
    return transfer
