"""Search latency on the national data set: the same queries, the whole page, many times.

Measures, asserts nothing. Run from the checkout whose code you want to measure, against the
scale database (bench/README.md, part 1), e.g. before and after a change to search:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_scale \\
        .venv/bin/python bench/search_compare.py --label after --runs 30

Each query is asked through Django's test client (the view, the template, every query) with the
page cache off; prints median and p95 per query and over all, as a Markdown table.
"""

import argparse
import os
import statistics
import sys
import time
from urllib.parse import quote

QUERIES = [
    "суу",  # the page benchmark's word: a common word, thousands of matches
    "түтүгүн",  # as written
    "тутугун",  # typed without Kyrgyz letters
    "бюджет",
    "бюжет",  # one letter missing
    "бюдежт",  # two letters swapped
    "Каракол",
    "Каракл",  # a slip in a unit's name
    "Тупку",  # a unit's name with an ending, without ү
    "жолдорду оңдоо",  # two words
    "зыгзыгзыг",  # nothing like it anywhere
]

PAIRS = [
    ("тутугун", "түтүгүн"), ("кенеш", "кеңеш"), ("бюжет", "бюджет"), ("бюдежт", "бюджет"),
    ("Каракл", "Каракол"), ("Тупку", "Түп"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default=os.environ.get("USER", "run"))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--lang", default="ky")
    parser.add_argument("queries", nargs="*", help="only these (default: the list above)")
    args = parser.parse_args()

    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from portal import search

    client = Client()
    rows, everything = [], []
    for query in args.queries or QUERIES:
        url = f"/{args.lang}/search/?q={quote(query)}"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)  # warm, and the number of queries
        assert response.status_code == 200, (url, response.status_code)
        with translation.override(args.lang):
            count = search.search(query).order_by()[:1001].count()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        everything += times
        times.sort()
        rows.append((query, count, len(captured), statistics.median(times),
                     times[max(0, int(len(times) * 0.95) - 1)]))
    if hasattr(search, "interpret"):  # since search folds and forgives: same results?
        print("\n| typed | spelt | results typed | results spelt | same |")
        print("|---|---|---:|---:|---|")
        with translation.override(args.lang):
            for typed, spelt in PAIRS:
                a = set(search.search(typed).values_list("pk", flat=True))
                b = set(search.search(spelt).values_list("pk", flat=True))
                print(f"| {typed} | {spelt} | {len(a)} | {len(b)} | {'yes' if a == b else 'NO'} |")
    everything.sort()
    print(f"\n### search, {args.label} ({args.runs} runs each, ms)\n")
    print("| query | results | queries | median | p95 |")
    print("|---|---:|---:|---:|---:|")
    for query, count, queries, median, p95 in rows:
        print(f"| {query} | {count} | {queries} | {median:.0f} | {p95:.0f} |")
    p95_all = everything[max(0, int(len(everything) * 0.95) - 1)]
    print(f"| **all** | | | {statistics.median(everything):.0f} | {p95_all:.0f} |")


if __name__ == "__main__":
    main()
