"""Law-making left participation for its own app: its rows, content types and grants follow."""

import datetime

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from participation.lawmaking.models import Draft
from participation.lawmaking.models import DraftComment
from participation.lawmaking.models import LawmakingSettings
from portal.models import User
from tests.helpers import migrate_to
from tests.helpers import migrate_to_latest

BEFORE = [("participation", "0006_merge_lawmaking_settings_and_sources"), ("lawmaking", None)]


def _grant(old, holder, app_label, model, codename):
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    content_type, _new = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _new = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    holder.add(permission)
    return content_type.pk


@pytest.mark.django_db(transaction=True)
def test_moving_forward_keeps_drafts_comments_settings_and_permissions(
    municipality_factory, user_factory
):
    unit, staff, citizen = municipality_factory(), user_factory(), user_factory()
    old = migrate_to(BEFORE)
    try:
        with pytest.raises(LookupError):  # the state before the move
            old.get_model("lawmaking", "Draft")
        Group = old.get_model("auth", "Group")
        old_user = old.get_model("portal", "User").objects.get
        group = Group.objects.create(name="draft editors")
        old_user(pk=staff.pk).groups.add(group)
        draft_type = _grant(old, group.permissions, "participation", "draft", "change_draft")
        _grant(old, old_user(pk=citizen.pk).user_permissions, "participation",
               "draftcomment", "view_draftcomment")
        old.get_model("participation", "LawmakingSettings").objects.update_or_create(
            pk=1, defaults={"min_discussion_days": 45}
        )
        now = timezone.now()
        draft = old.get_model("participation", "Draft").objects.create(
            municipality_id=unit.pk, status="published", title="Долбоор", title_ky="Долбоор",
            title_ru="Проект", discussion_starts_at=now,
            discussion_ends_at=now + datetime.timedelta(days=45),
        )
        revision = old.get_model("participation", "DraftRevision").objects.create(
            draft=draft, number=1
        )
        clause = old.get_model("participation", "DraftClause").objects.create(draft=draft)
        old.get_model("participation", "ClauseText").objects.create(
            revision=revision, clause=clause, number=1, text="Пункт", text_ky="Пункт",
            text_ru="Пункт",
        )
        old.get_model("participation", "DraftComment").objects.create(
            draft=draft, clause=clause, revision=revision, author_id=citizen.pk, text="Макул"
        )
    finally:
        migrate_to_latest()

    moved = Draft.objects.get(pk=draft.pk)
    assert (moved.title_ru, moved.municipality, moved.status) == ("Проект", unit, "published")
    comment = DraftComment.objects.get()
    assert (comment.draft, comment.author, comment.text) == (moved, citizen, "Макул")
    assert comment.clause.texts.get().text_ky == "Пункт"
    assert LawmakingSettings.current().min_discussion_days == 45
    # The same content type row, renamed: everything pointing at it points right.
    assert ContentType.objects.get_for_model(Draft).pk == draft_type
    assert not ContentType.objects.filter(app_label="participation", model="draft").exists()
    backend = ModelBackend()
    staff, citizen = User.objects.get(pk=staff.pk), User.objects.get(pk=citizen.pk)
    assert backend.get_all_permissions(staff) == {"lawmaking.change_draft"}
    assert backend.get_all_permissions(citizen) == {"lawmaking.view_draftcomment"}
