"""The demo seed: bodies in both languages, demo villages marked, one merger; idempotent."""

import io

import pytest

from municipalities import demo
from municipalities.models import Body
from municipalities.models import Member
from municipalities.models import Municipality
from municipalities.models import Succession
from municipalities.models import Village
from municipalities.services import admin_units_load

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_honest():
    admin_units_load()
    demo.seed(stdout=io.StringIO())
    counts = (Body.objects.count(), Member.objects.count(), Village.objects.count(),
              Succession.objects.count(), Municipality.objects.count())
    demo.seed(stdout=io.StringIO())
    assert counts == (Body.objects.count(), Member.objects.count(), Village.objects.count(),
                      Succession.objects.count(), Municipality.objects.count())
    for slug in ["karakol", "tepkenskiy-aa", "naryn", "kochkorskiy-aa"]:
        bodies = Body.objects.filter(municipality__slug=slug)
        assert bodies.count() == 2
        assert all(b.is_demo and b.name_ky and b.name_ru for b in bodies)
    genders = set(Member.objects.filter(body__municipality__slug="karakol",
                                        body__kind="council").values_list("gender", flat=True))
    assert genders == {"female", "male"}
    assert Village.objects.count() == Village.objects.filter(is_demo=True).count() > 0
    new = Municipality.objects.get(slug="suimonkul-chokmorov-aa")
    assert sorted(s.predecessor.slug for s in new.successions_in.all()) == [
        "ala-archinskiy-aa", "oktyabrskiy-aa-2",
    ]
    assert Municipality.objects.get(slug="ala-archinskiy-aa").valid_to is not None
    assert new.bodies.get(kind="council").seats == 32
