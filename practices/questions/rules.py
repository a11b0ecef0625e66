"""Who may do what with citizens' questions. The municipality comes from the question."""

import rules

from portal.moderation.rules import can_take_part
from portal.predicates import is_moderator
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

# --- Citizens' questions ------------------------------------------------------------------------
# Any signed-in person asks; the municipality's staff (and site admins) answer; moderators and
# the municipality's staff hide with a reason (the moderation core). The municipality comes
# from the question.


@rules.predicate
def question_is_visible(user, question) -> bool:
    return question is not None and not question.is_hidden


answers_questions = is_site_admin | is_staff_of
rules.add_perm("questions.view_question", question_is_visible | answers_questions
               | is_moderator)
# Asking is taking part: a person a moderator has blocked asks nothing.
rules.add_perm("questions.add_question", can_take_part)
rules.add_perm("questions.answer_question", answers_questions & question_is_visible)
# Flagging, hiding, restoring and the queue: portal/moderation/rules.py (every kind of text).
