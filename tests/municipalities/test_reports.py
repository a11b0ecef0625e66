"""The municipality profile report: which unit the benchmark of reports renders."""

import pytest

from municipalities.models import Municipality
from portal.reports import registry
from tests.factories import MunicipalityFactory
from tests.municipalities.factories import BodyFactory

pytestmark = pytest.mark.django_db


def sample() -> int | None:
    return registry.get("municipality-profile").sample()


def test_sample_prefers_a_unit_with_its_bodies_recorded():
    MunicipalityFactory()
    with_bodies = BodyFactory().municipality
    assert sample() == with_bodies.pk


def test_sample_falls_back_to_any_self_governing_unit():
    MunicipalityFactory(kind=Municipality.Kind.OBLAST)
    unit = MunicipalityFactory()
    assert unit.kind in Municipality.SELF_GOVERNING_KINDS
    assert sample() == unit.pk


def test_no_sample_without_self_governing_units():
    MunicipalityFactory(kind=Municipality.Kind.OBLAST)
    assert sample() is None
