"""Who may do what with practices, stories, news and documents.

Roles:
- the public sees published items only;
- municipal staff (any level) write drafts for their own municipality, edit them while they
  are drafts or returned, and submit them; they also see their own municipality's drafts;
- editors review: publish or return with a comment, and write national news and documents.
  "Editor" is a site-wide role: membership of the Django group named ``editors``
  (``EDITORS_GROUP``); site administrators can do everything.
The municipality always comes from the object (``obj.municipality``), never from the URL.
"""

import rules

from portal.predicates import is_municipal_staff
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

from .models import Status

EDITORS_GROUP = "editors"


@rules.predicate
def is_content_editor(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_is_content_editor", None)
    if cached is None:
        cached = user.groups.filter(name=EDITORS_GROUP).exists()
        user._is_content_editor = cached
    return cached


@rules.predicate
def is_published(user, obj) -> bool:
    return obj is not None and obj.status == Status.PUBLISHED


@rules.predicate
def is_open_for_author(user, obj) -> bool:
    return obj is not None and obj.status in (Status.DRAFT, Status.RETURNED)


@rules.predicate
def is_submitted(user, obj) -> bool:
    return obj is not None and obj.status == Status.SUBMITTED


@rules.predicate
def has_municipality(user, obj) -> bool:
    return obj is not None and getattr(obj, "municipality_id", None) is not None


is_editor = is_site_admin | is_content_editor
# Staff act on their own municipality's items; national items (no municipality) are editors'.
is_own_staff = has_municipality & is_staff_of

for model in ("practice", "story", "newsitem", "document"):
    rules.add_perm(f"practices.view_{model}", is_published | is_editor | is_own_staff)
    # Without an object: may this person open the form at all?
    rules.add_perm(f"practices.add_{model}", is_editor | is_municipal_staff)
    rules.add_perm(f"practices.change_{model}", is_editor | (is_own_staff & is_open_for_author))
    rules.add_perm(f"practices.submit_{model}", (is_editor | is_own_staff) & is_open_for_author)
    rules.add_perm(f"practices.review_{model}", is_editor & is_submitted)
    rules.add_perm(f"practices.unpublish_{model}", is_editor & is_published)

# The editorial desk: a list of what is waiting for whom.
rules.add_perm("practices.use_desk", is_editor | is_municipal_staff)
rules.add_perm("practices.review_any", is_editor)
