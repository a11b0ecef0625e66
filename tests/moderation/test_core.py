"""The moderation core for every kind of citizen text: flag, hide, restore, dismiss, the
author's notice, the audit trail, the rate limit and blocking, through the one service module."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError

from portal.moderation import services
from portal.moderation.models import Flag
from portal.moderation.models import ModerationRecord
from portal.moderation.models import UserBlock
from portal.ratelimit import RateLimitedError
from tests.moderation.conftest import KINDS

pytestmark = pytest.mark.django_db


def open_flags(obj):
    return Flag.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, is_resolved=False
    )


@pytest.mark.parametrize("kind", KINDS)
def test_flag_once_per_person_with_reason(kind, make_text, author, citizen,
                                                          user_factory):
    text = make_text(kind, author)
    first = services.flag_create(user=citizen, obj=text, reason="  Сөгүнүү  ")
    again = services.flag_create(user=citizen, obj=text, reason="Спам")
    assert again.pk == first.pk  # one open flag per person and text
    services.flag_create(user=user_factory(), obj=text)
    flags = open_flags(text)
    assert flags.count() == 2
    assert flags.get(user=citizen).reason == "Спам"
    assert list(text.flags.all()) == list(Flag.objects.order_by("created", "pk"))


@pytest.mark.parametrize("kind", KINDS)
def test_no_flag_on_own_or_hidden_text_nor_by_the_blocked(kind, make_text, author, citizen,
                                                          moderator):
    text = make_text(kind, author)
    with pytest.raises(PermissionDenied):
        services.flag_create(user=author, obj=text)
    services.user_block(actor=moderator, user=citizen, reason="спам")
    with pytest.raises(PermissionDenied):
        services.flag_create(user=citizen, obj=text)
    services.item_hide(actor=moderator, obj=text, reason="Сөгүнүү")
    with pytest.raises(PermissionDenied):
        services.flag_create(user=moderator, obj=text)


@pytest.mark.parametrize("kind", KINDS)
def test_hide_resolves_flags_records_and_tells_the_author_in_their_language(
    kind, make_text, author, citizen, staff_of, django_capture_on_commit_callbacks
):
    text = make_text(kind, author, text="Оскорбление")
    services.flag_create(user=citizen, obj=text, reason="тил тийгизүү")
    staff = staff_of(text.municipality)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_hide(actor=staff, obj=text, reason="  Оскорбление жителей ")
    text.refresh_from_db()
    assert (text.is_hidden, text.hidden_reason) == (True, "Оскорбление жителей")
    assert text.hidden_at is not None
    assert not open_flags(text).exists()
    record = ModerationRecord.objects.get()
    assert (record.actor, record.action, record.item, record.target_user, record.reason) == (
        staff, "hide", text, author, "Оскорбление жителей"
    )
    assert record.municipality == text.municipality
    [message] = mail.outbox
    assert message.to == [author.email]
    assert "скрыт" in message.subject.lower()  # Russian: the author's language
    assert "Оскорбление жителей" in message.body
    assert "Оскорбление" in message.body


@pytest.mark.parametrize("kind", KINDS)
def test_hide_needs_a_reason_and_a_visible_text(kind, make_text, author, moderator):
    text = make_text(kind, author)
    with pytest.raises(ValidationError):
        services.item_hide(actor=moderator, obj=text, reason="   ")
    text.refresh_from_db()
    assert not text.is_hidden
    services.item_hide(actor=moderator, obj=text, reason="спам")
    with pytest.raises(ValidationError):
        services.item_hide(actor=moderator, obj=text, reason="спам")
    assert ModerationRecord.objects.count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_restore_undoes_a_hide_and_both_acts_stay(kind, make_text, author, moderator):
    text = make_text(kind, author)
    services.item_hide(actor=moderator, obj=text, reason="ката")
    services.item_restore(actor=moderator, obj=text)
    text.refresh_from_db()
    assert (text.is_hidden, text.hidden_reason, text.hidden_at) == (False, "", None)
    with pytest.raises(ValidationError):
        services.item_restore(actor=moderator, obj=text)
    assert list(ModerationRecord.objects.order_by("pk").values_list("action", flat=True)) == [
        "hide", "restore"
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_dismiss_keeps_the_text_and_is_recorded(kind, make_text, author, citizen, moderator):
    text = make_text(kind, author)
    services.flag_create(user=citizen, obj=text)
    assert services.flags_dismiss(actor=moderator, obj=text) == 1
    text.refresh_from_db()
    assert not text.is_hidden
    assert not open_flags(text).exists()
    assert ModerationRecord.objects.get().action == "dismiss"
    # After a dismissal the same person may report it again.
    services.flag_create(user=citizen, obj=text, reason="кайра")
    assert open_flags(text).count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_moderation_acts_are_refused_to_the_wrong_people(kind, make_text, author, roles,
                                                         citizen):
    text = make_text(kind, author)
    for role in ("anonymous", "citizen", "other_staff"):
        with pytest.raises(PermissionDenied):
            services.item_hide(actor=roles[role], obj=text, reason="x")
        with pytest.raises(PermissionDenied):
            services.flags_dismiss(actor=roles[role], obj=text)
    for role in ("anonymous", "citizen", "staff", "other_staff"):
        with pytest.raises(PermissionDenied):
            services.user_block(actor=roles[role], user=author, reason="x")
    assert not ModerationRecord.objects.exists()


def test_a_blocked_person_posts_no_kind_of_text(
    author, moderator, municipality, event_factory, draft_factory
):
    from participation import services as participation
    from participation.lawmaking import services as lawmaking
    from practices.questions import services as questions

    services.user_block(actor=moderator, user=author, reason="спам")
    assert UserBlock.objects.get(user=author).blocked_by == moderator
    with pytest.raises(PermissionDenied):
        participation.comment_create(user=author, event=event_factory(), text="x")
    with pytest.raises(PermissionDenied):
        lawmaking.comment_create(user=author, draft=draft_factory(), text="x")
    with pytest.raises(PermissionDenied):
        questions.question_ask(user=author, municipality=municipality, title="x", text="x")
    with pytest.raises(PermissionDenied):
        services.check_may_post(author)
    assert services.user_unblock(actor=moderator, user=author) is True
    assert services.user_unblock(actor=moderator, user=author) is False  # nothing to record
    questions.question_ask(user=author, municipality=municipality, title="Суу", text="Качан?")
    assert list(ModerationRecord.objects.order_by("pk").values_list("action", flat=True)) == [
        "block", "unblock"
    ]


def test_block_needs_a_reason_and_not_oneself(moderator, author):
    with pytest.raises(ValidationError):
        services.user_block(actor=moderator, user=author, reason=" ")
    with pytest.raises(ValidationError):
        services.user_block(actor=moderator, user=moderator, reason="x")
    assert not UserBlock.objects.exists()


def test_one_rate_limit_across_every_kind(settings, author, user_factory, municipality,
                                          event_factory, draft_factory):
    from participation import services as participation
    from participation.lawmaking import services as lawmaking
    from practices.questions import services as questions

    settings.PARTICIPATION_COMMENT_RATE = (3, 60)
    participation.comment_create(user=author, event=event_factory(), text="1")
    lawmaking.comment_create(user=author, draft=draft_factory(), text="2")
    questions.question_ask(user=author, municipality=municipality, title="3", text="3")
    with pytest.raises(RateLimitedError):
        questions.question_ask(user=author, municipality=municipality, title="4", text="4")
    with pytest.raises(RateLimitedError):
        lawmaking.comment_create(user=author, draft=draft_factory(), text="5")
    # Someone else is not affected.
    questions.question_ask(user=user_factory(), municipality=municipality, title="x", text="x")


def test_the_notice_is_not_sent_when_the_text_was_shown_again(
    make_text, author, moderator, django_capture_on_commit_callbacks
):
    from portal.moderation.tasks import hidden_notice_task

    text = make_text("questions.question", author)
    services.item_hide(actor=moderator, obj=text, reason="x")
    services.item_restore(actor=moderator, obj=text)
    content_type = ContentType.objects.get_for_model(text)
    assert hidden_notice_task(content_type_id=content_type.pk, object_id=text.pk) is False
    assert hidden_notice_task(content_type_id=content_type.pk, object_id=0) is False
    assert not mail.outbox


def test_an_unregistered_object_is_not_moderated(moderator, municipality):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(PermissionDenied):  # the gate knows no such text
        services.item_hide(actor=moderator, obj=municipality, reason="x")
    with pytest.raises(ImproperlyConfigured):
        services._kind(municipality)


def test_a_comment_notice_queued_before_the_core_is_still_sent(make_text, author, moderator):
    from participation.tasks import comment_hidden_notice_task

    comment = make_text("participation.comment", author)
    services.item_hide(actor=moderator, obj=comment, reason="Спам")  # on_commit: not run here
    assert comment_hidden_notice_task(comment_id=comment.pk) is True
    [message] = mail.outbox
    assert message.to == [author.email]
    assert "Спам" in message.body
