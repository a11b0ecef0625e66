"""The one permission gate: every view, service, template and htmx partial asks here.

Permissions are django-rules predicates, registered by each app's ``rules.py`` (built from the
roles in ``portal.predicates``). Object predicates take the municipality from the object itself,
never from the address of the page.

- ``can(user, perm, obj=None)`` asks; ``require(request_or_user, perm, obj=None)`` insists and
  raises ``PermissionDenied`` (``LoginRequired``, a kind of it, for someone not signed in);
  ``refuse(request_or_user)`` raises the same refusal where a view has already asked;
  ``permission_required(perm, obj=...)`` does the same for a whole view;
  ``{% load permissions %}{% can "app.perm" obj as ok %}`` asks from a template.
- The rules are evaluated by django-rules itself, never through ``user.has_perm``: Django's
  ``ModelBackend`` grants every permission to a superuser, which would let him skip workflow
  states (a closed discussion period, another person's upload, an evaluation of a monitoring
  group he is not in). A superuser is the "site administrator" role (``is_site_admin``) and
  has exactly the rights the rules give that role; see README "Roles and permissions".
- ``LoginOnRefusalMiddleware`` sends an anonymous visitor refused by ``require`` to the login
  page; a signed-in user refused gets 403.
- Audit: when a signed-in user is refused on an object that belongs to a municipality (the
  municipality itself, or anything with a ``municipality``), the same middleware writes a
  ``portal.RefusedAttempt`` row (user, permission, object, municipality, address, time). It is
  written after the request's transaction was rolled back, so it stays; a failure to write is
  logged and never changes the answer. Nothing is written for anonymous visitors, for a view
  that catches the refusal itself, or outside a request.
- An unknown permission name is a programming error (``ImproperlyConfigured``), so a typo
  never silently refuses or grants.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any
from typing import NoReturn

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

logger = logging.getLogger(__name__)

# Role predicates read a person's memberships once per user object (once per request) and keep
# them on it under these names; ``forget`` drops them.
ROLE_CACHES = (
    "_staff_levels",
    "_monitoring_groups",
    "_moderation_blocked",
    "_is_content_editor",
)


def forget(user: Any) -> Any:
    """Drop the roles cached on this user object, after its memberships changed in the same
    request, task or command (a long-running seed that adds someone to several groups)."""
    for name in ROLE_CACHES:
        user.__dict__.pop(name, None)
    return user


class LoginRequired(PermissionDenied):
    """Refused because nobody is signed in: the middleware turns it into the login page."""


class Refused(PermissionDenied):
    """A signed-in user refused; ``attempt`` is (user, permission, object) when the gate knew
    them, for the audit row the middleware writes."""

    def __init__(self, attempt: tuple[Any, str, Any] | None = None) -> None:
        super().__init__()
        self.attempt = attempt


def _user_of(request_or_user: Any) -> Any:
    if isinstance(request_or_user, HttpRequest):
        return request_or_user.user
    if request_or_user is None:
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return request_or_user


def can(user: Any, perm: str, obj: Any = None) -> bool:
    """May this user do ``perm`` (to ``obj``)? The rules decide, superusers included."""
    if not rules.perm_exists(perm):  # type: ignore[no-untyped-call]  # rules has no types
        raise ImproperlyConfigured(f"No rule is registered for the permission {perm!r}.")
    return bool(rules.has_perm(perm, _user_of(user), obj))  # type: ignore[no-untyped-call]


def refuse(request_or_user: Any, perm: str | None = None, obj: Any = None) -> NoReturn:
    """The refusal: ``LoginRequired`` when nobody is signed in, ``PermissionDenied`` otherwise.

    A view that already asked ``can`` passes the same ``perm`` and ``obj`` so the refusal is
    audited like one by ``require``.
    """
    user = _user_of(request_or_user)
    if not user.is_authenticated:
        raise LoginRequired
    raise Refused((user, perm, obj) if perm is not None and obj is not None else None)


def require(request_or_user: Any, perm: str, obj: Any = None) -> Any:
    """Refuse unless ``can``; returns ``obj`` so a view may write ``x = require(r, p, get(pk))``."""
    if can(_user_of(request_or_user), perm, obj):
        return obj
    refuse(request_or_user, perm, obj)


def _municipality_of(obj: Any) -> Any:
    from municipalities.models import Municipality

    if isinstance(obj, Municipality):
        return obj
    municipality = getattr(obj, "municipality", None)
    return municipality if isinstance(municipality, Municipality) else None


def record_refusal(request: HttpRequest, attempt: tuple[Any, str, Any]) -> None:
    """Write the audit row of a refused attempt on a municipality's object; never raises."""
    user, perm, obj = attempt
    try:
        municipality = _municipality_of(obj)
        if municipality is None or getattr(obj, "pk", None) is None:
            return
        from django.contrib.contenttypes.models import ContentType

        from portal.models import RefusedAttempt

        with transaction.atomic():
            RefusedAttempt.objects.create(
                user=user,
                permission=perm,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=str(obj.pk),
                municipality=municipality,
                path=request.path[:500],
            )
    except Exception:  # the audit must never turn a 403 into a 500
        logger.exception("Could not record the refused attempt %s on %r", perm, obj)


def permission_required(
    perm: str, obj: Callable[..., Any] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view decorator: ``require`` before the view runs.

    ``obj``, if given, is called with the view's arguments ``(request, *args, **kwargs)`` and
    returns the object the permission is asked about (e.g. the municipality of the address).
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            target = obj(request, *args, **kwargs) if obj is not None else None
            require(request, perm, target)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class LoginOnRefusalMiddleware:
    """An anonymous visitor refused by the gate goes to the login page and comes back; a
    signed-in user's refusal on a municipality's object is audited (``record_refusal``).

    ``process_exception`` runs after the view's request transaction was rolled back, so the
    audit row is not lost with it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        if isinstance(exception, Refused) and exception.attempt is not None:
            record_refusal(request, exception.attempt)
        return None
