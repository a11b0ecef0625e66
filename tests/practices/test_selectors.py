"""The municipality profile hook and other selectors."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils import translation

from practices import selectors
from practices.models import Status

pytestmark = pytest.mark.django_db


def test_profile_block_is_one_query_with_at_most_five_items(
    django_assert_num_queries, unit, practice_factory, story_factory
):
    now = timezone.now()
    original = practice_factory()
    practice_factory(municipality=unit, title_ru="Повтор", original=original,
                     published_at=now - dt.timedelta(days=1))
    practice_factory.create_batch(3, municipality=unit, published_at=now - dt.timedelta(days=9))
    story_factory(municipality=unit, title_ru="Свежая история", published_at=now)
    story_factory.create_batch(3, municipality=unit, published_at=now - dt.timedelta(days=20))
    practice_factory(municipality=unit, status=Status.DRAFT, published_at=None)
    with translation.override("ru"), django_assert_num_queries(1):
        block = selectors.municipality_profile_block(unit)
    assert set(block) == {"title", "items", "more_url", "empty_text"}
    assert len(block["items"]) == 5
    assert block["items"][0]["label"] == "Свежая история"
    assert block["items"][0]["url"].startswith("/ru/stories/")
    assert block["items"][1]["label"] == "Повтор"
    assert "повторена по опыту другого муниципалитета" in block["items"][1]["meta"]
    assert block["more_url"].endswith(f"?municipality={unit.slug}")


def test_profile_block_empty(unit):
    block = selectors.municipality_profile_block(unit)
    assert block["items"] == []
    assert block["empty_text"]


def test_profile_block_falls_back_to_the_other_language(unit, practice_factory):
    practice_factory(municipality=unit, title_ky="", title_ru="Только по-русски")
    with translation.override("ky"):
        block = selectors.municipality_profile_block(unit)
    assert block["items"][0]["label"] == "Только по-русски"


def test_information_block_is_one_query(django_assert_num_queries, unit, news_item_factory,
                                        document_factory):
    news_item_factory.create_batch(3, municipality=unit)
    document_factory.create_batch(3, municipality=unit)
    news_item_factory()  # national: not on the profile
    with django_assert_num_queries(1):
        block = selectors.municipality_information_block(unit)
    assert len(block["items"]) == 5


def test_practice_totals_and_theme_counts(practice_factory):
    original = practice_factory(theme="water")
    practice_factory(theme="water", original=original)
    practice_factory(theme="waste", status=Status.DRAFT, published_at=None)
    totals = selectors.practice_totals()
    assert totals == {"practices": 2, "municipalities": 2, "replications": 1}
    counts = {row["value"]: row["count"] for row in selectors.theme_counts()}
    assert counts["water"] == 2
    assert counts["waste"] == 0
