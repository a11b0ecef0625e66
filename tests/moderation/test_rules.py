"""Who may moderate: the matrix for every kind, asked through the one gate."""

import pytest

from portal.moderation import services
from portal.moderation.models import UserBlock
from portal.permissions import can
from tests.moderation.conftest import KINDS

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin"]


def allowed(roles, perm, obj=None):
    return {role for role in ROLES if can(roles[role], perm, obj)}


@pytest.mark.parametrize("kind", KINDS)
def test_flag_and_hide_matrix(kind, roles, make_text, author):
    text = make_text(kind, author)
    assert allowed(roles, "moderation.flag_item", text) == set(ROLES) - {"anonymous"}
    assert allowed(roles, "moderation.hide_item", text) == {"staff", "moderator", "admin"}
    text.is_hidden = True
    assert allowed(roles, "moderation.flag_item", text) == set()
    assert allowed(roles, "moderation.hide_item", text) == {"staff", "moderator", "admin"}


@pytest.mark.parametrize("kind", KINDS)
def test_nobody_flags_their_own_text_not_even_a_superuser(kind, roles, make_text):
    for role in ("citizen", "staff", "moderator", "admin"):
        text = make_text(kind, roles[role])
        assert not can(roles[role], "moderation.flag_item", text), role


def test_a_national_draft_comment_is_hidden_by_moderators_only(roles, draft_factory, author):
    from participation.lawmaking.models import DraftComment

    draft = draft_factory(municipality=None)
    comment = DraftComment.objects.create(
        draft=draft, revision=draft.revisions.get(), author=author, text="x"
    )
    assert allowed(roles, "moderation.hide_item", comment) == {"moderator", "admin"}


def test_queue_block_and_scope(roles):
    assert allowed(roles, "moderation.view_queue") == {"staff", "other_staff", "moderator",
                                                       "admin"}
    assert allowed(roles, "moderation.moderate_all") == {"moderator", "admin"}
    assert allowed(roles, "moderation.block_user") == {"moderator", "admin"}
    assert allowed(roles, "moderation.take_part") == set(ROLES) - {"anonymous"}


def test_a_blocked_superuser_takes_part_in_nothing(roles, make_text, author, moderator):
    """A superuser follows the same rules: blocked, he posts and flags nothing."""
    admin = roles["admin"]
    UserBlock.objects.create(user=admin, reason="тест", blocked_by=moderator)
    admin = type(admin).objects.get(pk=admin.pk)
    text = make_text("questions.question", author)
    assert not can(admin, "moderation.take_part")
    assert not can(admin, "moderation.flag_item", text)
    assert not can(admin, "questions.add_question")
    assert can(admin, "moderation.hide_item", text)  # moderating is not taking part


def test_inactive_people_take_part_in_nothing(user_factory, make_text, author):
    inactive = user_factory(is_active=False)
    text = make_text("participation.comment", author)
    assert not can(inactive, "moderation.take_part")
    assert not can(inactive, "moderation.flag_item", text)


def test_an_unregistered_object_is_not_a_text(roles, municipality):
    assert allowed(roles, "moderation.hide_item", municipality) == set()
    assert allowed(roles, "moderation.flag_item", municipality) == set()


def test_blocking_forgets_the_cached_answer(citizen, moderator):
    assert can(citizen, "moderation.take_part")
    services.user_block(actor=moderator, user=citizen, reason="спам")
    assert not can(citizen, "moderation.take_part")  # same object: the cache was dropped
    services.user_unblock(actor=moderator, user=citizen)
    assert can(citizen, "moderation.take_part")
