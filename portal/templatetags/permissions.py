"""``{% load permissions %}{% can "app.perm" obj as ok %}``: templates ask the one gate.

The user is the request's (or the context's ``user``), so templates and htmx partials never
pass it and never reach Django's ``perms`` (which lets a superuser skip workflow states).
"""

from typing import Any

from django import template

from portal import permissions

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    if request is not None and hasattr(request, "user"):
        return request.user
    return context.get("user")


@register.simple_tag(takes_context=True)
def can(context: template.Context, perm: str, obj: Any = None) -> bool:
    return permissions.can(_user(context), perm, obj)
