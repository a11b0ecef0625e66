"""/budgets/all/: every published budget year, filtered, paginated, in constant queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.models import BudgetYear
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


def _published(unit, year):
    return BudgetYear.objects.create(municipality=unit, year=year, published_at=timezone.now())


def _rows(response):
    return [(b.municipality.slug, b.year) for b in response.context["page"].object_list]


@pytest.fixture
def many(aa, other_aa, municipality_factory):
    other_oblast = municipality_factory(kind=Municipality.Kind.OBLAST, slug="far-oblast")
    far = municipality_factory(parent=other_oblast, slug="far-aa", name="Aaa far")
    for year in (2022, 2023, 2024):
        _published(aa, year)
        _published(other_aa, year)
    _published(far, 2024)
    BudgetYear.objects.create(municipality=far, year=2025)  # a draft: never listed
    return far


def test_lists_every_published_year_newest_first(client, many, aa, other_aa):
    response = client.get(reverse("budgets:list"))
    assert response.status_code == 200
    rows = _rows(response)
    assert ("far-aa", 2025) not in rows
    assert len(rows) == 7
    assert [year for _slug, year in rows] == sorted((year for _slug, year in rows), reverse=True)
    names = [b.municipality.name for b in response.context["page"].object_list if b.year == 2024]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"oblast": "test-oblast"}, 6),
        ({"oblast": "far-oblast"}, 1),
        ({"rayon": "test-rayon"}, 6),
        ({"municipality": "test-aa"}, 3),
        ({"municipality": "test-aa", "year": "2023"}, 1),
        ({"year": "2024"}, 3),
    ],
)
def test_filters(client, many, query, expected):
    response = client.get(reverse("budgets:list"), query)
    assert response.status_code == 200
    assert len(_rows(response)) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"municipality": "no-such-unit"},
        {"oblast": "no-such-oblast"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"page": "x"},
        {"page": "999"},
        {"municipality": "not a slug!"},
    ],
)
def test_bad_filter_input_never_fails(client, many, query):
    response = client.get(reverse("budgets:list"), query)
    assert response.status_code == 200


def test_unknown_unit_shows_empty_state(client, many):
    response = client.get(reverse("budgets:list"), {"municipality": "no-such-unit"})
    assert _rows(response) == []
    assert response.context["page"].paginator.count == 0
    assert b'class="empty"' in response.content


def test_paginated(client, many, settings):
    settings.PAGE_SIZE = 3
    first = client.get(reverse("budgets:list"))
    assert len(_rows(first)) == 3
    last = client.get(reverse("budgets:list"), {"page": 3})
    assert len(_rows(last)) == 1
    assert b'rel="next"' in first.content


def test_print_version_has_no_form(client, many):
    response = client.get(reverse("budgets:list"), {"print": "1"})
    assert response.status_code == 200
    assert b'class="filters"' not in response.content


def test_landing_links_the_list(client):
    response = client.get(reverse("budgets:landing"))
    assert reverse("budgets:list").encode() in response.content


def test_constant_queries(client, many, aa, settings, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("budgets:list"))
    for year in range(2000, 2020):
        _published(aa, year)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("budgets:list"), {"oblast": "test-oblast"})
    assert len(_rows(response)) == min(26, settings.PAGE_SIZE)
