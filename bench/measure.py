"""Inside Django: choose the key pages on the data set and count the queries each one makes.

Run by bench/run.py with the same environment as the server (production settings, the scale
database). Prints one JSON document: [{"name", "path", "queries", "status", "single_ms",
"slowest_query_ms"}] (one warm request, unloaded server process). Measures only.
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SEARCH_WORD = "суу"


def pick_pages(lang: str = "ky") -> list[tuple[str, str]]:
    """(name, path) of each key page, chosen from the data: the busiest of each kind."""
    from budgets.models import BudgetYear
    from monitoring.models import Cycle
    from municipalities.models import Municipality
    from participation.models import Comment
    from participation.models import Event

    pages = [
        ("ceiling: /ping (trivial view)", "/ping"),
        ("/healthz (database, cache, broker checks)", "/healthz"),
        ("home", f"/{lang}/"),
        ("directory", f"/{lang}/municipalities/directory/"),
    ]
    unit = (
        Municipality.objects.filter(kind__in=Municipality.SELF_GOVERNING_KINDS)
        .annotate(n=Count("events"))
        .order_by("-n", "soate")
        .first()
    )
    if unit:
        pages.append(("municipality profile", f"/{lang}/municipalities/{unit.slug}/"))
    pages.append(("event list", f"/{lang}/events/"))
    busiest = (
        Comment.objects.filter(event__status__in=Event.PUBLIC_STATUSES)
        .values("event_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest:
        pages.append(
            (f"event with {busiest['n']} comments", f"/{lang}/events/{busiest['event_id']}/")
        )
    budget = (
        BudgetYear.objects.filter(published_at__isnull=False)
        .select_related("municipality")
        .order_by("-year", "municipality__soate")
        .first()
    )
    if budget:
        pages.append(
            ("budget year", f"/{lang}/budgets/{budget.municipality.slug}/{budget.year}/")
        )
        rayon = (
            Municipality.objects.filter(kind=Municipality.Kind.RAYON)
            .annotate(n=Count("children"))
            .order_by("-n", "soate")
            .first()
        )
        if rayon:
            pages.append(("budget comparison", f"/{lang}/budgets/compare/{rayon.slug}/"))
    cycle = (
        Cycle.objects.filter(status=Cycle.Status.PUBLISHED)
        .annotate(n=Count("acts__evaluations"))
        .order_by("-n", "pk")
        .first()
    )
    if cycle:
        pages.append(("scorecard", f"/{lang}/monitoring/cycles/{cycle.pk}/scorecard/"))
    pages.append(("search", f"/{lang}/search/?q={quote(SEARCH_WORD)}"))
    return pages


def main() -> None:
    if "--pick-only" in sys.argv:  # the pages only, no requests (bench/faults.py)
        print(json.dumps([{"name": n, "path": p} for n, p in pick_pages()], ensure_ascii=False))
        return
    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    results = []
    for name, path in pick_pages():
        client.get(path)  # warm: the first request pays for imports and template loading
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        slowest = max((float(q["time"]) for q in queries.captured_queries), default=0.0)
        results.append(
            {"name": name, "path": path, "queries": len(queries), "status": response.status_code,
             "single_ms": elapsed * 1000, "slowest_query_ms": slowest * 1000}
        )
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
