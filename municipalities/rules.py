"""Who may do what to a municipality. Staff act only on their own unit.

Every object predicate takes the municipality from the object (a unit, a body, a member via
its body, a village, a charter), never from the address of the page.
"""

import rules

from portal.predicates import is_manager_of
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

rules.add_perm("municipalities.view_municipality", rules.always_allow)
rules.add_perm("municipalities.change_municipality", is_site_admin | is_staff_of)
rules.add_perm("municipalities.manage_staff", is_site_admin | is_manager_of)
rules.add_perm("municipalities.change_body", is_site_admin | is_staff_of)
rules.add_perm("municipalities.change_member", is_site_admin | is_staff_of)
rules.add_perm("municipalities.change_village", is_site_admin | is_staff_of)
rules.add_perm("municipalities.change_charter", is_site_admin | is_staff_of)
# The unit's own name (Kyrgyz and Russian): it stands on every page, document and export of
# the portal, so its managers answer for it, not every editor; and site administrators.
rules.add_perm("municipalities.rename_municipality", is_site_admin | is_manager_of)
# Recording the reform (merging units) is for site administrators only.
rules.add_perm("municipalities.merge_municipality", is_site_admin)
