from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from portal import search


class Command(BaseCommand):
    help = "Rebuild the site-wide search index (all types, or those named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"any of: {', '.join(search.REGISTRY)}")
        parser.add_argument(
            "--drop-indexes",
            action="store_true",
            help="PostgreSQL: drop the search indexes during the rebuild and build them again "
            "afterwards; much faster for a large rebuild, but searches are slow meanwhile",
        )

    def handle(self, *args, kinds: list[str], drop_indexes: bool, **options):
        unknown = sorted(set(kinds) - set(search.REGISTRY))
        if unknown:
            raise CommandError(
                f"Unknown types: {', '.join(unknown)}; any of: {', '.join(search.REGISTRY)}"
            )
        written = search.reindex(
            kinds or None, drop_indexes=drop_indexes, log=self.stdout.write
        )
        self.stdout.write(f"search index: {sum(written.values())} entries")
