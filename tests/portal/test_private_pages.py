"""A signed-in visitor's pages are private, no-store; anonymous pages keep their headers."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import patch_cache_control

from portal.middleware import PrivatePagesMiddleware

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", ["/ky/", "/ru/municipalities/directory/", "/ky/accounts/email/"])
def test_signed_in_pages_are_private_and_not_stored(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    assert {"private", "no-store"} <= _directives(response)
    assert "public" not in _directives(response)


def test_a_refusal_to_a_signed_in_visitor_is_private_too(client, user):
    client.force_login(user)
    response = client.get("/ky/admin/")
    assert {"private", "no-store"} <= _directives(response)


def test_anonymous_pages_are_unchanged(client):
    response = client.get("/ky/municipalities/directory/")
    assert "private" not in _directives(response)
    assert "no-store" not in _directives(response)


def _respond(user, headers):
    request = RequestFactory().get("/ky/")
    request.user = user
    request.session = type("S", (), {"accessed": True})()

    def view(_request):
        response = HttpResponse("x")
        patch_cache_control(response, **headers)
        return response

    return PrivatePagesMiddleware(view)(request)


def test_a_stricter_header_a_view_set_is_kept(user):
    response = _respond(user, {"no_cache": True, "must_revalidate": True, "max_age": 0})
    assert _directives(response) >= {"no-cache", "must-revalidate", "max-age=0", "private",
                                     "no-store"}


def test_public_is_replaced_for_a_signed_in_visitor(user):
    response = _respond(user, {"public": True, "max_age": 600})
    assert "public" not in _directives(response)
    assert {"private", "no-store"} <= _directives(response)
