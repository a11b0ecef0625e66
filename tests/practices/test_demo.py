"""The demo content seeds, twice, without duplicates, in both languages."""

import io

import pytest

from practices import demo
from practices.models import Document
from practices.models import NewsItem
from practices.models import Practice
from practices.models import Status
from practices.models import Story
from practices.uploads import sniff

pytestmark = pytest.mark.django_db

SLUGS = ["tepkenskiy-aa", "karakol", "kochkorskiy-aa", "ak-bulunskiy-aa", "talas"]


def test_seed_is_idempotent_and_complete(municipality_factory):
    for slug in SLUGS:
        municipality_factory(slug=slug)
    demo.seed(stdout=io.StringIO())
    counts = [m.objects.count() for m in (Practice, Story, NewsItem, Document)]
    demo.seed(stdout=io.StringIO())
    assert [m.objects.count() for m in (Practice, Story, NewsItem, Document)] == counts
    assert counts[0] >= 4
    replicated = Practice.objects.get(original__isnull=False)
    assert replicated.original.municipality.slug == "tepkenskiy-aa"
    assert Practice.objects.filter(status=Status.SUBMITTED).exists()
    law = Document.objects.get(number="123", municipality=None)
    assert law.adopted_on.isoformat() == "2021-10-20"
    assert "О местной государственной администрации" in law.title_ru
    assert sniff(law.file.open("rb")).key == "pdf"
    for practice in Practice.objects.all():
        assert practice.title_ky
        assert practice.title_ru
        assert practice.photos.count() == 1
    assert NewsItem.objects.filter(municipality__isnull=True).exists()
    assert NewsItem.objects.filter(municipality__isnull=False).exists()
