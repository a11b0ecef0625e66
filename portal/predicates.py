"""Who someone is on the portal. Each app's rules.py composes these into permissions.

Object predicates always take the municipality from the object itself (``obj.municipality``
or the municipality object), never from the URL, so a forged address grants nothing.
"""

import rules


def municipality_of(obj):
    """The municipality an object belongs to (the object itself if it is one)."""
    from municipalities.models import Municipality

    if obj is None:
        return None
    if isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def _memberships(user) -> dict[int, str]:
    """municipality id -> level, read once per user object (i.e. once per request)."""
    cached = getattr(user, "_staff_levels", None)
    if cached is None:
        cached = dict(user.staff_memberships.values_list("municipality_id", "level"))
        user._staff_levels = cached
    return cached


@rules.predicate
def is_site_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_moderator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_moderator)


@rules.predicate
def is_monitor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_monitor)


@rules.predicate
def is_municipal_staff(user) -> bool:
    """Works for at least one municipality."""
    return bool(user.is_authenticated and user.is_active and _memberships(user))


@rules.predicate
def is_staff_of(user, obj) -> bool:
    municipality = municipality_of(obj)
    if municipality is None or not (user.is_authenticated and user.is_active):
        return False
    return municipality.pk in _memberships(user)


@rules.predicate
def is_manager_of(user, obj) -> bool:
    municipality = municipality_of(obj)
    if municipality is None or not (user.is_authenticated and user.is_active):
        return False
    return _memberships(user).get(municipality.pk) == "manager"
