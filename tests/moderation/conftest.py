import pytest
from pytest_factoryboy import register

from tests.lawmaking.factories import DraftFactory
from tests.participation.factories import CommentFactory
from tests.participation.factories import EventFactory
from tests.questions.factories import QuestionFactory

register(EventFactory)
register(CommentFactory)
register(DraftFactory)
register(QuestionFactory)

KINDS = ["participation.comment", "lawmaking.draftcomment", "questions.question"]


@pytest.fixture
def moderator(user_factory):
    return user_factory(is_moderator=True, display_name="Модератор")


@pytest.fixture
def site_admin(user_factory):
    return user_factory(is_superuser=True, is_staff=True)


@pytest.fixture
def author(user_factory):
    return user_factory(display_name="Автор", preferred_language="ru")


@pytest.fixture
def make_text(municipality, event_factory, comment_factory, draft_factory, question_factory):
    """make_text(kind, author, text=...) -> a visible citizen text of that kind in
    ``municipality``, written by ``author``."""
    from participation.lawmaking.models import DraftComment

    def make(kind, author, text="Текст жарандын"):
        if kind == "participation.comment":
            event = event_factory(municipality=municipality)
            return comment_factory(event=event, author=author, text=text)
        if kind == "lawmaking.draftcomment":
            draft = draft_factory(municipality=municipality)
            return DraftComment.objects.create(
                draft=draft, revision=draft.revisions.get(), author=author, text=text
            )
        return question_factory(municipality=municipality, author=author, text=text)

    return make


@pytest.fixture
def roles(municipality_factory, municipality, citizen, staff_of, moderator, site_admin):
    """The roles of the matrix, relative to ``municipality`` (where make_text writes)."""
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "staff": staff_of(municipality),
        "other_staff": staff_of(municipality_factory()),
        "moderator": moderator,
        "admin": site_admin,
    }
