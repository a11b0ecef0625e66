"""Writes to the directory. Every change a person makes is written down in the one history
(``portal.history.services.record``)."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseForm
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import uploads
from portal.history import services as history
from portal.history.models import Change
from portal.history.models import Verb
from portal.models import User
from portal.page_cache import bump_content_version

from .models import Body
from .models import Charter
from .models import Member
from .models import Municipality
from .models import Succession
from .models import Village
from .models import fold_for_search

ADMIN_UNITS_FILE = Path(__file__).parent / "data" / "admin_units.csv"
# Blocks D and E of the shared reference file list units as they were before the 2024 reform.
PRE_REFORM_BLOCKS = frozenset({"D", "E"})
_LOADED_FIELDS = (
    "kind", "name_ky", "name_ru", "english_name", "population", "population_year",
    "population_source", "population_basis", "reference_note", "source_block", "is_pre_reform",
    "name_ky_origin", "name_ky_source", "name_ky_note", "search_text",
)
# What a person's check or correction of a unit's names fixes: the loader keeps them.
_NAME_FIELDS = ("name_ky", "name_ru", "name_ky_origin", "name_ky_source", "name_ky_note")
CHARTER_MAX_BYTES = 10 * 1024 * 1024
CHARTER_TYPES = (uploads.PDF, uploads.DOCX, uploads.ODT)

M = TypeVar("M", bound=models.Model)


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Units whose names a person checked or corrected, where the file says otherwise.
    kept: list[str] = field(default_factory=list)


def unit_search_text(unit: Municipality) -> str:
    """The case-folded names a unit is found by, in both languages and in English."""
    return fold_for_search(" ".join([unit.name_ky or "", unit.name_ru or "", unit.english_name]))


def _values(row: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": row["kind"],
        "name_ky": row["name_ky"],
        "name_ru": row["name_ru"],
        "english_name": row["english_name"],
        "population": int(row["population"]) if row["population"] else None,
        "population_year": int(row["population_year"]) if row["population_year"] else None,
        "population_source": row["population_source"],
        "population_basis": row.get("population_basis", ""),
        "reference_note": row["reference_note"],
        "source_block": row.get("source_block", ""),
        "is_pre_reform": row.get("source_block", "") in PRE_REFORM_BLOCKS,
        "name_ky_origin": row.get("name_ky_origin", "") if row["name_ky"] else "",
        "name_ky_source": row.get("name_ky_source", ""),
        "name_ky_note": row.get("name_ky_note", ""),
    }
    values["search_text"] = fold_for_search(
        " ".join([values["name_ky"], values["name_ru"], values["english_name"]])
    )
    return values


def _keep_checked_names(unit: Municipality, values: dict[str, Any]) -> bool:
    """A name a person checked or corrected wins over the file; True if the file differs."""
    if unit.name_ky_origin != Municipality.NameOrigin.CHECKED:
        return False
    differs = any(getattr(unit, name) != values[name] for name in ("name_ky", "name_ru"))
    for name in _NAME_FIELDS:
        values[name] = getattr(unit, name)
    values["search_text"] = fold_for_search(
        " ".join([unit.name_ky or "", unit.name_ru or "", values["english_name"]])
    )
    return differs


@transaction.atomic
def admin_units_load(*, path: Path = ADMIN_UNITS_FILE) -> LoadReport:
    """Create or update every unit of the reference file; a second run changes nothing.

    A unit is matched by its SOATE code, or by its address name when it has no code yet.
    Values missing from the file stay empty: the portal never invents a name or a number.
    Lifetimes and successions recorded by administrators are not touched, nor are the names
    of a unit a person checked or corrected (``name_ky_origin`` "checked"): where the file
    differs, the unit is listed in ``report.kept``.
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
            unit.full_clean(exclude=["parent"])
            unit.save()
            report.created.append(unit.slug)
        else:
            if _keep_checked_names(unit, values):
                report.kept.append(unit.slug)
            changed = [name for name in _LOADED_FIELDS if getattr(unit, name) != values[name]]
            if changed:
                for name in changed:
                    setattr(unit, name, values[name])
                unit.save(update_fields=[*changed, "modified"])
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
            unit.save(update_fields=["parent", "modified"])
            if unit.slug not in report.created and unit.slug not in report.updated:
                report.updated.append(unit.slug)
                report.unchanged.remove(unit.slug)
    return report


# --- the change history ----------------------------------------------------------------------


def _snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


def _plain(value: Any) -> Any:
    if value == "":
        return None  # an empty text and a missing one are the same to a reader
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or None
    return value


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), after[name]]
        for name in after
        if before.get(name) != after[name]
    }


def _record(
    *, municipality: Municipality, actor: User | None, action: str, obj: models.Model,
    changes: dict[str, Any], source_file: str = "",
) -> Change:
    """One entry of the history; the directory's objects have their unit as parent."""
    return history.record(
        actor=actor,
        obj=obj,
        verb=action,
        changes=changes,
        parent=None if isinstance(obj, Municipality) else municipality,
        municipality=municipality,
        source_file=source_file,
    )


def _save_with_history(
    *, obj: M, municipality: Municipality, actor: User | None, data: dict[str, Any],
    fields: list[str], verb: str = Verb.CHANGED,
) -> M:
    """Apply data to obj, validate, save, and record exactly what changed."""
    creating = obj.pk is None
    # Read "before" from the database: a bound ModelForm has already changed the instance.
    before = {} if creating else _snapshot(type(obj)._default_manager.get(pk=obj.pk), fields)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    if creating:
        obj.save()
    else:
        obj.save(update_fields=[*data, "modified"])
    changes = _diff(before, _snapshot(obj, fields))
    if creating or changes:
        _record(
            municipality=municipality,
            actor=actor,
            action=Verb.CREATED if creating else verb,
            obj=obj,
            changes=changes,
        )
    return obj


def _delete_with_history(
    *, obj: models.Model, municipality: Municipality, actor: User | None, fields: list[str]
) -> None:
    snapshot = _snapshot(obj, fields)
    _record(
        municipality=municipality,
        actor=actor,
        action=Verb.DELETED,
        obj=obj,
        changes={name: [value, None] for name, value in snapshot.items() if value is not None},
    )
    obj.delete()


PROFILE_FIELDS = ["description_ky", "description_ru"]
BODY_FIELDS = [
    "name_ky", "name_ru", "address_ky", "address_ru", "phone", "email", "website",
    "office_hours_ky", "office_hours_ru", "term_start", "term_end", "seats",
]
MEMBER_FIELDS = [
    "role", "full_name_ky", "full_name_ru", "position_ky", "position_ru", "gender", "order",
]
VILLAGE_FIELDS = ["name_ky", "name_ru", "population", "is_demo"]
CHARTER_FIELDS = ["title_ky", "title_ru", "adopted_on", "adopted_by_ky", "adopted_by_ru", "file"]


@transaction.atomic
def municipality_update(
    *, municipality: Municipality, actor: User | None, data: dict[str, Any]
) -> Municipality:
    """What staff may change of their unit's profile (names and codes come from the reference)."""
    data = {name: value for name, value in data.items() if name in PROFILE_FIELDS}
    return _save_with_history(
        obj=municipality, municipality=municipality, actor=actor, data=data,
        fields=PROFILE_FIELDS,
    )


UNIT_NAME_FIELDS = ["name_ky", "name_ru", "name_ky_origin"]


@transaction.atomic
def municipality_rename(
    *, municipality: Municipality, actor: User | None, data: dict[str, Any]
) -> Municipality:
    """A person corrects, or confirms, the unit's Kyrgyz and Russian names.

    Either way the Kyrgyz name is then "checked": the reference loader keeps it and it leaves
    the administrators' list of names to check. The search column is refreshed here and the
    search index by the save; the history records old and new names.
    """
    names = {name: " ".join(str(data.get(name) or "").split()) for name in ("name_ky", "name_ru")}
    errors = {}
    if not names["name_ky"]:
        errors["name_ky"] = _("Enter the name in Kyrgyz.")
    if not names["name_ru"]:
        errors["name_ru"] = _("Enter the name in Russian.")
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        **names,
        "name_ky_origin": Municipality.NameOrigin.CHECKED,
        "search_text": fold_for_search(
            " ".join([names["name_ky"], names["name_ru"], municipality.english_name])
        ),
    }
    return _save_with_history(
        obj=municipality, municipality=municipality, actor=actor, data=values,
        fields=UNIT_NAME_FIELDS, verb=Verb.RENAMED,
    )


@transaction.atomic
def unit_names_mark_checked(*, units: QuerySet[Municipality], actor: User | None) -> int:
    """An administrator confirms the Kyrgyz names of several units as they are."""
    count = 0
    checked = Municipality.NameOrigin.CHECKED
    for unit in units.exclude(name_ky="").exclude(name_ky_origin=checked):
        before = unit.name_ky_origin
        unit.name_ky_origin = checked
        unit.save(update_fields=["name_ky_origin", "modified"])
        _record(
            municipality=unit, actor=actor, action=Verb.CHANGED, obj=unit,
            changes={"name_ky_origin": [before or None, checked]},
        )
        count += 1
    return count


@transaction.atomic
def body_save(
    *, municipality: Municipality, kind: str, actor: User | None, data: dict[str, Any]
) -> Body:
    body = Body.objects.filter(municipality=municipality, kind=kind).first()
    if body is None:
        body = Body(municipality=municipality, kind=kind)
    data = {name: value for name, value in data.items() if name in BODY_FIELDS}
    return _save_with_history(
        obj=body, municipality=municipality, actor=actor, data=data, fields=BODY_FIELDS
    )


def _check_role(body: Body, role: str) -> None:
    allowed = Member.COUNCIL_ROLES if body.kind == Body.Kind.COUNCIL else Member.EXECUTIVE_ROLES
    if role not in allowed:
        raise ValidationError({"role": _("This role does not exist in this body.")})


@transaction.atomic
def member_save(
    *, body: Body, actor: User | None, data: dict[str, Any], member: Member | None = None
) -> Member:
    member = member or Member(body=body)
    if member.body_id != body.pk:
        raise ValidationError(_("This person belongs to another body."))
    data = {name: value for name, value in data.items() if name in MEMBER_FIELDS}
    _check_role(body, data.get("role", member.role))
    return _save_with_history(
        obj=member, municipality=body.municipality, actor=actor, data=data, fields=MEMBER_FIELDS
    )


@transaction.atomic
def member_delete(*, member: Member, actor: User | None) -> None:
    _delete_with_history(
        obj=member, municipality=member.body.municipality, actor=actor, fields=MEMBER_FIELDS
    )


@transaction.atomic
def village_save(
    *, municipality: Municipality, actor: User | None, data: dict[str, Any],
    village: Village | None = None,
) -> Village:
    village = village or Village(municipality=municipality)
    if village.municipality_id != municipality.pk:
        raise ValidationError(_("This village belongs to another municipality."))
    data = {name: value for name, value in data.items() if name in VILLAGE_FIELDS}
    return _save_with_history(
        obj=village, municipality=municipality, actor=actor, data=data, fields=VILLAGE_FIELDS
    )


@transaction.atomic
def village_delete(*, village: Village, actor: User | None) -> None:
    _delete_with_history(
        obj=village, municipality=village.municipality, actor=actor, fields=VILLAGE_FIELDS
    )


def document_type(upload: File[bytes]) -> str:
    """The type of an uploaded document, read from its content (never from its name)."""
    if upload.size > CHARTER_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(size)s MB.") % {"size": CHARTER_MAX_BYTES // 2**20}
        )
    found = uploads.sniff(upload)
    if found in CHARTER_TYPES:
        return found.content_type
    raise ValidationError(_("Upload the charter as a PDF, DOCX or ODT document."))


@transaction.atomic
def charter_upload(*, municipality: Municipality, actor: User | None, data: dict[str, Any],
    upload: File[bytes] | None = None,
) -> Charter:
    """Create or replace the community charter; the file is checked by content and size."""
    charter = Charter.objects.filter(municipality=municipality).first()
    if charter is None:
        charter = Charter(municipality=municipality)
        if upload is None:
            raise ValidationError({"file": _("Choose the charter document to upload.")})
    data = {name: value for name, value in data.items() if name in CHARTER_FIELDS[:-1]}
    old_file = charter.file.name if charter.pk else ""
    if upload is not None:
        data["content_type"] = document_type(upload)
        data["size"] = upload.size
        data["file"] = upload
    charter = _save_with_history(
        obj=charter, municipality=municipality, actor=actor, data=data, fields=CHARTER_FIELDS
    )
    if upload is not None and old_file and old_file != charter.file.name:
        storage = charter.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return charter


# --- the reform ------------------------------------------------------------------------------


@transaction.atomic
def units_merge(
    *,
    predecessors: list[Municipality],
    data: dict[str, Any],
    date: datetime.date,
    actor: User | None,
    kind: str = Succession.Kind.MERGED,
    note_ky: str = "",
    note_ru: str = "",
) -> Municipality:
    """Record a consolidation: create the new unit and close its predecessors on `date`.

    data holds the new unit's fields (name_ky, name_ru, slug, kind, parent, soate,
    english_name, population, population_year, population_source, population_basis). The
    Kyrgyz name given here counts as checked by a person. The predecessors keep
    their pages and records; each gets valid_to = the day before and a Succession row.
    """
    predecessors = list(predecessors)
    if len(predecessors) < (1 if kind == Succession.Kind.RENAMED else 2):
        raise ValidationError(_("Choose at least two units to merge."))
    for unit in predecessors:
        if unit.valid_to is not None and unit.valid_to < date:
            raise ValidationError(
                _("%(unit)s had already ceased to exist on that date.") % {"unit": unit}
            )
    allowed = {
        "name_ky", "name_ru", "slug", "kind", "parent", "soate", "english_name", "population",
        "population_year", "population_source", "population_basis",
    }
    successor = Municipality(valid_from=date, **{k: v for k, v in data.items() if k in allowed})
    successor.soate = successor.soate or None
    if successor.name_ky:  # typed by the administrator who records the merger
        successor.name_ky_origin = Municipality.NameOrigin.CHECKED
    successor.search_text = unit_search_text(successor)
    successor.full_clean()
    successor.save()
    _record(
        municipality=successor,
        actor=actor,
        action=Verb.CREATED,
        obj=successor,
        changes={
            "predecessors": [None, [unit.slug for unit in predecessors]],
            "valid_from": [None, date.isoformat()],
        },
    )
    closing_day = date - datetime.timedelta(days=1)
    for unit in predecessors:
        succession = Succession(
            predecessor=unit, successor=successor, date=date, kind=kind,
            note_ky=note_ky, note_ru=note_ru,
        )
        succession.full_clean()
        succession.save()
        before = unit.valid_to
        unit.valid_to = closing_day
        unit.save(update_fields=["valid_to", "modified"])
        _record(
            municipality=unit,
            actor=actor,
            action=Verb.SUPERSEDED,
            obj=unit,
            changes={
                "valid_to": [_plain(before), closing_day.isoformat()],
                "successor": [None, successor.slug],
            },
        )
    return successor


@dataclass
class Retirement:
    """One unit a reform ended, where it went (if known), and what to add to its history."""

    unit: Municipality
    successor: Municipality | None = None
    kind: str = Succession.Kind.ABSORBED
    changes: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def units_retire(
    *,
    retirements: list[Retirement],
    date: datetime.date,
    note_ky: str = "",
    note_ru: str = "",
    actor: User | None = None,
    source_file: str = "",
) -> None:
    """Close units that a reform ended: valid_to the day before `date`; nothing is deleted.

    A unit with a successor (an existing unit) gets a Succession of its kind; one without is
    closed and its page says its successor is not recorded yet. Units keep their events,
    budgets and history; each closing is written in the unit's history. In bulk: the
    statistics workbook import retires hundreds of units at once.
    """
    closing_day = date - datetime.timedelta(days=1)
    now = timezone.now()
    successions, records = [], []
    for item in retirements:
        unit = item.unit
        if unit.valid_to is not None and unit.valid_to < date:
            raise ValidationError(
                _("%(unit)s had already ceased to exist on that date.") % {"unit": unit}
            )
        changes = {"valid_to": [_plain(unit.valid_to), closing_day.isoformat()]}
        if item.successor is not None:
            if item.successor.pk == unit.pk:
                raise ValidationError(_("A unit cannot be its own successor."))
            succession = Succession(
                predecessor=unit, successor=item.successor, date=date, kind=item.kind,
                note_ky=note_ky[:300], note_ru=note_ru[:300],
            )
            successions.append(succession)
            changes.update(successor=[None, item.successor.slug], succession=[None, item.kind])
        unit.valid_to, unit.modified = closing_day, now
        records.append(history.build(
            actor=actor, obj=unit, verb=Verb.SUPERSEDED, municipality=unit,
            changes={**changes, **item.changes}, source_file=source_file, at=now,
        ))
    Succession.objects.bulk_create(successions, batch_size=500)
    Municipality.objects.bulk_update(
        [item.unit for item in retirements], ["valid_to", "modified"], batch_size=50
    )
    history.record_many(records)
    bump_content_version(sender=Municipality)


def record_admin_change(
    *, obj: models.Model, municipality: Municipality, actor: User | None, form: BaseForm,
    created: bool, extra: dict[str, Any] | None = None,
) -> None:
    """A change made in the Django admin goes into the same history as the workspace's.

    ``extra`` holds changes the admin made besides the form's ({field: [old, new]}).
    """

    def text(value: Any) -> str | None:
        value = _plain(value)
        return None if value in (None, "") else str(value)

    changes = {
        name: [text(form.initial.get(name)), text(form.cleaned_data.get(name))]
        for name in form.changed_data
        if name in form.cleaned_data
    }
    changes.update(extra or {})
    if created or changes:
        _record(
            municipality=municipality,
            actor=actor,
            action=Verb.CREATED if created else Verb.CHANGED,
            obj=obj,
            changes=changes,
        )
