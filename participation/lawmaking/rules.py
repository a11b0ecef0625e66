"""Who may do what in law-making. The municipality always comes from the draft."""

import rules

from portal.moderation.rules import can_take_part
from portal.predicates import is_municipal_staff
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

# --- Law-making (draft acts) --------------------------------------------------------------------
# A municipality's draft is managed by its staff; a national draft (no municipality) by site
# administrators only. The municipality comes from the draft (or the comment's draft).


@rules.predicate
def draft_is_public(user, draft) -> bool:
    return draft is not None and draft.is_public


@rules.predicate
def draft_is_open(user, draft) -> bool:
    return draft is not None and draft.is_open


@rules.predicate
def draft_period_over(user, obj) -> bool:
    draft = getattr(obj, "draft", obj)
    return draft is not None and draft.period_is_over


@rules.predicate
def draft_not_adopted(user, draft) -> bool:
    from .models import Draft

    return draft is not None and draft.status in (Draft.Status.DRAFT, Draft.Status.PUBLISHED)


can_manage_draft = is_site_admin | is_staff_of

rules.add_perm("lawmaking.view_draft", draft_is_public | can_manage_draft)
rules.add_perm("lawmaking.add_draft", is_site_admin | is_municipal_staff)
# Every municipality's drafts, not only one's own (lists and the form's choice of unit).
rules.add_perm("lawmaking.manage_all_drafts", is_site_admin)
rules.add_perm("lawmaking.change_draft", can_manage_draft & draft_not_adopted)
rules.add_perm("lawmaking.comment_draft", can_take_part & draft_is_open)
rules.add_perm("lawmaking.decide_draftcomment", can_manage_draft & draft_period_over)
rules.add_perm(
    "lawmaking.adopt_draft", can_manage_draft & draft_period_over & draft_not_adopted
)
# Flagging, hiding and restoring comments: portal/moderation/rules.py (every kind of text).
