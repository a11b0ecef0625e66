"""A national-scale data set for benchmarks (``manage.py seed_scale``).

Everything is generated from ``random.Random(seed)`` and fixed dates, so the same seed on the
same administrative units gives the same rows. Rows go in with PostgreSQL ``COPY`` (explicit
ids, sequences moved on afterwards); on other databases with ``bulk_create``. No model
``save()`` runs, so no signals fire: the search index is rebuilt at the end in batches.

Meant for a dedicated database: ``reset()`` empties the content tables wholesale.
"""

import random
import time
from collections.abc import Callable
from collections.abc import Iterable

from django.apps import apps
from django.db import connection

from .scale_parts import Part
from .scale_parts import make_budgets
from .scale_parts import make_comments
from .scale_parts import make_drafts
from .scale_parts import make_events
from .scale_parts import make_monitoring
from .scale_parts import make_practices
from .scale_parts import make_questions
from .scale_parts import make_users
from .scale_parts import model_or_none
from .scale_parts import units

# --- search index ----------------------------------------------------------------------------


def reindex(log: Callable[[str], None] = print) -> Part:
    """The whole search index, with its GIN indexes built once at the end, not row by row."""
    from portal import search

    part = Part("search index")
    part.counts = search.reindex(drop_indexes=True, log=log)
    return part


# --- all of it -------------------------------------------------------------------------------


CONTENT_TABLES = [
    "lawmaking.DraftComment", "lawmaking.ClauseText", "lawmaking.DraftClause",
    "lawmaking.DraftRevision", "lawmaking.Draft",
    "participation.Comment", "participation.Alternative", "participation.Choice",
    "participation.Attendance", "participation.Event", "questions.Question",
    "monitoring.Evaluation",
    "monitoring.MonitoringAct", "monitoring.PlanItem", "monitoring.Cycle",
    "monitoring.GroupMember", "monitoring.MonitoringGroup", "practices.Story",
    "practices.Practice", "budgets.BudgetLine", "budgets.Transfer", "budgets.BudgetYear",
    "portal.SearchEntry",
]


def reset() -> None:
    """Empty the content tables and the scale users (for a dedicated database only)."""
    models_ = [m for m in (model_or_none(label) for label in CONTENT_TABLES) if m is not None]
    tables = [m._meta.db_table for m in models_]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if connection.in_atomic_block:  # deferred checks must run before a TRUNCATE
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
            # What referred to the scale users went with the TRUNCATE; the ORM's delete would
            # still look for references to 200,000 users table by table, for minutes. Anything
            # left that refers to them fails the foreign-key check, loudly.
            cursor.execute(
                "DELETE FROM portal_user WHERE email LIKE %s", ["%@scale.invalid"]
            )
    else:
        for model in models_:
            model._default_manager.all().delete()
        apps.get_model("portal", "User").objects.filter(email__endswith="@scale.invalid").delete()


def build(*, seed: int, scale: float, log: Callable[[str], None] = print,
          search_index: bool = True, unit_limit: int | None = None) -> list[Part]:
    rng = random.Random(seed)  # noqa: S311 - test data, repeatable by design
    unit_list = units(unit_limit)
    if not unit_list:
        raise RuntimeError("no self-governing units: run manage.py load_admin_units first")
    unit_ids = [u.pk for u in unit_list]
    parts: list[Part] = []

    def timed(fn, *args):
        started = time.monotonic()
        result = fn(*args)
        part = result[0] if isinstance(result, tuple) else result
        part.seconds = time.monotonic() - started
        parts.append(part)
        what = part.skipped or ", ".join(f"{n} {k}" for k, n in part.counts.items())
        log(f"{part.name}: {what} ({part.seconds:.1f}s)")
        return result

    _part, user_ids = timed(make_users, rng, scale, unit_ids)
    timed(make_budgets, rng, unit_list)
    _part, public = timed(make_events, rng, scale, unit_ids, user_ids)
    timed(make_comments, rng, scale, public, user_ids)
    timed(make_monitoring, rng, scale, unit_list, user_ids)
    timed(make_practices, rng, scale, unit_ids)
    timed(make_questions, rng, scale, unit_ids, user_ids)
    timed(make_drafts, rng, scale, unit_ids, user_ids)
    if connection.vendor == "postgresql":
        # What autovacuum would soon do on a live site: statistics for the planner and the
        # visibility map, without which counts cannot be answered from an index alone.
        started = time.monotonic()
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(statement)
        log(f"{statement.lower()}: {time.monotonic() - started:.1f}s")
    if search_index:
        timed(reindex, log)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            started = time.monotonic()
            with connection.cursor() as cursor:  # upserts leave dead rows; fresh statistics
                cursor.execute("VACUUM ANALYZE portal_searchentry")
            log(f"vacuum search index: {time.monotonic() - started:.1f}s")
    return parts


def iter_fingerprint(limit: int = 200) -> Iterable[tuple]:
    """A content sample independent of ids, for checking that a seed repeats."""
    Event = apps.get_model("participation", "Event")
    Comment = apps.get_model("participation", "Comment")
    yield from Event.objects.order_by("starts_at", "title_ky", "status").values_list(
        "municipality__soate", "status", "title_ky", "starts_at")[:limit]
    yield from Comment.objects.order_by("created", "text").values_list(
        "event__title_ky", "text", "created")[:limit]
