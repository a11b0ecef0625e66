from django.core.management.base import BaseCommand

from portal import search


class Command(BaseCommand):
    help = "Rebuild the site-wide search index (all types, or those named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"any of: {', '.join(search.REGISTRY)}")

    def handle(self, *args, kinds: list[str], **options):
        written = search.reindex(kinds or None)
        self.stdout.write(f"search index: {written} entries")
