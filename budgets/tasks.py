"""Scheduled work of the budgets section (Celery beat, portal/settings/base.py)."""

from celery import shared_task


@shared_task(name="budgets.purge_pending_imports")
def purge_pending_imports_task() -> int:
    from budgets.services import purge_pending_imports

    return purge_pending_imports()
