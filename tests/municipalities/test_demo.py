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


def test_seed_shows_units_absorbed_by_bishkek_with_their_pages_kept(client):
    from django.urls import reverse
    from django.utils import translation

    admin_units_load()
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    bishkek = Municipality.objects.get(slug="bishkek")
    absorbed = Succession.objects.filter(successor=bishkek, kind="absorbed")
    assert sorted(s.predecessor.slug for s in absorbed) == sorted(
        demo.ABSORBED_BY_BISHKEK["slugs"]
    )
    maevka = Municipality.objects.get(slug="maevskiy-aa")
    assert str(maevka.valid_to) == "2024-02-29"
    with translation.override("ky"):
        html = client.get(reverse("municipalities:detail", kwargs={"slug": "maevskiy-aa"}))
        assert f'href="{bishkek.get_absolute_url()}"' in html.content.decode()
        reform = client.get(reverse("municipalities:reform")).content.decode()
    assert maevka.get_absolute_url() in reform
