"""Scheduled work of the budgets section (Celery beat, portal/settings/base.py)."""

from celery import shared_task

from .services import purge_pending_imports


@shared_task(name="budgets.purge_pending_imports")
def purge_pending_imports_task() -> int:
    return purge_pending_imports()
