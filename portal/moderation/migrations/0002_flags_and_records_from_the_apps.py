"""Every flag and every moderation act of the apps' own copies becomes the core's.

Comment flags and question flags become ``Flag`` rows; participation's moderation records and
the questions' moderation records become ``ModerationRecord`` rows (dates, people and reasons
kept). Questions and draft comments hidden before they had ``hidden_at`` get it from their
last hide record (questions) or their last change (draft comments). The content type of
``UserBlock`` moves to moderation in place, so permissions granted on it follow.
Reversible: the rows go back to the old tables (flags on draft comments, which had none,
are dropped).
"""

from django.db import migrations
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Subquery

BATCH = 1000


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return content_type


def _move_content_type(apps, model, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new_label, model=model).exists():
        ContentType.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def forward(apps, schema_editor):
    Flag = apps.get_model("moderation", "Flag")
    Record = apps.get_model("moderation", "ModerationRecord")
    CommentFlag = apps.get_model("participation", "CommentFlag")
    CommentRecord = apps.get_model("participation", "ModerationRecord")
    QuestionFlag = apps.get_model("questions", "QuestionFlag")
    QuestionModeration = apps.get_model("questions", "QuestionModeration")
    Question = apps.get_model("questions", "Question")
    DraftComment = apps.get_model("lawmaking", "DraftComment")
    comment_type = _content_type(apps, "participation", "comment")
    question_type = _content_type(apps, "questions", "question")

    Flag.objects.bulk_create(
        (
            Flag(
                content_type=comment_type,
                object_id=row["comment_id"],
                user_id=row["user_id"],
                reason=row["reason"],
                is_resolved=row["is_resolved"],
                created=row["created"],
            )
            for row in CommentFlag.objects.order_by("pk").values(
                "comment_id", "user_id", "reason", "is_resolved", "created"
            ).iterator()
        ),
        batch_size=BATCH,
    )
    Flag.objects.bulk_create(
        (
            Flag(
                content_type=question_type,
                object_id=row["question_id"],
                user_id=row["user_id"],
                reason=row["reason"],
                is_resolved=row["is_resolved"],
                created=row["created"],
            )
            for row in QuestionFlag.objects.order_by("pk").values(
                "question_id", "user_id", "reason", "is_resolved", "created"
            ).iterator()
        ),
        batch_size=BATCH,
    )
    Record.objects.bulk_create(
        (
            Record(
                created=row["created"],
                actor_id=row["actor_id"],
                action=row["action"],
                content_type=comment_type if row["comment_id"] else None,
                object_id=row["comment_id"],
                target_user_id=row["target_user_id"],
                municipality_id=row["comment__event__municipality_id"],
                reason=row["reason"],
            )
            for row in CommentRecord.objects.order_by("pk").values(
                "created", "actor_id", "action", "comment_id", "target_user_id", "reason",
                "comment__event__municipality_id",
            ).iterator()
        ),
        batch_size=BATCH,
    )
    Record.objects.bulk_create(
        (
            Record(
                created=row["created"],
                actor_id=row["actor_id"],
                action=row["action"],
                content_type=question_type,
                object_id=row["question_id"],
                target_user_id=row["question__author_id"],
                municipality_id=row["question__municipality_id"],
                reason=row["reason"],
            )
            for row in QuestionModeration.objects.order_by("pk").values(
                "created", "actor_id", "action", "question_id", "reason",
                "question__author_id", "question__municipality_id",
            ).iterator()
        ),
        batch_size=BATCH,
    )
    last_hide = (
        QuestionModeration.objects.filter(question=OuterRef("pk"), action="hide")
        .order_by("-created")
        .values("created")[:1]
    )
    Question.objects.filter(is_hidden=True, hidden_at__isnull=True).update(
        hidden_at=Subquery(last_hide)
    )
    DraftComment.objects.filter(is_hidden=True, hidden_at__isnull=True).update(
        hidden_at=F("modified")
    )
    _move_content_type(apps, "userblock", "participation", "moderation")


def backward(apps, schema_editor):
    Flag = apps.get_model("moderation", "Flag")
    Record = apps.get_model("moderation", "ModerationRecord")
    CommentFlag = apps.get_model("participation", "CommentFlag")
    CommentRecord = apps.get_model("participation", "ModerationRecord")
    QuestionFlag = apps.get_model("questions", "QuestionFlag")
    QuestionModeration = apps.get_model("questions", "QuestionModeration")
    comment_type = _content_type(apps, "participation", "comment")
    question_type = _content_type(apps, "questions", "question")

    # The old tables allowed one flag per person and text: the latest one stays.
    for model, content_type, field in (
        (CommentFlag, comment_type, "comment_id"),
        (QuestionFlag, question_type, "question_id"),
    ):
        model.objects.bulk_create(
            (
                model(**{field: flag.object_id}, user_id=flag.user_id, reason=flag.reason,
                      is_resolved=flag.is_resolved, created=flag.created)
                for flag in Flag.objects.filter(content_type=content_type).order_by("-created")
            ),
            batch_size=BATCH,
            ignore_conflicts=True,
        )
    CommentRecord.objects.bulk_create(
        (
            CommentRecord(
                created=record.created, actor_id=record.actor_id, action=record.action,
                comment_id=record.object_id if record.content_type_id == comment_type.pk else None,
                target_user_id=record.target_user_id, reason=record.reason,
            )
            for record in Record.objects.exclude(content_type=question_type).order_by("pk")
            if record.content_type_id in (None, comment_type.pk)
        ),
        batch_size=BATCH,
    )
    QuestionModeration.objects.bulk_create(
        (
            QuestionModeration(
                created=record.created, actor_id=record.actor_id, action=record.action,
                question_id=record.object_id, reason=record.reason,
            )
            for record in Record.objects.filter(
                content_type=question_type, action__in=("hide", "restore", "dismiss")
            ).order_by("pk")
        ),
        batch_size=BATCH,
    )
    Flag.objects.all().delete()
    Record.objects.all().delete()
    _move_content_type(apps, "userblock", "moderation", "participation")


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0001_initial'),
        ('participation', '0009_merge_follow_and_lawmaking_app'),
        ('lawmaking', '0003_draftcomment_hidden_at'),
        ('questions', '0003_question_hidden_at'),
    ]

    operations = [migrations.RunPython(forward, backward)]
