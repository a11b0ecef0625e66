from pathlib import Path

from django.core.management.base import BaseCommand

from municipalities.services import ADMIN_UNITS_FILE
from municipalities.services import admin_units_load


class Command(BaseCommand):
    help = "Load or update the administrative units of the Kyrgyz Republic (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=ADMIN_UNITS_FILE)

    def handle(self, *args, file: Path, **options):
        report = admin_units_load(path=file)
        self.stdout.write(
            f"created {len(report.created)}, updated {len(report.updated)}, "
            f"unchanged {len(report.unchanged)}, skipped {len(report.skipped)}"
        )
        for slug in report.skipped:
            self.stdout.write(f"  skipped: {slug}")
        for slug in report.kept:
            self.stdout.write(f"  names checked by a person kept (the file differs): {slug}")
