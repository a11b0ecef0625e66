"""The apps' own moderation rows become the core's: none lost, dates, people and reasons kept.

Runs the real migrations (moderation 0001-0002, participation 0010, questions 0003-0004,
lawmaking 0003) forward on a database that holds comment flags, question flags, both kinds
of moderation record and a blocked user, written through the historical models.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from participation.lawmaking.models import DraftComment
from participation.models import Comment
from portal.moderation.models import Flag
from portal.moderation.models import ModerationRecord
from portal.moderation.models import UserBlock
from portal.permissions import can
from practices.questions.models import Question
from tests.helpers import migrate_to
from tests.helpers import migrate_to_latest

BEFORE = [
    ("participation", "0009_merge_follow_and_lawmaking_app"),
    ("lawmaking", "0002_content_types_and_permissions"),
    ("questions", "0002_content_types_and_permissions"),
    ("moderation", None),
]


@pytest.mark.django_db(transaction=True)
def test_flags_records_and_blocks_move_to_the_core(
    municipality, user_factory, event_factory, comment_factory, question_factory,
    draft_factory, client,
):
    author, flagger, other_flagger, moderator = (user_factory() for _ in range(4))
    moderator.is_moderator = True
    moderator.save(update_fields=["is_moderator"])
    blocked = user_factory()
    event = event_factory(municipality=municipality)
    flagged = comment_factory(event=event, author=author, text="ЖАЛОБА БАР")
    hidden = comment_factory(event=event, author=author, text="жашырылган")
    question = question_factory(municipality=municipality, author=author)
    draft = draft_factory(municipality=municipality)
    draft_comment = DraftComment.objects.create(
        draft=draft, revision=draft.revisions.get(), author=author, text="x"
    )
    long_ago = timezone.now() - datetime.timedelta(days=40)

    old = migrate_to(BEFORE)
    try:
        CommentFlag = old.get_model("participation", "CommentFlag")
        old_record = old.get_model("participation", "ModerationRecord")
        old_block = old.get_model("participation", "UserBlock")
        QuestionFlag = old.get_model("questions", "QuestionFlag")
        QuestionModeration = old.get_model("questions", "QuestionModeration")
        CommentFlag.objects.create(comment_id=flagged.pk, user_id=flagger.pk, reason="сөгүнүү")
        CommentFlag.objects.create(comment_id=hidden.pk, user_id=other_flagger.pk,
                                   reason="спам", is_resolved=True)
        old.get_model("participation", "Comment").objects.filter(pk=hidden.pk).update(
            is_hidden=True, hidden_reason="Спам", hidden_at=long_ago
        )
        old_record.objects.create(actor_id=moderator.pk, action="hide", comment_id=hidden.pk,
                                 target_user_id=author.pk, reason="Спам")
        old_record.objects.create(actor_id=moderator.pk, action="block",
                                 target_user_id=blocked.pk, reason="Тролль")
        old_block.objects.create(user_id=blocked.pk, reason="Тролль", blocked_by_id=moderator.pk)
        QuestionFlag.objects.create(question_id=question.pk, user_id=flagger.pk, reason="жарнама")
        old.get_model("questions", "Question").objects.filter(pk=question.pk).update(
            is_hidden=True, hidden_reason="Жарнама"
        )
        record = QuestionModeration.objects.create(
            question_id=question.pk, actor_id=moderator.pk, action="hide", reason="Жарнама"
        )
        QuestionModeration.objects.filter(pk=record.pk).update(created=long_ago)
        old.get_model("lawmaking", "DraftComment").objects.filter(pk=draft_comment.pk).update(
            is_hidden=True, hidden_reason="x"
        )
    finally:
        migrate_to_latest()

    comment_type = ContentType.objects.get_for_model(Comment)
    question_type = ContentType.objects.get_for_model(Question)
    flags = {
        (f.content_type_id, f.object_id, f.user_id): (f.reason, f.is_resolved)
        for f in Flag.objects.all()
    }
    assert flags == {
        (comment_type.pk, flagged.pk, flagger.pk): ("сөгүнүү", False),
        (comment_type.pk, hidden.pk, other_flagger.pk): ("спам", True),
        (question_type.pk, question.pk, flagger.pk): ("жарнама", False),
    }
    records = {
        (r.action, r.content_type_id, r.object_id): (
            r.actor_id, r.target_user_id, r.municipality_id, r.reason
        )
        for r in ModerationRecord.objects.all()
    }
    assert records == {
        ("hide", comment_type.pk, hidden.pk): (moderator.pk, author.pk, municipality.pk, "Спам"),
        ("block", None, None): (moderator.pk, blocked.pk, None, "Тролль"),
        ("hide", question_type.pk, question.pk): (
            moderator.pk, author.pk, municipality.pk, "Жарнама"
        ),
    }
    question.refresh_from_db()
    assert question.hidden_at == ModerationRecord.objects.get(
        content_type=question_type, object_id=question.pk
    ).created
    assert abs(question.hidden_at - long_ago) < datetime.timedelta(seconds=1)
    draft_comment.refresh_from_db()
    assert draft_comment.hidden_at == draft_comment.modified
    # The block holds: same table, now the core's, and its content type moved in place.
    assert UserBlock.objects.get().user_id == blocked.pk
    assert ContentType.objects.get_for_model(UserBlock).app_label == "moderation"
    assert not ContentType.objects.filter(app_label="participation", model="userblock").exists()
    blocked = type(blocked).objects.get(pk=blocked.pk)
    assert not can(blocked, "moderation.take_part")
    tables = connection.introspection.table_names()
    for gone in ("participation_commentflag", "participation_moderationrecord",
                 "practices_questionflag", "practices_questionmoderation"):
        assert gone not in tables
    # The queue shows what was waiting before.
    client.force_login(moderator)
    queue = client.get("/ky/moderation/").content.decode()
    assert "ЖАЛОБА БАР" in queue
    assert "сөгүнүү" in queue
