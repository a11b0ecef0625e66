"""Who may do what to a municipality. Staff act only on their own unit."""

import rules

from portal.predicates import is_manager_of
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

rules.add_perm("municipalities.view_municipality", rules.always_allow)
rules.add_perm("municipalities.change_municipality", is_site_admin | is_staff_of)
rules.add_perm("municipalities.manage_staff", is_site_admin | is_manager_of)
