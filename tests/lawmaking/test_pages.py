"""Registry, landing and draft pages: filters, both languages, print, pinned query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from participation.lawmaking import services
from participation.lawmaking.models import Draft

pytestmark = pytest.mark.django_db


def test_registry_filters(client, draft_factory, municipality_factory):
    karakol, naryn = municipality_factory(), municipality_factory()
    a = draft_factory(municipality=karakol, title_ky="АЛЬФА")
    b = draft_factory(municipality=naryn, title_ky="БЕТА", status=Draft.Status.ADOPTED)
    c = draft_factory(
        municipality=None,
        title_ky="ГАММА",
        discussion_starts_at=timezone.now() - datetime.timedelta(days=400),
    )
    hidden = draft_factory(municipality=karakol, title_ky="ЖАШЫРУУН", status=Draft.Status.DRAFT)
    url = reverse("lawmaking:list")

    def titles(**params):
        html = client.get(url, params).content.decode()
        return {d.title_ky for d in (a, b, c, hidden) if d.title_ky in html}

    assert titles() == {"АЛЬФА", "БЕТА", "ГАММА"}
    assert titles(municipality=karakol.pk) == {"АЛЬФА"}
    assert titles(municipality="national") == {"ГАММА"}
    assert titles(status="adopted") == {"БЕТА"}
    since = (timezone.now() - datetime.timedelta(days=30)).date().isoformat()
    assert titles(date_from=since) == {"АЛЬФА", "БЕТА"}
    # bad input is ignored, never an error
    assert client.get(url, {"municipality": "x'%{{", "date_from": "nonsense"}).status_code == 200


def test_registry_is_paginated(client, draft_factory, settings):
    settings.PAGE_SIZE = 2
    draft_factory.create_batch(3)
    response = client.get(reverse("lawmaking:list"))
    assert response.context["page"].paginator.num_pages == 2
    assert client.get(reverse("lawmaking:list"), {"page": 2}).status_code == 200


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_pages_render_in_both_languages(client, draft, lang):
    with translation.override(lang):
        urls = [reverse("lawmaking:landing"), reverse("lawmaking:list"), draft.get_absolute_url()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{lang}"' in response.content.decode()
        printed = client.get(url + "?print=1")
        assert printed.status_code == 200
        assert "<nav" not in printed.content.decode()
    assert (draft.title_ky if lang == "ky" else draft.title_ru) in client.get(
        urls[2]
    ).content.decode()


def _many_comments(draft, user_factory, n):
    texts = services.current_revision(draft).texts.all()
    for i in range(n):
        clause = texts[i % len(texts)].clause if i % 2 else None
        services.comment_create(user=user_factory(), draft=draft, clause=clause, text=f"c{i}")


def test_detail_query_count_does_not_grow(
    client, draft, draft_factory, user_factory, django_assert_max_num_queries
):
    _many_comments(draft, user_factory, 1)
    with django_assert_max_num_queries(12) as one:
        client.get(draft.get_absolute_url())
    big = draft_factory()
    _many_comments(big, user_factory, 20)
    services.draft_revise(
        user=user_factory(is_superuser=True),
        draft=big,
        clauses=[
            (t.clause, t.text_ky + "!", t.text_ru)
            for t in services.current_revision(big).texts.all()
        ],
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(big.get_absolute_url())


def test_registry_query_count_does_not_grow(
    client, draft_factory, user_factory, django_assert_max_num_queries
):
    draft_factory()
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("lawmaking:list"))
    for draft in draft_factory.create_batch(15):
        _many_comments(draft, user_factory, 2)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("lawmaking:list"))


def test_summary_query_count_does_not_grow(
    client, draft_factory, user_factory, django_assert_max_num_queries
):
    small, big = draft_factory(), draft_factory()
    _many_comments(small, user_factory, 1)
    _many_comments(big, user_factory, 25)
    Draft.objects.update(
        discussion_ends_at=timezone.now() - datetime.timedelta(minutes=1),
        discussion_starts_at=timezone.now() - datetime.timedelta(days=20),
    )
    with django_assert_max_num_queries(10) as one:
        assert client.get(reverse("lawmaking:summary", args=[small.pk])).status_code == 200
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse("lawmaking:summary", args=[big.pk])).status_code == 200
