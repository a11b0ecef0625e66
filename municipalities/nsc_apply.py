"""Write a planned NSC workbook import in one transaction (``nsc_plan`` decides what)."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext

from portal.history import services as history
from portal.history.models import Change

from . import nsc
from .models import Municipality
from .models import Succession
from .models import Village
from .nsc_plan import BULK_UPDATE_BATCH
from .nsc_plan import FIRST_POST_REFORM_YEAR
from .nsc_plan import NSC_ESTIMATE
from .nsc_plan import SOURCE
from .nsc_plan import Plan
from .nsc_plan import _parent_code
from .services import Retirement
from .services import unit_search_text
from .services import units_retire


def _both(text_fn) -> dict:
    values = {}
    for lang in ("ky", "ru"):
        with translation.override(lang):
            values[lang] = text_fn()[:300]
    return values


@transaction.atomic
def apply(plan_: Plan) -> None:
    """Write the plan in bulk (a few queries per kind of change, none per village row);
    any failure rolls everything back. The search index and page cache are refreshed once."""
    report = plan_.report
    source_file = plan_.source_file[:200]
    year = report.year
    records: list[Change] = []
    now = timezone.now()

    def record(unit, action, changes, label=None, object_type="municipality"):
        records.append(history.build(
            actor=None, obj=unit, verb="changed" if action == "updated" else action,
            municipality=unit, changes=changes, source_file=source_file, at=now,
        ))

    # New units, a level at a time so that parents exist first.
    by_code = {code: unit for code, t in plan_.targets.items() if (unit := t.unit) is not None}
    codes = set(plan_.targets)
    levels = defaultdict(list)
    for target in plan_.targets.values():
        if target.unit is None:
            levels[nsc.KIND_ORDER[target.row.kind]].append(target)
    for level in sorted(levels):
        created = []
        for target in levels[level]:
            row = target.row
            parent_code = _parent_code(row, codes)
            unit = Municipality(
                kind=row.kind, soate=row.code, slug=target.slug, name_ru=row.name,
                name_ky=target.name_ky, name_ky_origin=Municipality.NameOrigin.RULE,
                name_ky_source=f"rule: from the Russian name in {source_file}",
                name_ky_note=f"derived by rule from «{row.name}» (NSC workbook {year}); to check",
                parent=by_code.get(parent_code) if parent_code else None,
                population=row.population, population_year=year if row.population else None,
                population_source=SOURCE if row.population else "",
                population_basis=NSC_ESTIMATE if row.population else "",
                is_pre_reform=year < FIRST_POST_REFORM_YEAR,
            )
            unit.search_text = unit_search_text(unit)
            _clean(unit, row.where)
            created.append(unit)
            target.unit = by_code[row.code] = unit
        Municipality.objects.bulk_create(created, batch_size=500)
        for unit in created:
            record(unit, "created", {
                "soate": [None, unit.soate], "name_ru": [None, unit.name_ru],
                "name_ky": [None, unit.name_ky], "population": [None, unit.population],
                "parent": [None, unit.parent.slug if unit.parent else None],
            })
    # Changed units.
    changed, fields = [], {"search_text", "modified"}
    for unit, values, action in plan_.updates.values():
        changes = {}
        for name, value in values.items():
            if name == "parent":
                value = by_code[value]
                changes["parent"] = [unit.parent.slug if unit.parent else None, value.slug]
            else:
                changes[name] = [getattr(unit, name), value]
            setattr(unit, name, value)
            fields.add(name)
        unit.search_text = unit_search_text(unit)
        unit.modified = now
        _clean(unit, unit.slug)
        changed.append(unit)
        record(unit, action, changes)
    Municipality.objects.bulk_update(changed, sorted(fields), batch_size=BULK_UPDATE_BATCH)
    _apply_villages(plan_, record)
    history.record_many(records)
    # Retired units and their successors.
    note = _both(lambda: gettext(
        "The statistics committee's list for the start of %(year)s no longer has this "
        "unit; its villages are listed under the successor. The exact date of the "
        "change is not recorded here."
    ) % {"year": year})
    retirements = []
    for retirement in plan_.retirements:
        changes = {"found_by": [None, retirement.detail]}
        if retirement.successor is None:
            changes["successor_candidates"] = [None, retirement.candidates or None]
        retirements.append(Retirement(
            unit=retirement.unit,
            successor=retirement.successor.unit if retirement.successor is not None else None,
            kind=retirement.kind or Succession.Kind.MERGED, changes=changes,
        ))
    units_retire(retirements=retirements, date=report.date, note_ky=note["ky"],
                 note_ru=note["ru"], source_file=source_file)
    if levels or changed:  # bulk writes send no signals: the search index is rebuilt once
        from portal import search

        search.reindex(["municipality"])
    from portal.page_cache import bump_content_version

    bump_content_version(sender=Municipality)


def _clean(unit: Municipality, where: str) -> None:
    """Check the fields (codes and addresses are unique by construction of the plan)."""
    try:
        unit.full_clean(exclude=["parent"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise nsc.NscFileError(f"{where}: the unit «{unit.name_ru}» cannot be saved: "
                               f"{'; '.join(error.messages)}") from error


def _apply_villages(plan_: Plan, record) -> None:
    """Create, update or move the workbook's villages in bulk; one history entry per unit."""
    new, changed = [], []
    before = defaultdict(list)
    after = defaultdict(list)
    touched: dict[int, Municipality] = {}

    def label(name, population):
        return f"{name} ({population if population is not None else '—'})"

    for row, unit_code, village in plan_.village_rows:
        unit = plan_.targets[unit_code].unit
        assert unit is not None  # apply() has created the new units
        population = row.population
        if village is None:
            new.append(Village(municipality=unit, soate=row.code, name_ru=row.name,
                               population=population))
            after[unit.pk].append(label(row.name, population))
            touched[unit.pk] = unit
            continue
        moved = village.municipality_id != unit.pk
        if not moved and (village.soate, village.name_ru) == (row.code, row.name) and (
            population is None or village.population == population
        ):
            continue
        old_unit = village.municipality
        before[old_unit.pk].append(label(village.name_ru, village.population))
        touched[old_unit.pk] = old_unit
        village.municipality = unit
        village.soate = row.code
        village.name_ru = row.name
        village.modified = timezone.now()
        if population is not None:
            village.population = population
        changed.append(village)
        after[unit.pk].append(label(row.name, village.population))
        touched[unit.pk] = unit
    Village.objects.bulk_update(
        changed, ["municipality", "soate", "name_ru", "population", "modified"],
        batch_size=BULK_UPDATE_BATCH,
    )
    Village.objects.bulk_create(new, batch_size=500)
    for pk, unit in touched.items():
        record(unit, "updated", {
            "villages": ["; ".join(before[pk]) or None, "; ".join(after[pk]) or None]
        }, label=gettext("Villages"), object_type="village")
