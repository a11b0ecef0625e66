"""Who may do what in the budgets section.

Everyone reads budgets, transfers and calendars. Staff of a municipality keep their own
unit's budget and calendar; the municipality always comes from the object. The national
transfers dataset is kept by site administrators.
"""

import rules

from portal.predicates import is_site_admin
from portal.predicates import is_staff_of


@rules.predicate
def is_self_governing(user, obj) -> bool:
    from portal.predicates import municipality_of

    unit = municipality_of(obj)
    return bool(unit is not None and unit.is_self_governing)


@rules.predicate
def is_uploader(user, pending) -> bool:
    return bool(pending is not None and pending.uploaded_by_id == user.pk)


rules.add_perm("budgets.view_budgetyear", rules.always_allow)
rules.add_perm("budgets.view_transfer", rules.always_allow)
# obj = the municipality the budget is for
rules.add_perm("budgets.add_budgetyear", is_self_governing & (is_site_admin | is_staff_of))
# obj = the budget
rules.add_perm("budgets.change_budgetyear", is_site_admin | is_staff_of)
# obj = the budget; calendar stages belong to it
rules.add_perm("budgets.change_calendarstage", is_site_admin | is_staff_of)
# obj = the pending upload: only the person who uploaded it confirms it, while still staff
rules.add_perm("budgets.confirm_pendingimport", is_uploader & (is_site_admin | is_staff_of))
rules.add_perm("budgets.add_transfer", is_site_admin)
rules.add_perm("budgets.change_transfer", is_site_admin)
