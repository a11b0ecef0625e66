import pytest
from django.contrib.auth.models import AnonymousUser
from pytest_factoryboy import register

from tests.budgets.conftest import codes  # noqa: F401  (fixtures reused)
from tests.budgets.factories import ClassificationCodeFactory

register(ClassificationCodeFactory)


@pytest.fixture
def unit(municipality_factory):
    return municipality_factory()


@pytest.fixture
def other_unit(municipality_factory):
    return municipality_factory()


@pytest.fixture
def site_admin(user_factory):
    return user_factory(is_superuser=True, is_staff=True)


@pytest.fixture
def roles(unit, other_unit, citizen, staff_of, user_factory, site_admin):
    """Who asks for the history of an object of ``unit``."""
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "staff": staff_of(unit),
        "manager": staff_of(unit, level="manager"),
        "other_staff": staff_of(other_unit, level="manager"),
        "moderator": user_factory(is_moderator=True),
        "django_staff": user_factory(is_staff=True),  # admin access flag, no role on the portal
        "admin": site_admin,
    }
