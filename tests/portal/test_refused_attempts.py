"""Audit of refused attempts: a signed-in user refused on a municipality's object leaves a row."""

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from municipalities.models import Municipality
from portal.models import RefusedAttempt
from portal.permissions import LoginRequired
from portal.permissions import Refused
from portal.permissions import refuse
from portal.permissions import require

pytestmark = pytest.mark.django_db

PERM = "municipalities.change_municipality"


@pytest.fixture
def unit(municipality_factory):
    return municipality_factory()


@pytest.fixture
def other_unit(municipality_factory):
    return municipality_factory()


def _workspace(unit):
    return reverse("municipalities:workspace", kwargs={"slug": unit.slug})


def test_staff_refused_on_another_municipality_is_recorded(client, unit, other_unit, staff_of):
    outsider = staff_of(other_unit)
    client.force_login(outsider)
    assert client.get(_workspace(unit)).status_code == 403
    # written after the request's own transaction was rolled back, so it is still there
    attempt = RefusedAttempt.objects.get()
    assert attempt.user == outsider
    assert attempt.permission == PERM
    assert attempt.content_type == ContentType.objects.get_for_model(Municipality)
    assert attempt.object_id == str(unit.pk)
    assert attempt.municipality == unit
    assert attempt.path == _workspace(unit)
    assert attempt.at is not None


def test_an_allowed_request_writes_nothing(client, unit, staff_of):
    client.force_login(staff_of(unit))
    assert client.get(_workspace(unit)).status_code == 200
    assert not RefusedAttempt.objects.exists()


def test_anonymous_visitors_are_never_recorded(client, unit):
    assert client.get(_workspace(unit)).status_code == 302
    assert not RefusedAttempt.objects.exists()


def test_a_failing_audit_write_is_logged_and_the_answer_stays_403(
    client, unit, other_unit, staff_of, monkeypatch, caplog
):
    def broken(**kwargs):
        raise RuntimeError("audit table away")

    monkeypatch.setattr(RefusedAttempt.objects, "create", broken)
    client.force_login(staff_of(other_unit))
    with caplog.at_level(logging.ERROR, logger="portal.permissions"):
        assert client.get(_workspace(unit)).status_code == 403
    assert "Could not record the refused attempt" in caplog.text


def test_the_refusal_carries_the_attempt_only_for_a_signed_in_user(unit, citizen):
    with pytest.raises(Refused) as refused:
        require(citizen, PERM, unit)
    assert refused.value.attempt == (citizen, PERM, unit)
    with pytest.raises(Refused) as bare:
        refuse(citizen)
    assert bare.value.attempt is None
    with pytest.raises(LoginRequired) as anonymous:
        require(AnonymousUser(), PERM, unit)
    assert not isinstance(anonymous.value, Refused)


def test_objects_without_a_municipality_are_not_recorded(rf, citizen):
    from portal.permissions import record_refusal

    record_refusal(rf.get("/x/"), (citizen, PERM, citizen))
    assert not RefusedAttempt.objects.exists()


def test_site_administrators_read_the_list_in_the_admin(client, user_factory, unit, citizen):
    RefusedAttempt.objects.create(
        user=citizen, permission=PERM,
        content_type=ContentType.objects.get_for_model(Municipality), object_id=str(unit.pk),
        municipality=unit, path="/ky/x/",
    )
    admin = user_factory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("admin:portal_refusedattempt_changelist"))
    assert response.status_code == 200
    assert PERM in response.content.decode()
    assert client.get(reverse("admin:portal_refusedattempt_add")).status_code == 403
