"""Who may do what: the rules as a matrix, and the same matrix through the views."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.permissions import can

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "staff", "manager", "other_staff", "moderator", "admin"]
EDITORS = {"staff", "manager", "admin"}


def _allowed(who, allowed):
    return who in allowed


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(
    ("perm", "allowed"),
    [
        ("municipalities.view_municipality", set(ROLES)),
        ("municipalities.change_municipality", EDITORS),
        ("municipalities.change_body", EDITORS),
        ("municipalities.change_village", EDITORS),
        ("municipalities.change_charter", EDITORS),
        ("municipalities.manage_staff", {"manager", "admin"}),
        ("history.view_history", EDITORS),  # the one history: the unit's staff, site admins
        ("municipalities.merge_municipality", {"admin"}),
    ],
)
def test_unit_permission_matrix(roles, unit_a, who, perm, allowed):
    assert can(roles[who], perm, unit_a) is _allowed(who, allowed)


@pytest.mark.parametrize("who", ROLES)
def test_objects_take_the_municipality_from_themselves(
    roles, unit_a, body_factory, member_factory, village_factory, who
):
    body = body_factory(municipality=unit_a)
    member = member_factory(body=body)
    village = village_factory(municipality=unit_a)
    expected = who in EDITORS
    assert can(roles[who], "municipalities.change_body", body) is expected
    assert can(roles[who], "municipalities.change_member", member) is expected
    assert can(roles[who], "municipalities.change_village", village) is expected


def _url(name, **kwargs):
    with translation.override("ru"):
        return reverse(f"municipalities:{name}", kwargs=kwargs)


@pytest.fixture
def workspace_urls(unit_a, body_factory, member_factory, village_factory):
    body = body_factory(municipality=unit_a)
    member = member_factory(body=body)
    village = village_factory(municipality=unit_a)
    slug = unit_a.slug
    return {
        "workspace": _url("workspace", slug=slug),
        "profile": _url("profile_edit", slug=slug),
        "charter": _url("charter_edit", slug=slug),
        "village_add": _url("village_add", slug=slug),
        "village_edit": _url("village_edit", slug=slug, pk=village.pk),
        "body": _url("body_edit", slug=slug, kind="council"),
        "member_add": _url("member_add", slug=slug, kind="council"),
        "member_edit": _url("member_edit", slug=slug, kind="council", pk=member.pk),
    }


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(
    "page",
    ["workspace", "profile", "charter", "village_add", "village_edit", "body", "member_add",
     "member_edit"],
)
def test_workspace_pages_through_the_views(client, roles, workspace_urls, who, page):
    if who != "anonymous":
        client.force_login(roles[who])
    response = client.get(workspace_urls[page])
    if who == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    elif who in EDITORS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", ROLES)
def test_history_page_matrix(client, roles, unit_a, who):
    if who != "anonymous":
        client.force_login(roles[who])
    response = client.get(_url("history", slug=unit_a.slug))
    # The one history: the unit's staff (editors and managers) and site administrators.
    expected = {"anonymous": 302, "staff": 200, "manager": 200, "admin": 200}.get(who, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("who", ROLES)
def test_merge_page_matrix(client, roles, who):
    if who != "anonymous":
        client.force_login(roles[who])
    with translation.override("ru"):
        response = client.get(reverse("municipalities:merge"))
    expected = {"anonymous": 302, "admin": 200}.get(who, 403)
    assert response.status_code == expected


def test_staff_of_b_cannot_post_to_a_and_nothing_changes(client, roles, unit_a, unit_b,
                                                         village_factory):
    village = village_factory(municipality=unit_a, name_ru="Село А")
    client.force_login(roles["other_staff"])
    response = client.post(
        _url("village_edit", slug=unit_a.slug, pk=village.pk), {"name_ru": "Захвачено"}
    )
    assert response.status_code == 403
    response = client.post(_url("village_delete", slug=unit_a.slug, pk=village.pk))
    assert response.status_code == 403
    village.refresh_from_db()
    assert village.name_ru == "Село А"


def test_forged_address_mixing_units_is_404(client, roles, unit_a, unit_b, village_factory):
    """Staff of B cannot reach A's village through B's address."""
    village = village_factory(municipality=unit_a)
    client.force_login(roles["other_staff"])
    response = client.get(_url("village_edit", slug=unit_b.slug, pk=village.pk))
    assert response.status_code == 404


def test_profile_shows_edit_link_only_to_staff(client, roles, unit_a):
    url = _url("detail", slug=unit_a.slug)
    edit = _url("workspace", slug=unit_a.slug)
    assert edit not in client.get(url).content.decode()
    client.force_login(roles["other_staff"])
    assert edit not in client.get(url).content.decode()
    client.force_login(roles["staff"])
    assert edit in client.get(url).content.decode()


@pytest.mark.parametrize("who", ROLES)
def test_posting_a_body_matrix_saves_only_for_editors(client, roles, unit_a, who):
    from municipalities.models import Body

    if who != "anonymous":
        client.force_login(roles[who])
    response = client.post(
        _url("body_edit", slug=unit_a.slug, kind="council"),
        {"name_ky": "Кеңеш", "name_ru": "Кенеш"},
    )
    if who in EDITORS:
        assert response.status_code == 302
        assert Body.objects.filter(municipality=unit_a).exists()
    else:
        assert response.status_code == (302 if who == "anonymous" else 403)
        assert not Body.objects.exists()


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_workspace_renders_in_both_languages(client, roles, unit_a, lang):
    client.force_login(roles["staff"])
    with translation.override(lang):
        url = reverse("municipalities:workspace", kwargs={"slug": unit_a.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_admin_action_opens_the_merger_page_with_the_units_chosen(client, site_admin, unit_a,
                                                                  unit_b):
    from municipalities.models import Municipality

    before = Municipality.objects.count()
    client.force_login(site_admin)
    response = client.post(
        reverse("admin:municipalities_municipality_changelist"),
        {"action": "record_merger", "_selected_action": [unit_a.pk, unit_b.pk]},
    )
    assert response.status_code == 302
    assert "predecessors=unit-a" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'value="unit-a" selected' in page.content.decode()
    assert Municipality.objects.count() == before  # the page only proposes; nothing is created
