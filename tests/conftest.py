import uuid

import pytest
from pytest_factoryboy import register

from tests.factories import MunicipalityFactory
from tests.factories import StaffMembershipFactory
from tests.factories import UserFactory

register(UserFactory)
register(MunicipalityFactory)
register(StaffMembershipFactory)


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Each test writes files to its own folder and sees an empty cache (rate limits too).

    The cache is the real Redis; a fresh key prefix isolates tests without flushing a
    database that other runs may share.
    """
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path / "media")
    previous = cache.key_prefix
    cache.key_prefix = f"test-{uuid.uuid4().hex}"
    yield
    cache.key_prefix = previous


@pytest.fixture(autouse=True)
def _default_language(settings):
    """No test inherits the language another test activated in the same worker."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def citizen(user_factory):
    return user_factory(display_name="Айгерим")


@pytest.fixture
def staff_of(user_factory, staff_membership_factory):
    """staff_of(municipality, level="editor") -> a user working for that municipality."""

    def make(unit, level="editor"):
        user = user_factory()
        staff_membership_factory(user=user, municipality=unit, level=level)
        return user

    return make


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Rows that migrations load (the default balance groups and national shares, the one row
    of law-making settings) are there.

    A transactional test (live server, real workers) empties every table when it ends; with
    --reuse-db the next run would start without them and fail for no fault of the code.
    """
    from participation.defaults import load_defaults
    from participation.models import BalanceGroup
    from participation.models import ReferenceShare

    with django_db_blocker.unblock():
        if not BalanceGroup.objects.exists():
            load_defaults(BalanceGroup, ReferenceShare)
        from participation.lawmaking.models import LawmakingSettings

        if not LawmakingSettings.objects.exists():
            LawmakingSettings().save()


@pytest.fixture
def commits_at_once(monkeypatch):
    """In a test inside one transaction nothing commits: run ``on_commit`` work at once.

    Tasks go through the outbox (``portal/outbox.py``), which hands them to Celery after the
    commit; tests that look at what a task did (a rendered report, a sent mail) use this.
    """
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture(autouse=True)
def _outbox_not_paused():
    """A broker refusal in one test must not make the outbox skip sends in the next."""
    from portal import outbox

    outbox._broker_paused_until = 0.0
    yield
    outbox._broker_paused_until = 0.0
