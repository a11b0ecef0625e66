"""Permission matrix of law-making, through the rules and through the views."""

import datetime

import pytest
import rules
from django.urls import reverse
from freezegun import freeze_time

from participation.lawmaking import services
from participation.lawmaking.models import Draft
from participation.lawmaking.models import DraftComment

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin"]


def _allowed(*who):
    return {role: role in who for role in ROLES}


@pytest.mark.parametrize(
    ("perm", "expected"),
    [
        ("lawmaking.view_draft", _allowed(*ROLES)),
        ("lawmaking.change_draft", _allowed("staff", "admin")),
        (
            "lawmaking.comment_draft",
            _allowed("citizen", "staff", "other_staff", "moderator", "admin"),
        ),
        ("lawmaking.adopt_draft", _allowed()),  # the discussion is still open
    ],
)
def test_open_draft_matrix(roles, draft, perm, expected):
    for role, user in roles.items():
        assert rules.has_perm(perm, user, draft) is expected[role], role


def test_unpublished_draft_matrix(roles, draft):
    draft.status = Draft.Status.DRAFT
    for role, user in roles.items():
        assert rules.has_perm("lawmaking.view_draft", user, draft) is (
            role in ("staff", "admin")
        )
        assert not rules.has_perm("lawmaking.comment_draft", user, draft)


def test_after_the_period_matrix(roles, draft, citizen):
    comment = services.comment_create(user=citizen, draft=draft, text="Сунуш")
    with freeze_time(draft.discussion_ends_at + datetime.timedelta(minutes=1)):
        for role, user in roles.items():
            allowed = role in ("staff", "admin")
            assert rules.has_perm("lawmaking.decide_draftcomment", user, comment) is allowed, (
                role
            )
            assert rules.has_perm("lawmaking.adopt_draft", user, draft) is allowed, role
            assert not rules.has_perm("lawmaking.comment_draft", user, draft)
            assert rules.has_perm("moderation.hide_item", user, comment) is (
                role in ("staff", "moderator", "admin")
            ), role


def test_national_draft_is_managed_by_site_admins_only(roles, draft_factory):
    national = draft_factory(municipality=None)
    for role, user in roles.items():
        assert rules.has_perm("lawmaking.change_draft", user, national) is (role == "admin"), (
            role
        )


def test_add_draft(roles):
    for role, user in roles.items():
        assert rules.has_perm("lawmaking.add_draft", user) is (
            role in ("staff", "other_staff", "admin")
        ), role


@pytest.mark.parametrize("role", ROLES)
def test_views_refuse_the_wrong_people(client, roles, draft, role):
    user = roles[role]
    if role != "anonymous":
        client.force_login(user)
    comment = services.comment_create(user=roles["citizen"], draft=draft, text="Сунуш")
    urls = {
        "edit": reverse("lawmaking:edit", args=[draft.pk]),
        "revise": reverse("lawmaking:revise", args=[draft.pk]),
        "hide": reverse("lawmaking:hide", args=[comment.pk]),
        "new": reverse("lawmaking:create"),
        "mine": reverse("lawmaking:manage"),
    }
    allowed = {
        "edit": role in ("staff", "admin"),
        "revise": role in ("staff", "admin"),
        "hide": role in ("staff", "moderator", "admin"),
        "new": role in ("staff", "other_staff", "admin"),
        "mine": role in ("staff", "other_staff", "admin"),
    }
    for name, url in urls.items():
        status = client.get(url).status_code
        if allowed[name]:
            assert status == 200, (name, status)
        elif role == "anonymous":
            assert status == 302, (name, status)
        else:
            assert status == 403, (name, status)
    with freeze_time(draft.discussion_ends_at + datetime.timedelta(days=1)):
        if role != "anonymous":
            client.force_login(user)  # a fresh session at the frozen time
        status = client.get(reverse("lawmaking:decide", args=[comment.pk])).status_code
        expected = 200 if role in ("staff", "admin") else 302 if role == "anonymous" else 403
        assert status == expected
        status = client.get(reverse("lawmaking:adopt", args=[draft.pk])).status_code
        assert status == expected


def test_hide_removes_the_comment_from_the_page(client, draft, citizen, moderator):
    comment = services.comment_create(user=citizen, draft=draft, text="ЖАМАН СӨЗ")
    client.force_login(moderator)
    response = client.post(reverse("lawmaking:hide", args=[comment.pk]), {"reason": "Сөгүнүү"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_reason == "Сөгүнүү"
    assert "ЖАМАН СӨЗ" not in client.get(draft.get_absolute_url()).content.decode()
    assert DraftComment.objects.filter(is_hidden=False).count() == 0
