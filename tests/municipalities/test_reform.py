"""Reform history: recording a merger, lifetimes, successions, and the pages that show them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from municipalities.models import ChangeRecord
from municipalities.models import Municipality
from municipalities.models import Succession
from municipalities.services import units_merge

pytestmark = pytest.mark.django_db

DATE = datetime.date(2024, 2, 20)


@pytest.fixture
def pair(unit_factory, rayon_factory):
    rayon = rayon_factory(slug="alamudun")
    return [
        unit_factory(parent=rayon, slug="ala-archa-aa", name_ru="Ала-Арчинский айылный аймак",
                     is_pre_reform=True),
        unit_factory(parent=rayon, slug="oktyabr-aa", name_ru="Октябрьский айылный аймак",
                     is_pre_reform=True),
    ]


def _merge(pair, actor=None, **extra):
    return units_merge(
        predecessors=pair,
        data={"slug": "suimonkul-chokmorov-aa", "name_ky": "Сүймөнкул Чокморов айыл аймагы",
              "name_ru": "Айылный аймак имени Суймонкула Чокморова", "kind": "ayil_aimak",
              "parent": pair[0].parent, "population": 14700, "population_year": 2024,
              **extra},
        date=DATE,
        actor=actor,
    )


def test_merge_creates_the_successor_and_closes_the_predecessors(pair, site_admin):
    new = _merge(pair, actor=site_admin)
    assert new.valid_from == DATE
    assert new.parent == pair[0].parent
    assert "сүймөнкул" in new.search_text
    for unit in pair:
        unit.refresh_from_db()
        assert unit.valid_to == DATE - datetime.timedelta(days=1)
        assert Succession.objects.get(predecessor=unit).successor == new
    assert ChangeRecord.objects.filter(action="superseded", actor=site_admin).count() == 2
    created = ChangeRecord.objects.get(municipality=new)
    assert created.changes["predecessors"][1] == ["ala-archa-aa", "oktyabr-aa"]


def test_merge_needs_two_units_and_a_free_address(pair, unit_factory):
    with pytest.raises(ValidationError):
        units_merge(predecessors=pair[:1], data={}, date=DATE, actor=None)
    unit_factory(slug="taken")
    with pytest.raises(ValidationError):
        _merge(pair, slug="taken")
    assert not Succession.objects.exists()
    assert Municipality.objects.filter(valid_to__isnull=False).count() == 0


def test_a_unit_cannot_be_merged_after_it_ceased(pair):
    pair[0].valid_to = datetime.date(2020, 1, 1)
    pair[0].save()
    with pytest.raises(ValidationError):
        _merge(pair)


def test_old_records_stay_reachable_and_link_both_ways(client, pair):
    new = _merge(pair)
    with translation.override("ru"):
        old_url = reverse("municipalities:detail", kwargs={"slug": "ala-archa-aa"})
    old = client.get(old_url).content.decode()
    assert new.get_absolute_url().replace("/ky/", "/ru/") in old
    new_html = client.get(new.get_absolute_url()).content.decode()
    assert "/ala-archa-aa/" in new_html
    assert "/oktyabr-aa/" in new_html


def test_site_admin_records_a_merger_through_the_page(client, site_admin, pair):
    client.force_login(site_admin)
    with translation.override("ru"):
        url = reverse("municipalities:merge")
    response = client.post(url, {
        "predecessors": ["ala-archa-aa", "oktyabr-aa"], "date": "2024-02-20",
        "name_ky": "Сүймөнкул Чокморов айыл аймагы",
        "name_ru": "Айылный аймак имени Суймонкула Чокморова",
        "slug": "suimonkul-chokmorov-aa", "kind": "ayil_aimak", "population": "14700",
        "population_year": "2024", "population_source": "shailoo.gov.kg",
    })
    assert response.status_code == 302
    new = Municipality.objects.get(slug="suimonkul-chokmorov-aa")
    assert response["Location"].endswith("/suimonkul-chokmorov-aa/")
    assert new.successions_in.count() == 2


def test_merge_page_bad_input_saves_nothing(client, site_admin, pair, rayon_factory,
                                            unit_factory):
    client.force_login(site_admin)
    other = unit_factory(parent=rayon_factory(), slug="far-away")
    with translation.override("ru"):
        url = reverse("municipalities:merge")
    for data in [
        {"predecessors": ["ala-archa-aa"], "date": "2024-02-20", "name_ru": "X", "slug": "x",
         "kind": "ayil_aimak"},
        {"predecessors": ["ala-archa-aa", other.slug], "date": "2024-02-20", "name_ru": "X",
         "slug": "x", "kind": "ayil_aimak"},
        {"predecessors": ["ala-archa-aa", "oktyabr-aa"], "date": "", "name_ru": "X",
         "slug": "x", "kind": "ayil_aimak"},
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
    assert not Municipality.objects.filter(slug="x").exists()
    assert not Succession.objects.exists()
