"""Bring the directory up to the statistics office's workbook (``manage.py load_admin_units
--nsc-workbook FILE``).

Two steps: ``plan()`` reads the directory (a handful of queries) and decides, unit by unit,
what the workbook changes; ``apply()`` writes those decisions in one transaction. A dry run
only plans. Every decision goes into the report; every change into the unit's history
(a ``portal.history`` entry with the workbook's file name, no person).

- A unit is the same unit when its SOATE code is the same. A unit the directory has without a
  code is matched by kind, oblast and name, and gets the code.
- Same code, new name: renamed in place (the old name stays in the unit's history). A new
  spelling of the same name (Latin «c», spaces, "г." or "айылный аймак" placed otherwise) is
  not a rename: the directory's spelling stays.
- A code the directory lacks: a new unit, with its Russian name and a Kyrgyz name derived by
  rule (``name_ky_origin="rule"``: administrators check it).
- A unit of the directory (with a code, under an oblast the workbook covers) that the workbook
  no longer lists: retired (``valid_to``), never deleted. When a unit of the same kind, rayon
  and name appears under a new code, the code changed: the unit keeps its page and takes the
  new code. Otherwise its successor is found through its villages (see ``_successor``); when
  that is not clear, the unit is retired without a successor and reported for review.
- Villages are kept per unit with their code. A village listed under a new unit with a new
  code is a new row of that unit: the old unit keeps the villages it had.
- Populations are set with the workbook's year and source, unless the directory has a newer
  year's figure.

The steps live in their own modules: ``nsc`` reads the workbook, ``nsc_plan`` plans,
``nsc_apply`` writes, ``nsc_report`` is what the operator reads; this one runs them.
"""

import datetime
from pathlib import Path

from django.utils import translation

from . import nsc
from .nsc_apply import apply
from .nsc_plan import plan
from .nsc_plan import plan_decisions
from .nsc_report import ImportReport


def run(path: Path, *, year: int | None = None, date: datetime.date | None = None,
        dry_run: bool = False) -> ImportReport:
    """Read, plan and (unless a dry run) apply; raises NscFileError for an unusable file."""
    try:
        workbook = nsc.read_workbook(Path(path))
    except nsc.NscFileError:
        raise
    except Exception as error:  # a shape no rule above foresaw: say so, change nothing
        raise nsc.NscFileError(
            f"{Path(path).name}: cannot be read as the NSC workbook ({error!r})"
        ) from error
    year_from = "the --year option"
    if year is None:
        year, year_from = workbook.year()
        if year is None:
            raise nsc.NscFileError(
                f"{Path(path).name}: the year of the figures is neither in a title cell "
                "(«… на начало 2026 г.») nor in the file name; give it with --year"
            )
    plan_ = plan(workbook, year=year, year_from=year_from, date=date)
    plan_decisions(plan_)
    plan_.report.dry_run = dry_run
    if not dry_run:
        with translation.override("ky"):
            apply(plan_)
    return plan_.report
