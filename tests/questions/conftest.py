import pytest
from pytest_factoryboy import register

from tests.questions.factories import QuestionFactory

register(QuestionFactory)


@pytest.fixture
def moderator(user_factory):
    return user_factory(is_moderator=True)


@pytest.fixture
def site_admin(user_factory):
    return user_factory(is_superuser=True, is_staff=True)


@pytest.fixture
def roles(municipality_factory, citizen, staff_of, moderator, site_admin, question):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "staff": staff_of(question.municipality),
        "other_staff": staff_of(municipality_factory()),
        "moderator": moderator,
        "admin": site_admin,
    }
