import pytest
from django.contrib.auth.models import AnonymousUser
from pytest_factoryboy import register

from tests.municipalities.factories import BodyFactory
from tests.municipalities.factories import MemberFactory
from tests.municipalities.factories import OblastFactory
from tests.municipalities.factories import RayonFactory
from tests.municipalities.factories import UnitFactory
from tests.municipalities.factories import VillageFactory

register(UnitFactory)
register(OblastFactory)
register(RayonFactory)
register(BodyFactory)
register(MemberFactory)
register(VillageFactory)


@pytest.fixture
def unit_a(unit_factory, rayon_factory):
    return unit_factory(parent=rayon_factory(), slug="unit-a")


@pytest.fixture
def unit_b(unit_factory, rayon_factory):
    return unit_factory(parent=rayon_factory(), slug="unit-b")


@pytest.fixture
def moderator(user_factory):
    return user_factory(is_moderator=True)


@pytest.fixture
def site_admin(user_factory):
    return user_factory(is_superuser=True, is_staff=True)


@pytest.fixture
def roles(unit_a, unit_b, citizen, staff_of, moderator, site_admin):
    """The roles of the permission matrix, relative to unit_a."""
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "staff": staff_of(unit_a),
        "manager": staff_of(unit_a, level="manager"),
        "other_staff": staff_of(unit_b, level="manager"),
        "moderator": moderator,
        "admin": site_admin,
    }
