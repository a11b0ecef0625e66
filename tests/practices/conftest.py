import pytest
from django.contrib.auth.models import Group
from pytest_factoryboy import register

from practices.rules import EDITORS_GROUP
from tests.practices.factories import DocumentFactory
from tests.practices.factories import FundingSourceFactory
from tests.practices.factories import NewsItemFactory
from tests.practices.factories import PracticeFactory
from tests.practices.factories import ResultIndicatorFactory
from tests.practices.factories import StoryFactory

register(PracticeFactory)
register(StoryFactory)
register(NewsItemFactory)
register(DocumentFactory)
register(FundingSourceFactory)
register(ResultIndicatorFactory)


@pytest.fixture
def editor(user_factory):
    """A site-wide content editor: a member of the "editors" group."""
    user = user_factory(display_name="Редактор")
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def moderator(user_factory):
    return user_factory(is_moderator=True)


@pytest.fixture
def site_admin(user_factory):
    return user_factory(is_superuser=True, is_staff=True)


@pytest.fixture
def unit(municipality_factory):
    return municipality_factory()


@pytest.fixture
def other_unit(municipality_factory):
    return municipality_factory()


@pytest.fixture
def roles(citizen, staff_of, unit, other_unit, moderator, site_admin, editor):
    """Every role of the matrix, keyed by name (None = anonymous visitor)."""
    return {
        "anonymous": None,
        "citizen": citizen,
        "staff": staff_of(unit),
        "other_staff": staff_of(other_unit),
        "moderator": moderator,
        "admin": site_admin,
        "editor": editor,
    }
