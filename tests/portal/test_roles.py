"""Roles and the cross-app predicates: the municipality always comes from the object."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from portal import predicates
from portal.permissions import can

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_a(municipality_factory):
    return municipality_factory()


@pytest.fixture
def unit_b(municipality_factory):
    return municipality_factory()


@pytest.fixture
def people(user_factory, staff_of, unit_a, unit_b):
    return {
        "anonymous": AnonymousUser(),
        "citizen": user_factory(),
        "editor_a": staff_of(unit_a, "editor"),
        "manager_a": staff_of(unit_a, "manager"),
        "editor_b": staff_of(unit_b, "editor"),
        "moderator": user_factory(is_moderator=True),
        "monitor": user_factory(is_monitor=True),
        "admin": user_factory(is_superuser=True, is_staff=True),
        "inactive_admin": user_factory(is_superuser=True, is_active=False),
    }


CHANGE_A = {
    "anonymous": False,
    "citizen": False,
    "editor_a": True,
    "manager_a": True,
    "editor_b": False,
    "moderator": False,
    "monitor": False,
    "admin": True,
    "inactive_admin": False,
}
MANAGE_STAFF_A = {**CHANGE_A, "editor_a": False}


@pytest.mark.parametrize("who", CHANGE_A)
def test_change_municipality_matrix(people, unit_a, who):
    assert can(people[who], "municipalities.change_municipality", unit_a) is CHANGE_A[who]


@pytest.mark.parametrize("who", MANAGE_STAFF_A)
def test_manage_staff_matrix(people, unit_a, who):
    assert can(people[who], "municipalities.manage_staff", unit_a) is MANAGE_STAFF_A[who]


def test_object_predicates_read_the_objects_own_municipality(people, unit_a, unit_b):
    class Thing:  # any object of another app that belongs to a municipality
        municipality = unit_b

    assert not predicates.is_staff_of(people["editor_a"], Thing())
    assert predicates.is_staff_of(people["editor_b"], Thing())
    assert not predicates.is_staff_of(people["editor_b"], None)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("moderator", True), ("citizen", False), ("anonymous", False), ("monitor", False)],
)
def test_moderator_predicate(people, who, expected):
    assert predicates.is_moderator(people[who]) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("monitor", True), ("citizen", False), ("anonymous", False), ("moderator", False)],
)
def test_monitor_predicate(people, who, expected):
    assert predicates.is_monitor(people[who]) is expected


def test_memberships_are_read_once_per_user_object(people, unit_a, django_assert_num_queries):
    editor = people["editor_a"]
    with django_assert_num_queries(1):
        for _ in range(5):
            predicates.is_staff_of(editor, unit_a)
            predicates.is_manager_of(editor, unit_a)


def test_every_permission_has_a_rule():
    assert rules.perm_exists("municipalities.change_municipality")
    assert rules.perm_exists("portal.view_admin")


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("moderator", 302), ("citizen", 302), ("editor_a", 302)],
)
def test_django_admin_is_for_site_administrators_only(client, people, who, status):
    user = people[who]
    user.is_staff = True  # even with Django's staff flag, only superusers get in
    user.save()
    client.force_login(user)
    assert client.get("/admin/").status_code == status


def test_anonymous_is_sent_to_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
