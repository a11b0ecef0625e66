"""Site-wide permissions."""

import rules

from .predicates import is_site_admin

rules.add_perm("portal.view_admin", is_site_admin)
rules.add_perm("portal.change_user_roles", is_site_admin)
