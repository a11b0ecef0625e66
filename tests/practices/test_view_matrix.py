"""The denied paths through the views, role by role: 404 for what one may not even see,
a login redirect for anonymous visitors, 403 for signed-in people without the right."""

import pytest

from practices.models import Status

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin", "editor"]

CASES = {
    # name: (status of the practice, method, url suffix, expected per role)
    "edit a draft": (Status.DRAFT, "get", "edit/", {
        "anonymous": 404, "citizen": 404, "staff": 200, "other_staff": 404,
        "moderator": 404, "admin": 200, "editor": 200,
    }),
    "edit a published case": (Status.PUBLISHED, "get", "edit/", {
        "anonymous": "login", "citizen": 403, "staff": 403, "other_staff": 403,
        "moderator": 403, "admin": 200, "editor": 200,
    }),
    "submit a draft": (Status.DRAFT, "post", "submit/", {
        "anonymous": 404, "citizen": 404, "staff": "done", "other_staff": 404,
        "moderator": 404, "admin": "done", "editor": "done",
    }),
    "review a submitted case": (Status.SUBMITTED, "get", "review/", {
        "anonymous": 404, "citizen": 404, "staff": 403, "other_staff": 404,
        "moderator": 404, "admin": 200, "editor": 200,
    }),
    "unpublish": (Status.PUBLISHED, "post", "unpublish/", {
        "anonymous": "login", "citizen": 403, "staff": 403, "other_staff": 403,
        "moderator": 403, "admin": "done", "editor": "done",
    }),
    "add a photo to a draft": (Status.DRAFT, "get", "photos/add/", {
        "anonymous": 404, "citizen": 404, "staff": 200, "other_staff": 404,
        "moderator": 404, "admin": 200, "editor": 200,
    }),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("role", ROLES)
def test_practice_views_by_role(client, roles, unit, practice_factory, case, role):
    status, method, suffix, expected = CASES[case]
    practice = practice_factory(
        municipality=unit, status=status,
        published_at=None if status != Status.PUBLISHED else practice_factory().published_at,
    )
    if roles[role] is not None:
        client.force_login(roles[role])
    response = getattr(client, method)(f"/ru/practices/{practice.pk}/{suffix}")
    want = expected[role]
    if want == "login":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    elif want == "done":
        assert response.status_code == 302
        assert response["Location"] == f"/ru/practices/{practice.pk}/"
    else:
        assert response.status_code == want


@pytest.mark.parametrize("role", ROLES)
def test_national_news_edit_by_role(client, roles, news_item_factory, role):
    news = news_item_factory(status=Status.DRAFT, published_at=None, municipality=None)
    if roles[role] is not None:
        client.force_login(roles[role])
    response = client.get(f"/ru/information/news/{news.pk}/edit/")
    assert response.status_code == (200 if role in ("admin", "editor") else 404)


def test_a_refused_edit_of_another_municipalitys_case_is_audited(client, roles, unit,
                                                                  practice_factory):
    from portal.models import RefusedAttempt

    practice = practice_factory(municipality=unit, status=Status.PUBLISHED)
    client.force_login(roles["other_staff"])
    assert client.get(f"/ru/practices/{practice.pk}/edit/").status_code == 403
    attempt = RefusedAttempt.objects.get()
    assert (attempt.user, attempt.permission, attempt.object_id, attempt.municipality) == (
        roles["other_staff"], "practices.change_practice", str(practice.pk), unit
    )
