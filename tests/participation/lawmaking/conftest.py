import pytest
from pytest_factoryboy import register

from tests.participation.lawmaking.factories import DraftFactory

register(DraftFactory)


@pytest.fixture
def roles(municipality_factory, citizen, staff_of, moderator, site_admin, draft):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "staff": staff_of(draft.municipality),
        "other_staff": staff_of(municipality_factory()),
        "moderator": moderator,
        "admin": site_admin,
    }
