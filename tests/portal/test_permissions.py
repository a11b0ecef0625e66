"""The one permission gate (portal.permissions): ask, require, refuse, the view decorator, the
login redirect, the template tag, and that nothing else in the code asks permissions."""

import pathlib
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import Context
from django.template import Template
from django.test import RequestFactory
from django.urls import reverse

from portal import permissions
from portal.permissions import LoginOnRefusalMiddleware
from portal.permissions import LoginRequired
from portal.permissions import can
from portal.permissions import permission_required
from portal.permissions import refuse
from portal.permissions import require

pytestmark = pytest.mark.django_db

PERM = "municipalities.change_municipality"  # site administrators and the unit's own staff


@pytest.fixture
def unit(municipality_factory):
    return municipality_factory()


@pytest.fixture
def other_unit(municipality_factory):
    return municipality_factory()


@pytest.fixture
def admin(user_factory):
    return user_factory(is_superuser=True, is_staff=True)


# --- can ----------------------------------------------------------------------------------------


def test_can_allows_the_units_own_staff(unit, staff_of):
    assert can(staff_of(unit), PERM, unit) is True


def test_can_refuses_staff_of_another_municipality(unit, other_unit, staff_of):
    """The object's own municipality decides, not whatever unit the person works for."""
    assert can(staff_of(other_unit), PERM, unit) is False


def test_can_refuses_a_citizen_and_anonymous(unit, citizen):
    assert can(citizen, PERM, unit) is False
    assert can(AnonymousUser(), PERM, unit) is False
    assert can(None, PERM, unit) is False  # no user at all counts as anonymous


def test_can_takes_the_municipality_from_the_object(unit, other_unit, staff_of):
    body = SimpleNamespace(municipality=unit)  # anything that belongs to a unit
    assert can(staff_of(unit), "municipalities.change_body", body) is True
    assert can(staff_of(other_unit), "municipalities.change_body", body) is False


def test_an_inactive_superuser_can_nothing(unit, user_factory):
    assert can(user_factory(is_superuser=True, is_active=False), PERM, unit) is False


def test_an_unknown_permission_is_a_programming_error_not_a_silent_no(unit, citizen):
    with pytest.raises(ImproperlyConfigured):
        can(citizen, "municipalities.chnage_municipality", unit)


def test_can_accepts_a_request(rf, unit, staff_of):
    request = rf.get("/")
    request.user = staff_of(unit)
    assert can(request.user, PERM, unit) is True
    assert require(request, PERM, unit) is unit


# --- require and refuse -------------------------------------------------------------------------


def test_require_returns_the_object_when_allowed(unit, staff_of):
    assert require(staff_of(unit), PERM, unit) is unit


def test_require_refuses_a_signed_in_user_with_403(unit, citizen):
    with pytest.raises(PermissionDenied) as refused:
        require(citizen, PERM, unit)
    assert not isinstance(refused.value, LoginRequired)


def test_require_asks_anonymous_visitors_to_sign_in(unit):
    with pytest.raises(LoginRequired):
        require(AnonymousUser(), PERM, unit)
    # ...which is still a refusal for any code that catches PermissionDenied.
    assert issubclass(LoginRequired, PermissionDenied)


def test_refuse_chooses_the_refusal_by_who_asks(citizen):
    with pytest.raises(LoginRequired):
        refuse(AnonymousUser())
    with pytest.raises(PermissionDenied) as refused:
        refuse(citizen)
    assert not isinstance(refused.value, LoginRequired)


def test_forget_lets_the_rules_see_a_membership_added_to_the_same_user_object(
    unit, other_unit, staff_of, staff_membership_factory
):
    user = staff_of(unit)
    assert can(user, PERM, other_unit) is False  # memberships are now cached on the object
    staff_membership_factory(user=user, municipality=other_unit)
    assert can(user, PERM, other_unit) is False
    assert can(permissions.forget(user), PERM, other_unit) is True


# --- the view decorator and the login redirect ------------------------------------------------


def _run(request, view):
    """Call a view the way Django's handler does: refusals pass the gate's middleware."""
    middleware = LoginOnRefusalMiddleware(lambda r: HttpResponse())
    try:
        return view(request, unit_pk=None)
    except PermissionDenied as error:
        response = middleware.process_exception(request, error)
        if response is None:
            raise
        return response


def test_permission_required_decorates_a_view_with_the_object_of_its_address(
    unit, staff_of, citizen
):
    @permission_required(PERM, obj=lambda request, unit_pk: unit)
    def view(request, unit_pk):
        return HttpResponse("ok")

    request = RequestFactory().get("/workspace/?tab=1")
    request.user = staff_of(unit)
    assert _run(request, view).content == b"ok"

    request.user = citizen
    with pytest.raises(PermissionDenied):
        _run(request, view)

    request.user = AnonymousUser()
    response = _run(request, view)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=/workspace/%3Ftab%3D1" in response["Location"]


def test_the_middleware_leaves_other_refusals_and_errors_alone(rf):
    middleware = LoginOnRefusalMiddleware(lambda r: HttpResponse())
    request = rf.get("/")
    assert middleware.process_exception(request, PermissionDenied()) is None
    assert middleware.process_exception(request, ValueError()) is None


def test_the_middleware_is_installed(settings):
    assert "portal.permissions.LoginOnRefusalMiddleware" in settings.MIDDLEWARE


def test_a_real_staff_page_sends_anonymous_to_login_and_refuses_a_citizen(client, unit, citizen):
    url = reverse("municipalities:workspace", kwargs={"slug": unit.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(citizen)
    assert client.get(url).status_code == 403


# --- the superuser ---------------------------------------------------------------------------


def test_a_superuser_is_the_site_administrator_role(admin, unit):
    """He keeps what the rules give site administrators: any unit's profile, the admin site,
    mergers of units."""
    assert can(admin, PERM, unit) is True
    assert can(admin, "portal.view_admin") is True
    assert can(admin, "municipalities.merge_municipality") is True


def test_a_superuser_who_is_not_staff_does_not_take_the_municipalitys_own_steps(
    admin, unit, staff_of
):
    """Where the rules name the unit's staff only, a superuser is refused like anyone."""
    from participation.models import Event

    assert can(staff_of(unit), "participation.manage_events", unit) is True
    # Taking part is for people, and a closed event takes no comments from anyone.
    event = Event(municipality=unit, status=Event.Status.DRAFT)
    assert can(admin, "participation.comment_event", event) is False


def test_django_would_have_let_the_superuser_through(admin):
    """Why the gate never calls user.has_perm: Django's backend grants a superuser everything."""
    from participation.models import Event

    event = Event(status=Event.Status.DRAFT)
    assert admin.has_perm("participation.comment_event", event) is True
    assert can(admin, "participation.comment_event", event) is False


# --- the template tag -------------------------------------------------------------------------


def _render(source, **context):
    return Template("{% load permissions %}" + source).render(Context(context)).strip()


def test_the_tag_asks_the_gate_for_the_requests_user(rf, unit, other_unit, staff_of):
    source = '{% can "municipalities.change_municipality" unit as ok %}{{ ok }}'
    request = rf.get("/")
    request.user = staff_of(unit)
    assert _render(source, request=request, unit=unit) == "True"
    assert _render(source, request=request, unit=other_unit) == "False"
    request.user = AnonymousUser()
    assert _render(source, request=request, unit=unit) == "False"


def test_the_tag_without_a_request_uses_the_context_user_or_nobody(unit, staff_of):
    source = '{% can "municipalities.change_municipality" unit as ok %}{{ ok }}'
    assert _render(source, user=staff_of(unit), unit=unit) == "True"
    assert _render(source, unit=unit) == "False"


def test_the_tag_without_an_object(rf, admin, citizen):
    source = '{% can "portal.view_admin" as ok %}{% if ok %}yes{% else %}no{% endif %}'
    request = rf.get("/")
    request.user = admin
    assert _render(source, request=request) == "yes"
    request.user = citizen
    assert _render(source, request=request) == "no"


def test_the_tag_does_not_let_a_superuser_skip_a_workflow_step(rf, admin):
    from participation.models import Event

    request = rf.get("/")
    request.user = admin
    source = '{% can "participation.comment_event" event as ok %}{{ ok }}'
    assert _render(source, request=request, event=Event(status=Event.Status.DRAFT)) == "False"


# --- nothing else asks ------------------------------------------------------------------------

ROOT = pathlib.Path(permissions.__file__).resolve().parent.parent
APPS = ["portal", "municipalities", "participation", "budgets", "monitoring", "practices"]
# The gate, and the roles it is built of (each app's rules.py composes them).
GATE = {"portal/permissions.py", "portal/predicates.py"}
ASKING_ELSEWHERE = re.compile(
    r"\bhas_perm\b|\bperms\.[a-z]|\{%\s*has_perm|user\.is_superuser|\brules\.test_rule\b"
)


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path
    yield from (ROOT / "templates").rglob("*.html")


def test_no_code_or_template_asks_a_permission_outside_the_gate():
    offenders = []
    for path in _sources():
        relative = path.relative_to(ROOT).as_posix()
        if relative in GATE or relative.endswith("/rules.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ASKING_ELSEWHERE.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
