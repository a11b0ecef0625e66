"""The queue costs the same number of queries however many texts are flagged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.moderation import services
from tests.moderation.conftest import KINDS

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def flag_each_kind(make_text, user_factory, times):
    for _ in range(times):
        for kind in KINDS:
            text = make_text(kind, user_factory())
            services.flag_create(user=user_factory(), obj=text, reason="себеп")
            services.flag_create(user=user_factory(), obj=text)


def test_queue_is_constant_in_the_number_of_items(
    client, moderator, make_text, user_factory, django_assert_max_num_queries, settings
):
    flag_each_kind(make_text, user_factory, 1)
    services.user_block(actor=moderator, user=user_factory(), reason="спам")
    client.force_login(moderator)
    one = count_queries(client, "/ky/moderation/")
    flag_each_kind(make_text, user_factory, 6)
    services.user_block(actor=moderator, user=user_factory(), reason="спам")
    with django_assert_max_num_queries(one):
        client.get("/ky/moderation/")
    # A full page of every kind costs no more, and the number stays small.
    settings.PAGE_SIZE = 30
    with django_assert_max_num_queries(one):
        client.get("/ky/moderation/")
    assert one <= 14


def test_staff_queue_is_constant(client, staff_of, municipality, make_text, user_factory,
                                 django_assert_max_num_queries):
    flag_each_kind(make_text, user_factory, 1)
    client.force_login(staff_of(municipality))
    one = count_queries(client, "/ky/moderation/")
    flag_each_kind(make_text, user_factory, 5)
    with django_assert_max_num_queries(one):
        client.get("/ky/moderation/")
