"""Pinned query counts: pages cost the same with one row or many (5,000 comments included)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation import services
from participation.models import Comment

pytestmark = pytest.mark.django_db


def count_queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow_events(event_factory, municipality_factory, n):
    oblast = municipality_factory(kind="oblast")
    rayon = municipality_factory(kind="rayon", parent=oblast)
    for _ in range(n):
        event_factory(municipality=municipality_factory(parent=rayon))


PINNED = {
    "/ky/events/": 5,
    "/ky/events/calendar/": 4,
    "/ky/participation/": 8,
    "/ky/events/feed.ics": 3,
    "/ky/participation/balance/": 9,
}


@pytest.mark.parametrize("url", list(PINNED))
def test_lists_are_constant(client, event_factory, municipality_factory, url,
                            django_assert_max_num_queries):
    event_factory()
    one = count_queries(client, url)
    grow_events(event_factory, municipality_factory, 20)
    with django_assert_max_num_queries(one):
        client.get(url)
    assert one <= PINNED[url]


def test_event_page_with_5000_comments_is_paginated_and_constant(
    client, event, user_factory, alternative_factory, django_assert_max_num_queries, citizen
):
    alternative_factory.create_batch(3, event=event)
    author = user_factory()
    Comment.objects.create(event=event, author=author, text="first")
    client.force_login(citizen)
    baseline = count_queries(client, event.get_absolute_url())

    authors = user_factory.create_batch(5)
    comments = Comment.objects.bulk_create(
        Comment(event=event, author=authors[n % 5], text=f"comment {n}") for n in range(5000)
    )
    Comment.objects.bulk_create(
        Comment(event=event, author=authors[n % 5], parent=comments[n], text=f"reply {n}")
        for n in range(200)
    )
    for alternative in event.alternatives.all():
        services.choice_set(user=user_factory(), event=event, alternative=alternative)
    with django_assert_max_num_queries(baseline):
        response = client.get(event.get_absolute_url() + "?page=3")
    html = response.content.decode()
    assert html.count('class="comment"') + html.count('class="comment reply"') <= 25 * 9
    assert baseline <= 17  # session, user, event, perms, documents, tally, comments, timeline...
    with django_assert_max_num_queries(baseline):
        client.get(event.get_absolute_url() + "?page=2", headers={"HX-Request": "true"})


def test_manage_list_is_constant(client, staff_of, event_factory, municipality,
                                 django_assert_max_num_queries):
    staff = staff_of(municipality)
    event_factory(municipality=municipality)
    client.force_login(staff)
    one = count_queries(client, "/ky/events/manage/")
    event_factory.create_batch(15, municipality=municipality, status="draft")
    with django_assert_max_num_queries(one):
        client.get("/ky/events/manage/")
