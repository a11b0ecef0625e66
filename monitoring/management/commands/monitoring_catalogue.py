from django.core.management.base import BaseCommand

from monitoring.catalogue import catalogue_load


class Command(BaseCommand):
    help = "Load the starter indicator catalogue of joint monitoring (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also reset indicators that already exist to the shipped texts.",
        )

    def handle(self, *args, overwrite: bool = False, **options):
        report = catalogue_load(overwrite=overwrite)
        self.stdout.write(
            f"indicators: created {len(report.created)}, updated {len(report.updated)}, "
            f"unchanged {len(report.unchanged)}"
        )
