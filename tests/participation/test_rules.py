"""Permission matrix: every participation permission × the six roles (and states)."""

import pytest

from participation.models import Comment
from participation.models import Event
from participation.models import ReferenceShare
from portal.moderation.models import UserBlock
from portal.permissions import can

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin"]


def allowed(roles, perm, obj=None) -> dict:
    return {name: can(roles[name], perm, obj) for name in ROLES}


def expect(*names) -> dict:
    return {name: name in names for name in ROLES}


def test_view_public_event_everyone(roles, event):
    assert allowed(roles, "participation.view_event", event) == expect(*ROLES)


def test_view_draft_only_own_staff_and_admin(roles, event):
    event.status = Event.Status.DRAFT
    assert allowed(roles, "participation.view_event", event) == expect("staff", "admin")


def test_add_event_any_municipal_staff_or_admin(roles):
    assert allowed(roles, "participation.add_event") == expect("staff", "other_staff", "admin")


def test_manage_events_of_a_municipality(roles, event):
    assert allowed(roles, "participation.manage_events", event.municipality) == expect(
        "staff", "admin"
    )


def test_change_event(roles, event):
    assert allowed(roles, "participation.change_event", event) == expect("staff", "admin")


@pytest.mark.parametrize(
    ("status", "open_"),
    [("draft", False), ("published", False), ("open", True), ("held", False),
     ("results", False), ("cancelled", False)],
)
def test_comment_only_signed_in_and_only_while_open(roles, event, status, open_):
    event.status = status
    expected = expect(*[r for r in ROLES if r != "anonymous"]) if open_ else expect()
    assert allowed(roles, "participation.comment_event", event) == expected


def test_blocked_user_may_not_take_part(roles, event, comment_factory, moderator):
    citizen = roles["citizen"]
    UserBlock.objects.create(user=citizen, reason="spam", blocked_by=moderator)
    citizen = type(citizen).objects.get(pk=citizen.pk)  # fresh: no cached flag
    comment = comment_factory(event=event)
    assert not can(citizen, "participation.comment_event", event)
    assert not can(citizen, "participation.choose_event", event)
    assert not can(citizen, "participation.attend_event", event)
    assert not can(citizen, "moderation.flag_item", comment)


def test_choose_until_choice_closes(roles, event):
    signed_in = [r for r in ROLES if r != "anonymous"]
    assert allowed(roles, "participation.choose_event", event) == expect(*signed_in)
    from django.utils import timezone

    event.choice_closes_at = timezone.now()
    assert allowed(roles, "participation.choose_event", event) == expect()


def test_attend_published_or_open_and_not_past(roles, event):
    signed_in = [r for r in ROLES if r != "anonymous"]
    assert allowed(roles, "participation.attend_event", event) == expect(*signed_in)
    event.status = Event.Status.HELD
    assert allowed(roles, "participation.attend_event", event) == expect()


def test_flag_not_own_not_hidden(roles, event, comment_factory):
    comment = comment_factory(event=event, author=roles["citizen"])
    signed_in_not_author = [r for r in ROLES if r not in ("anonymous", "citizen")]
    assert allowed(roles, "moderation.flag_item", comment) == expect(*signed_in_not_author)
    comment.is_hidden = True
    assert allowed(roles, "moderation.flag_item", comment) == expect()


def test_hide_comment_staff_of_its_municipality_moderators_admin(roles, event, comment_factory):
    comment = comment_factory(event=event)
    assert allowed(roles, "moderation.hide_item", comment) == expect(
        "staff", "moderator", "admin"
    )


def test_moderation_queue(roles):
    assert allowed(roles, "moderation.view_queue") == expect(
        "staff", "other_staff", "moderator", "admin"
    )


def test_block_user_moderators_and_admin(roles):
    assert allowed(roles, "moderation.block_user") == expect("moderator", "admin")


def test_reference_shares_national_only_admin(roles, event):
    national = ReferenceShare.objects.filter(municipality__isnull=True).first()
    assert allowed(roles, "participation.change_referenceshare", national) == expect("admin")
    own = ReferenceShare(municipality=event.municipality, group=national.group, percent=1)
    assert allowed(roles, "participation.change_referenceshare", own) == expect("staff", "admin")


def test_comment_predicates_read_the_municipality_from_the_event(roles, event):
    assert Comment(event=event).municipality == event.municipality
