"""Writes to the directory."""

import csv
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from django.db import transaction

from .models import Municipality

ADMIN_UNITS_FILE = Path(__file__).parent / "data" / "admin_units.csv"
_LOADED_FIELDS = (
    "kind", "name_ky", "name_ru", "english_name", "population", "population_year",
    "population_source", "reference_note",
)


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _values(row: dict) -> dict:
    return {
        "kind": row["kind"],
        "name_ky": row["name_ky"],
        "name_ru": row["name_ru"],
        "english_name": row["english_name"],
        "population": int(row["population"]) if row["population"] else None,
        "population_year": int(row["population_year"]) if row["population_year"] else None,
        "population_source": row["population_source"],
        "reference_note": row["reference_note"],
    }


@transaction.atomic
def admin_units_load(*, path: Path = ADMIN_UNITS_FILE) -> LoadReport:
    """Create or update every unit of the reference file; a second run changes nothing.

    A unit is matched by its SOATE code, or by its address name when it has no code yet.
    Values missing from the file stay empty: the portal never invents a name or a number.
    """
    report = LoadReport()
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    existing = {unit.slug: unit for unit in Municipality.objects.all()}
    by_soate = {unit.soate: unit for unit in existing.values() if unit.soate}
    units: dict[str, Municipality] = {}
    for row in rows:
        if row["kind"] not in Municipality.Kind.values or not row["name_ru"] or not row["slug"]:
            report.skipped.append(row.get("slug") or row.get("soate") or "?")
            continue
        values = _values(row)
        unit = by_soate.get(row["soate"]) if row["soate"] else existing.get(row["slug"])
        if unit is None:
            unit = Municipality(soate=row["soate"] or None, slug=row["slug"], **values)
            unit.save()
            report.created.append(unit.slug)
        else:
            changed = [name for name in _LOADED_FIELDS if getattr(unit, name) != values[name]]
            if changed:
                for name in changed:
                    setattr(unit, name, values[name])
                unit.save(update_fields=changed)
                report.updated.append(unit.slug)
            else:
                report.unchanged.append(unit.slug)
        units[row["slug"]] = unit
    for row in rows:
        unit = units.get(row["slug"])
        if unit is None:
            continue
        parent = units.get(row["parent_slug"]) if row["parent_slug"] else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])
            if unit.slug not in report.created and unit.slug not in report.updated:
                report.updated.append(unit.slug)
                report.unchanged.remove(unit.slug)
    return report
