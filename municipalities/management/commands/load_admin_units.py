import datetime
from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from municipalities import nsc_import
from municipalities.nsc import NscFileError
from municipalities.services import ADMIN_UNITS_FILE
from municipalities.services import admin_units_load


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date: {text!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = (
        "Load or update the administrative units of the Kyrgyz Republic (idempotent): from "
        "the project's reference file, or with --nsc-workbook from the statistics office's "
        "population workbook (.xls or .xlsx), which also retires the units it no longer lists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=ADMIN_UNITS_FILE,
                            help="the project's reference file (CSV); the default is shipped")
        parser.add_argument(
            "--nsc-workbook", type=Path, metavar="FILE",
            help="the NSC workbook «Численность постоянного населения областей, районов, "
            "городов, айылных аймаков и айылов (сел)» from stat.gov.kg",
        )
        parser.add_argument("--year", type=int,
                            help="the year of the workbook's figures (start of that year), when "
                            "neither a title cell nor the file name says it")
        parser.add_argument("--date", type=_date,
                            help="the date the changes took effect (YYYY-MM-DD); default: "
                            "1 January of the workbook's year")
        parser.add_argument("--dry-run", action="store_true",
                            help="print what would change and write nothing")
        parser.add_argument("--report", type=Path, metavar="FILE",
                            help="also write every decision to FILE (.csv: one row each)")

    def handle(self, *args, file: Path, nsc_workbook: Path | None, year, date, dry_run,
               report, verbosity=1, **options):
        if nsc_workbook is None:
            if year or date or dry_run or report:
                raise CommandError("--year, --date, --dry-run and --report go with --nsc-workbook")
            return self._reference_file(file)
        if year is not None and not 2000 <= year <= 2100:
            raise CommandError(f"--year {year}: give the four-digit year of the figures")
        try:
            result = nsc_import.run(nsc_workbook, year=year, date=date, dry_run=dry_run)
        except NscFileError as error:
            raise CommandError(f"{error}. Nothing has been changed.") from error
        for line in result.lines(verbose=verbosity >= 2):
            self.stdout.write(line)
        if report is not None:
            result.write(report)
            self.stdout.write(f"Report written to {report}")

    def _reference_file(self, file: Path) -> None:
        result = admin_units_load(path=file)
        self.stdout.write(
            f"created {len(result.created)}, updated {len(result.updated)}, "
            f"unchanged {len(result.unchanged)}, skipped {len(result.skipped)}"
        )
        for slug in result.skipped:
            self.stdout.write(f"  skipped: {slug}")
        for slug in result.kept:
            self.stdout.write(f"  names checked by a person kept (the file differs): {slug}")
