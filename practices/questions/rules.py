"""Who may do what with citizens' questions. The municipality comes from the question."""

import rules

from portal.predicates import is_municipal_staff
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

# --- Citizens' questions ------------------------------------------------------------------------
# Any signed-in person asks; the municipality's staff (and site admins) answer; moderators and
# the municipality's staff hide with a reason. The municipality comes from the question.


@rules.predicate
def is_active_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def question_is_visible(user, question) -> bool:
    return question is not None and not question.is_hidden


@rules.predicate
def is_question_author(user, question) -> bool:
    return question is not None and question.author_id == user.pk


@rules.predicate
def is_portal_moderator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_moderator)


answers_questions = is_site_admin | is_staff_of
rules.add_perm("questions.view_question", question_is_visible | answers_questions
               | is_portal_moderator)
rules.add_perm("questions.add_question", is_active_user)
rules.add_perm("questions.answer_question", answers_questions & question_is_visible)
rules.add_perm(
    "questions.flag_question", is_active_user & question_is_visible & ~is_question_author
)
rules.add_perm("questions.hide_question", is_site_admin | is_portal_moderator | is_staff_of)
rules.add_perm(
    "questions.moderate_questions", is_site_admin | is_portal_moderator | is_municipal_staff
)
# Flagged questions of every municipality, not only one's own (the moderation queue).
rules.add_perm("questions.moderate_all_questions", is_site_admin | is_portal_moderator)
