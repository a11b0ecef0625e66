"""Scheduled work of the budgets section (Celery beat, portal/settings/base.py)."""

from celery import shared_task

from . import services


@shared_task(name="budgets.purge_pending_imports")
def purge_pending_imports_task() -> int:
    return services.purge_pending_imports()
