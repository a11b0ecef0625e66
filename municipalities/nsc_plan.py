"""Plan an NSC workbook import: compare the workbook with the directory, decide unit by
unit (see ``nsc_import`` for the rules). Reads only; ``nsc_apply`` writes the plan."""

import datetime
from collections import Counter
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field

from . import nsc
from .models import Municipality
from .models import Succession
from .models import Village
from .nsc_report import ImportReport

SOURCE = "stat.gov.kg"
# The workbook gives the resident population at the start of its year: what citizens are told.
NSC_ESTIMATE = Municipality.PopulationBasis.NSC_ESTIMATE
# The first workbook on the units of the 2024-2025 reform is the one for the start of 2025.
FIRST_POST_REFORM_YEAR = 2025
# A successor is recorded when the villages found hold at least half of the old unit's people
# and one new unit holds at least this share of those found.
MIN_FOUND_SHARE = 0.5
MIN_TOP_SHARE = 0.8
# A village of the same name is a namesake when the populations differ more than this.
POPULATION_RATIO = (0.7, 1.4)
POPULATION_CHECK_FROM = 300
# bulk_update writes one CASE per field: small batches keep PostgreSQL from scanning long ones.
BULK_UPDATE_BATCH = 50


# How the report (in English, for the operator) names a succession.
KIND_WORDS = {
    Succession.Kind.MERGED: "merged into",
    Succession.Kind.ABSORBED: "absorbed by",
    Succession.Kind.RENAMED: "renamed to (new code)",
    Succession.Kind.SPLIT: "split into",
    Succession.Kind.STATUS: "changed its status and became",
}


@dataclass
class _Target:
    """A unit of the workbook as it will be: an existing unit or one to create."""

    row: nsc.NscRow
    unit: Municipality | None = None
    code_assigned: bool = False
    recoded_from: str = ""
    slug: str = ""
    name_ky: str = ""
    predecessors: list = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def label(self) -> str:
        return self.row.name


@dataclass
class _Retirement:
    unit: Municipality
    successor: "_Target | None"
    kind: str = ""
    detail: str = ""
    candidates: str = ""


@dataclass
class Plan:
    report: ImportReport
    targets: dict  # code -> _Target
    updates: dict  # unit pk -> (unit, {field: new value}, action)
    retirements: list
    village_rows: list  # (NscRow, target code, the Village it updates or None)
    unlisted_villages: int  # loaded villages of current units that the workbook no longer lists
    source_file: str


def _kind_group(kind: str) -> str:
    return "city" if kind in nsc.CITY_KINDS else kind


def _oblast_prefix(unit: Municipality, by_pk: dict) -> str:
    """The oblast segment of a unit, from its code or from its ancestors'."""
    current = unit
    while current is not None:
        if current.soate:
            return current.soate[:5]
        current = by_pk.get(current.parent_id)
    return ""


def _parent_code(row: nsc.NscRow, codes: set) -> str | None:
    code, kind = row.code, row.kind
    if kind in ("oblast", "city_republican"):
        return None
    oblast = code[:5] + "0" * 9
    if kind in ("rayon", "city_oblast", "city_district"):
        return oblast
    rayon = code[:8] + "0" * 6
    return rayon if rayon in codes else oblast


def _slug(name_ru: str, kind: str, taken: set) -> str:
    from municipalities.data.build_admin_units import KIND_SUFFIX
    from municipalities.data.build_admin_units import slugify

    base = (slugify(name_ru) or "unit")[:100] + KIND_SUFFIX.get(kind, "")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def plan(workbook: nsc.NscWorkbook, *, year: int, year_from: str,
         date: datetime.date | None = None) -> Plan:
    """Decide what the workbook changes; reads the directory, writes nothing."""
    date = date or datetime.date(year, 1, 1)
    report = ImportReport(file=workbook.path.name, year=year, year_from=year_from, date=date,
                          sheets=workbook.sheets)
    units = list(Municipality.objects.all())
    by_pk = {u.pk: u for u in units}
    by_code = {u.soate: u for u in units if u.soate}
    taken_slugs = {u.slug for u in units}
    villages = list(Village.objects.select_related("municipality").all())
    existing_villages = {v.soate: v for v in villages if v.soate}
    villages_of = defaultdict(list)
    for village in villages:
        villages_of[village.municipality_id].append(village)

    for row in workbook.skipped:
        report.add("skipped", code=row.code, name=row.name, detail=row.reason, where=row.where)
    for row in workbook.rows:
        for fix in row.fixes:
            report.add("fixed", code=row.code, name=row.name, detail=fix, where=row.where)

    file_units = {row.code: row for row in workbook.units}
    covered = {code[:5] for code in file_units}
    targets: dict[str, _Target] = {}
    claimed: set[int] = set()
    # 1. the same code
    for code, row in file_units.items():
        unit = by_code.get(code)
        targets[code] = _Target(row=row, unit=unit)
        if unit is not None:
            claimed.add(unit.pk)
    # 2. a unit the directory has without a code: same kind, oblast and name
    codeless = defaultdict(list)
    for unit in units:
        if not unit.soate and unit.valid_to is None:
            key = (_kind_group(unit.kind), _oblast_prefix(unit, by_pk), nsc.name_key(unit.name_ru))
            codeless[key].append(unit)
    for code, target in targets.items():
        if target.unit is not None:
            continue
        row = target.row
        found = codeless.get((_kind_group(row.kind), code[:5], nsc.name_key(row.name)), [])
        found = [u for u in found if u.pk not in claimed]
        if len(found) == 1:
            target.unit, target.code_assigned = found[0], True
            claimed.add(found[0].pk)
    # 3. units the workbook no longer lists (under the oblasts it covers)
    vanished = [
        u for u in units
        if u.soate and u.pk not in claimed and u.soate not in file_units
        and u.soate[:5] in covered and u.valid_to is None
    ]
    # 4. the same unit under a new code: same kind, same rayon, same name
    new_by_key = defaultdict(list)
    for code, target in targets.items():
        if target.unit is None:
            row = target.row
            new_by_key[(_kind_group(row.kind), code[:8], nsc.name_key(row.name))].append(target)
    still_vanished = []
    for unit in vanished:
        key = (_kind_group(unit.kind), unit.soate[:8], nsc.name_key(unit.name_ru))
        found = [t for t in new_by_key.get(key, []) if t.unit is None]
        if len(found) == 1:
            found[0].unit, found[0].recoded_from = unit, unit.soate
            claimed.add(unit.pk)
        else:
            still_vanished.append(unit)

    village_rows, unlisted = _plan_villages(workbook, targets, existing_villages, villages_of,
                                            report)
    places_of = defaultdict(list)  # target code -> village names
    for row, unit_code, _village in village_rows:
        places_of[unit_code].append(row.name)

    # New units: slug and Kyrgyz name by rule; existing ones: what changes.
    updates = {}
    codes = set(targets)
    for code, target in sorted(targets.items(), key=lambda kv: nsc.KIND_ORDER[kv[1].row.kind]):
        row = target.row
        if target.unit is None:
            target.slug = _slug(row.name, row.kind, taken_slugs)
            target.name_ky = nsc.kyrgyz_name_by_rule(row.name, row.kind, places_of[code])
            continue
        _plan_update(target, row, year=year, report=report, updates=updates,
                     parent_code=_parent_code(row, codes), targets=targets,
                     places=places_of[code])

    index = _place_index(targets, village_rows)
    retirements = [
        _successor(unit, targets=targets, index=index, old_villages=villages_of[unit.pk])
        for unit in still_vanished
    ]
    for retirement in retirements:
        if retirement.successor is not None:
            retirement.successor.predecessors.append(retirement)
    for retirement in retirements:
        if retirement.successor is not None:
            retirement.kind = _succession_kind(retirement)
    return Plan(report=report, targets=targets, updates=updates, retirements=retirements,
                village_rows=village_rows, unlisted_villages=unlisted,
                source_file=workbook.path.name)


def _plan_villages(workbook, targets, existing_villages, villages_of, report):
    """Each village row with the village it updates: the same code, or (for a unit that keeps
    its page) a village of the unit with the same name that has no code or an old one."""
    codes = {row.code for row in workbook.villages}
    rows = []
    spare = {}  # unit pk -> {place key: village} of its villages the codes do not match
    for row in workbook.villages:
        target = targets.get(row.unit_code)
        if target is None:
            report.add("skipped", code=row.code, name=row.name, where=row.where,
                       detail=f"a village of {row.unit_code}, a unit the workbook does not list")
            continue
        village = existing_villages.get(row.code)
        if village is None and target.unit is not None:
            if target.unit.pk not in spare:
                spare[target.unit.pk] = {
                    nsc.place_key(v.name_ru or v.name_ky): v
                    for v in villages_of[target.unit.pk]
                    if not v.is_demo and (not v.soate or v.soate not in codes)
                }
            village = spare[target.unit.pk].pop(nsc.place_key(row.name), None)
        rows.append((row, row.unit_code, village))
    current = {t.unit.pk for t in targets.values() if t.unit is not None}
    matched = {village.pk for _row, _code, village in rows if village is not None}
    unlisted = sum(
        1 for v in existing_villages.values()
        if v.municipality_id in current and v.pk not in matched
    )
    return rows, unlisted


def _plan_update(target: _Target, row: nsc.NscRow, *, year: int, report: ImportReport,
                 updates: dict, parent_code, targets: dict, places) -> None:
    unit = target.unit
    values: dict = {}
    notes: list[str] = []
    action = "updated"
    if unit.valid_to is not None:
        report.add("review", code=row.code, name=row.name, slug=unit.slug, where=row.where,
                   detail=f"listed in the workbook, but recorded as existing until "
                          f"{unit.valid_to.isoformat()}; left as it is")
        return
    if target.code_assigned:
        values["soate"] = row.code
        notes.append(f"SOATE code {row.code} given to the unit the directory had without one")
    if target.recoded_from:
        values["soate"] = row.code
        notes.append(f"code changed {target.recoded_from} → {row.code}")
    if nsc.name_key(row.name) != nsc.name_key(unit.name_ru):
        unconfirmed = nsc.UNCONFIRMED_RENAMES.get(row.code)
        if unconfirmed and nsc.name_key(row.name) == unconfirmed:
            report.add("review", code=row.code, name=unit.name_ru, slug=unit.slug,
                       where=row.where,
                       detail=f"the workbook names it «{row.name}»; no act renaming the unit "
                              "was seen, so the name is left unchanged: check")
        else:
            action = "renamed"
            values["name_ru"] = row.name
            notes.append(f"renamed «{unit.name_ru}» → «{row.name}»")
            if unit.name_ky_origin == Municipality.NameOrigin.CHECKED:
                # a person's Kyrgyz name is never overwritten: they are asked to look again
                report.add("review", code=row.code, name=row.name, slug=unit.slug,
                           where=row.where,
                           detail=f"renamed; its Kyrgyz name «{unit.name_ky}» was checked by a "
                                  "person and is kept: check it against the new name")
            else:
                values["name_ky"] = nsc.kyrgyz_name_by_rule(row.name, row.kind, places)
                values["name_ky_origin"] = Municipality.NameOrigin.RULE
                values["name_ky_source"] = f"rule: from the Russian name in {report.file}"
                values["name_ky_note"] = (
                    f"renamed in the NSC workbook {year}; "
                    f"formerly «{unit.name_ky or unit.name_ru}»"
                )[:500]
    if row.kind != unit.kind:
        values["kind"] = row.kind
        notes.append(f"type {unit.kind} → {row.kind}")
    if parent_code is not None and parent_code in targets:
        parent_unit = targets[parent_code].unit
        if parent_unit is None or parent_unit.pk != unit.parent_id:
            values["parent"] = parent_code  # resolved to a unit when applying
            notes.append(f"now part of {parent_code}")
    kept = ""
    if row.population is not None:
        if unit.population_year and unit.population_year > year:
            kept = f"population kept: the directory's figure is for {unit.population_year}"
        elif (
            unit.population, unit.population_year, unit.population_source, unit.population_basis
        ) != (row.population, year, SOURCE, NSC_ESTIMATE):
            values.update(population=row.population, population_year=year,
                          population_source=SOURCE, population_basis=NSC_ESTIMATE)
            if unit.population == row.population:
                notes.append(f"population {row.population} now cited as {SOURCE}, {year}")
            else:
                notes.append(f"population {unit.population or '—'} → {row.population} ({year})")
    if year >= FIRST_POST_REFORM_YEAR and unit.is_pre_reform:
        values["is_pre_reform"] = False
        notes.append("listed in a post-reform workbook: no longer marked pre-reform")
    if values:
        updates[unit.pk] = (unit, values, action)
        report.add(action, code=row.code, name=unit.name_ru, slug=unit.slug,
                   detail="; ".join([*notes, kept] if kept else notes))
    else:
        report.add("unchanged", code=row.code, name=unit.name_ru, slug=unit.slug, detail=kept)


# --- successors ------------------------------------------------------------------------------


def _scopes(code: str) -> list:
    """Where a unit's villages are looked for: its rayon, the cities and capital around it,
    then its whole oblast (the portal has no map to know which rayons border each other)."""
    rayon, oblast = code[:8], code[:5]
    capital = nsc.CAPITAL_OF_OBLAST.get(code[3:5])
    near = {oblast}
    if capital:
        near.add(capital[:5])
    return [
        ("its rayon", lambda t: t.code[:8] == rayon),
        ("a city nearby", lambda t: t.row.kind in nsc.CITY_KINDS and t.code[:5] in near),
        ("its oblast", lambda t: t.code[:5] in near),
    ]


def _similar(a: int | None, b: int | None) -> bool:
    if a is None or b is None or max(a, b) < POPULATION_CHECK_FROM:
        return True
    low, high = POPULATION_RATIO
    return low <= (b + 1) / (a + 1) <= high


def _place_index(targets: dict, village_rows) -> dict:
    """Every place of the workbook by its name (exact, and "~" + loose), with its unit."""
    index = defaultdict(list)
    for row, unit_code, _village in village_rows:
        key = nsc.place_key(row.name)
        for lookup in (key, "~" + nsc.stem_key(key)):
            index[lookup].append((targets[unit_code], row.population))
    for target in targets.values():
        if target.row.kind in nsc.CITY_KINDS:  # a town's own name is one of its places
            key = nsc.place_key(target.row.name)
            for lookup in (key, "~" + nsc.stem_key(key)):
                index[lookup].append((target, None))
    return index


def _successor(unit: Municipality, *, targets: dict, index: dict, old_villages) -> _Retirement:
    """Where a vanished unit went: the new unit most of its villages' people are listed under.

    Each old village is looked up by name (ө/ү/ң/ё folded, -ка/-ово endings loose) in the same
    rayon first, then in the cities nearby (Bishkek and Osh took ayil aimaks), then in the
    oblast; a village of the same name with a population far from the old one's is a namesake.
    A town's own name counts as one of its places. The successor is recorded when the villages
    found hold at least half of the unit's people and one unit holds 80 % of those found;
    otherwise the unit is reported with its candidates and retired without a successor.
    """
    places = [(v.name_ru or v.name_ky, v.population) for v in old_villages if not v.is_demo]
    if unit.kind in nsc.CITY_KINDS:
        places.append((unit.name_ru, None))
    if not places:
        # A unit is mostly named after its main village: say where a village of that name is.
        key = nsc.name_key(unit.name_ru)
        suggestion = {
            t.code: t for t, _p in index.get("~" + key, []) + index.get(key, [])
            if t.code[:8] == unit.soate[:8] or t.row.kind in nsc.CITY_KINDS
        }
        hint = ""
        if len(suggestion) == 1:
            target = next(iter(suggestion.values()))
            hint = f"; its name points at {target.label} ({target.code})"
        return _Retirement(unit=unit, successor=None,
                           detail="the directory has no villages of this unit, so its "
                                  f"successor cannot be found by them{hint}")
    scopes = _scopes(unit.soate)
    votes: Counter = Counter()
    total = found_weight = found = 0
    unsure, missing = [], []
    for name, population in places:
        weight = (population or 0) + 1
        total += weight
        key = nsc.place_key(name)
        hits = []
        for lookup in (key, "~" + nsc.stem_key(key)):
            for _label, inside in scopes:
                hits = [(t, p) for t, p in index.get(lookup, [])
                        if inside(t) and _similar(population, p)]
                if hits:
                    break
            if hits:
                break
        codes = {t.code for t, _ in hits}
        if len(codes) == 1:
            votes[hits[0][0].code] += weight
            found_weight += weight
            found += 1
        elif codes:
            unsure.append((name, weight, codes))
        else:
            missing.append(name)
    for name, weight, codes in unsure:  # a common name: the unit the others went to
        voted = [code for code in codes if votes.get(code)]
        if len(voted) == 1:
            votes[voted[0]] += weight
            found_weight += weight
            found += 1
        else:
            missing.append(f"{name} (in {len(codes)} units)")
    shares = ", ".join(
        f"{targets[code].label} ({code}) {weight / total:.0%}"
        for code, weight in votes.most_common(4)
    )
    detail = f"villages found: {found} of {len(places)}, {found_weight / total:.0%} of the people"
    if missing:
        detail += "; not found: " + ", ".join(missing[:8]) + ("…" if len(missing) > 8 else "")
    if votes:
        top_code, top_weight = votes.most_common(1)[0]
        if found_weight >= MIN_FOUND_SHARE * total and top_weight >= MIN_TOP_SHARE * found_weight:
            return _Retirement(unit=unit, successor=targets[top_code], detail=detail,
                               candidates=shares)
    return _Retirement(unit=unit, successor=None, detail=detail, candidates=shares)


def _succession_kind(retirement: _Retirement) -> str:
    unit, successor = retirement.unit, retirement.successor
    new_kind = successor.row.kind
    is_new = successor.unit is None
    many = len(successor.predecessors) > 1
    if unit.kind in nsc.CITY_KINDS and new_kind in nsc.CITY_KINDS and (
        nsc.name_key(unit.name_ru) == nsc.name_key(successor.row.name)
    ):
        return Succession.Kind.STATUS  # the town became a city of oblast significance
    if new_kind in nsc.CITY_KINDS and unit.kind not in nsc.CITY_KINDS:
        return Succession.Kind.ABSORBED if (many or not is_new) else Succession.Kind.STATUS
    if many or not is_new:
        return Succession.Kind.MERGED
    if _kind_group(new_kind) != _kind_group(unit.kind):
        return Succession.Kind.STATUS
    return Succession.Kind.RENAMED


def plan_decisions(plan_: Plan) -> None:
    """Add the decisions about new and retired units and villages to the report."""
    report = plan_.report
    for code, target in plan_.targets.items():
        if target.unit is None:
            row = target.row
            report.add("created", code=code, name=row.name, slug=target.slug, where=row.where,
                       detail=f"Kyrgyz name by rule, to check: «{target.name_ky}»"
                              + (f"; population {row.population}" if row.population else ""))
    for retirement in plan_.retirements:
        unit = retirement.unit
        if retirement.successor is not None:
            successor = retirement.successor
            label = KIND_WORDS[retirement.kind]
            report.add("retired", code=unit.soate, name=unit.name_ru, slug=unit.slug,
                       detail=f"{label} {successor.label} ({successor.code}); "
                              f"{retirement.detail}; {retirement.candidates}")
        else:
            report.add("ambiguous", code=unit.soate, name=unit.name_ru, slug=unit.slug,
                       detail="retired without a successor, to review: " + retirement.detail
                              + (f"; candidates: {retirement.candidates}"
                                 if retirement.candidates else ""))
    counts = _village_counts(plan_)
    if any(counts.values()):
        report.add("villages", detail=", ".join(f"{k} {v}" for k, v in counts.items()))


def _village_counts(plan_: Plan) -> dict:
    counts = {"created": 0, "updated": 0, "moved": 0, "unchanged": 0}
    for row, unit_code, village in plan_.village_rows:
        if village is None:
            counts["created"] += 1
            continue
        target = plan_.targets[unit_code]
        if target.unit is None or village.municipality_id != target.unit.pk:
            counts["moved"] += 1
        elif (village.soate, village.name_ru) != (row.code, row.name) or (
            row.population is not None and village.population != row.population
        ):
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    counts["kept, no longer listed"] = plan_.unlisted_villages
    return counts
