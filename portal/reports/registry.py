"""Report types. Each app registers its own in <app>/reports.py (autodiscovered)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class ReportType:
    key: str
    title: str | Promise
    template: str
    # Loads the object with everything the template touches; raises DoesNotExist if absent.
    load: Callable[[int], Any]
    # Whether the public may have this object as a report (drafts may not).
    is_public: Callable[[Any], bool]
    context: Callable[[Any], dict] = lambda obj: {}
    # Large type for notice boards (the event announcement).
    large_type: bool = False
    # A representative object id for `manage.py bench_reports` (None: nothing to time).
    sample: Callable[[], int | None] = lambda: None
    # What the report shows, as a string, computed without rendering anything: equal strings
    # mean an equal report. None: a fingerprint of the object and of ``context(obj)`` (every
    # row's field values, with the rows prefetched or selected with it; see services).
    content_key: Callable[[Any], str] | None = None


REPORT_TYPES: dict[str, ReportType] = {}


def register(report_type: ReportType) -> ReportType:
    REPORT_TYPES[report_type.key] = report_type
    return report_type


def get(key: str) -> ReportType | None:
    return REPORT_TYPES.get(key)
