"""Who may read the history of an object: site administrators and the staff of the object's
municipality (not other municipalities' staff, not moderators: the history shows drafts and
internal comments). A national object (no municipality) is for site administrators only."""

import rules

from portal.predicates import is_site_admin
from portal.predicates import is_staff_of


@rules.predicate
def is_staff_of_owner(user, obj) -> bool:
    from .services import municipality_of

    unit = municipality_of(obj)
    return unit is not None and is_staff_of(user, unit)


rules.add_perm("history.view_history", is_site_admin | is_staff_of_owner)
