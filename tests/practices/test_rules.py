"""The permission matrix: every permission × every role × every editorial state.

The rules are asked through the gate (``portal.permissions.can``), as the views and services do:
Django's ``user.has_perm`` would grant everything to superusers, workflow states included.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.permissions import can
from practices.models import Status

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin", "editor"]
EDITORS = {"admin", "editor"}
OWN = EDITORS | {"staff"}

# (permission verb, status) -> roles allowed, for an item of the staff member's municipality.
LOCAL_MATRIX = {
    ("view", Status.PUBLISHED): set(ROLES),
    ("view", Status.DRAFT): OWN,
    ("view", Status.SUBMITTED): OWN,
    ("view", Status.RETURNED): OWN,
    ("change", Status.DRAFT): OWN,
    ("change", Status.RETURNED): OWN,
    ("change", Status.SUBMITTED): EDITORS,
    ("change", Status.PUBLISHED): EDITORS,
    ("submit", Status.DRAFT): OWN,
    ("submit", Status.RETURNED): OWN,
    ("submit", Status.SUBMITTED): set(),
    ("submit", Status.PUBLISHED): set(),
    ("review", Status.SUBMITTED): EDITORS,
    ("review", Status.DRAFT): set(),
    ("review", Status.RETURNED): set(),
    ("review", Status.PUBLISHED): set(),
    ("unpublish", Status.PUBLISHED): EDITORS,
    ("unpublish", Status.DRAFT): set(),
    ("unpublish", Status.SUBMITTED): set(),
}

# National news and documents: no municipality, so staff act like citizens there.
NATIONAL_MATRIX = {
    ("view", Status.PUBLISHED): set(ROLES),
    ("view", Status.DRAFT): EDITORS,
    ("change", Status.DRAFT): EDITORS,
    ("submit", Status.DRAFT): EDITORS,
    ("review", Status.SUBMITTED): EDITORS,
    ("unpublish", Status.PUBLISHED): EDITORS,
}


def _user(roles, role):
    return roles[role] or AnonymousUser()


def _may(roles, role, perm, item=None) -> bool:
    return can(_user(roles, role), perm, item)


def _build(kind, unit, status, factories):
    factory = factories[kind]
    if kind in ("practice", "story"):
        return factory(municipality=unit, status=status)
    return factory(municipality=unit, status=status)


@pytest.fixture
def factories(practice_factory, story_factory, news_item_factory, document_factory):
    return {
        "practice": practice_factory,
        "story": story_factory,
        "newsitem": news_item_factory,
        "document": document_factory,
    }


@pytest.mark.parametrize("kind", ["practice", "story", "newsitem", "document"])
@pytest.mark.parametrize(("verb", "status"), list(LOCAL_MATRIX))
def test_local_item_matrix(roles, unit, factories, kind, verb, status):
    item = _build(kind, unit, status, factories)
    allowed = {role for role in ROLES if _may(roles, role, f"practices.{verb}_{kind}", item)}
    assert allowed == LOCAL_MATRIX[(verb, status)]


@pytest.mark.parametrize("kind", ["newsitem", "document"])
@pytest.mark.parametrize(("verb", "status"), list(NATIONAL_MATRIX))
def test_national_item_matrix(roles, factories, kind, verb, status):
    item = factories[kind](municipality=None, status=status)
    allowed = {role for role in ROLES if _may(roles, role, f"practices.{verb}_{kind}", item)}
    assert allowed == NATIONAL_MATRIX[(verb, status)]


@pytest.mark.parametrize("kind", ["practice", "story", "newsitem", "document"])
def test_who_may_open_a_form_at_all(roles, kind):
    allowed = {role for role in ROLES if _may(roles, role, f"practices.add_{kind}")}
    assert allowed == {"staff", "other_staff", "admin", "editor"}


def test_desk_and_review_queue(roles):
    desk = {role for role in ROLES if can(_user(roles, role), "practices.use_desk")}
    queue = {role for role in ROLES if can(_user(roles, role), "practices.review_any")}
    assert desk == {"staff", "other_staff", "admin", "editor"}
    assert queue == EDITORS


def test_an_inactive_editor_has_no_rights(editor, practice_factory):
    editor.is_active = False
    editor.save()
    item = practice_factory(status=Status.SUBMITTED)
    assert not can(editor, "practices.review_practice", item)
