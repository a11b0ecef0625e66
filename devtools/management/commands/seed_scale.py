"""Build a national-scale data set for benchmarks: ``manage.py seed_scale --seed 1``."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils import translation

from devtools import scale as scale_data


class Command(BaseCommand):
    help = (
        "Fill a dedicated database with a national-scale data set (budgets, events, comments, "
        "users, monitoring, practices) on the real administrative units. Repeatable per seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, required=True, help="random seed (repeatable)")
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = national scale")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")
        parser.add_argument(
            "--reset", action="store_true",
            help="empty the content tables first (dedicated benchmark database only)",
        )
        parser.add_argument("--no-search", action="store_true", help="skip the search index")
        parser.add_argument(
            "--units", type=int, default=None, help="only the first N units (for fast tests)"
        )

    def handle(self, *args, seed: int, scale: float, force: bool, reset: bool, **options):
        if not (settings.DEBUG or force):
            raise CommandError(
                "Refusing to run with DEBUG off; pass --force on a benchmark database."
            )
        if not 0 < scale <= 10:
            raise CommandError("--scale must be between 0 and 10.")
        started = time.monotonic()
        with translation.override("ky"):
            call_command("load_admin_units", stdout=self.stdout)
            if reset:
                scale_data.reset()
                self.stdout.write("reset: content tables emptied")
            scale_data.build(
                seed=seed, scale=scale, log=self.stdout.write,
                search_index=not options["no_search"], unit_limit=options["units"],
            )
        self.stdout.write(f"seed_scale done in {time.monotonic() - started:.1f}s")
