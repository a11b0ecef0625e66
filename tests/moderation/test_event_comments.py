"""Moderating event comments at the addresses they always had: the old block and unblock
addresses under /participation/moderation/ serve the core's views; the queue is the core's.
(Moved from tests/participation/test_comments.py.)"""

import pytest

from portal.moderation import services as moderation
from portal.moderation.models import ModerationRecord
from portal.moderation.models import UserBlock

pytestmark = pytest.mark.django_db


def post_comment(client, event, text):
    return client.post(f"/ky/events/{event.pk}/comments/", {"text": text})


@pytest.fixture
def event_roles(municipality_factory, citizen, staff_of, moderator, site_admin, event):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "staff": staff_of(event.municipality),
        "other_staff": staff_of(municipality_factory()),
        "moderator": moderator,
        "admin": site_admin,
    }


def test_moderator_blocks_and_unblocks_a_user(client, moderator, citizen, event):
    client.force_login(moderator)
    response = client.post(f"/ky/participation/moderation/block/{citizen.pk}/", {"reason": "спам"})
    assert response.status_code == 302
    assert UserBlock.objects.filter(user=citizen).exists()
    client.force_login(citizen)
    assert post_comment(client, event, "мен кайра келдим").status_code == 403
    client.force_login(moderator)
    client.post(f"/ky/participation/moderation/unblock/{citizen.pk}/")
    assert not UserBlock.objects.exists()
    assert list(ModerationRecord.objects.order_by("created").values_list("action", flat=True)) == [
        "block", "unblock"
    ]


@pytest.mark.parametrize("role", ["anonymous", "citizen", "staff", "other_staff"])
def test_block_denied(client, event_roles, role, user_factory):
    target = user_factory()
    if role != "anonymous":
        client.force_login(event_roles[role])
    response = client.post(f"/ky/participation/moderation/block/{target.pk}/", {"reason": "x"})
    assert response.status_code in (302, 403)
    assert not UserBlock.objects.exists()


def test_block_without_reason_re_renders(client, moderator, citizen):
    client.force_login(moderator)
    response = client.post(f"/ky/participation/moderation/block/{citizen.pk}/", {"reason": ""})
    assert response.status_code == 200
    assert not UserBlock.objects.exists()


def test_queue_denied_paths_and_staff_see_only_their_own(
    client, citizen, staff_of, comment_factory, event_factory, user_factory
):
    assert client.get("/ky/moderation/").status_code == 302
    client.force_login(citizen)
    assert client.get("/ky/moderation/").status_code == 403
    mine = comment_factory(text="МЕНИКИ")
    theirs = comment_factory(text="БАШКАНЫКЫ")
    flagger = user_factory()
    moderation.flag_create(user=flagger, obj=mine)
    moderation.flag_create(user=flagger, obj=theirs)
    client.force_login(staff_of(mine.event.municipality))
    html = client.get("/ky/moderation/").content.decode()
    assert "МЕНИКИ" in html
    assert "БАШКАНЫКЫ" not in html
