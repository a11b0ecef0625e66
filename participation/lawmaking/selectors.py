"""Reads of law-making: the registry, a draft's page and its summary table."""

from django.db.models import Count
from django.db.models import Q
from django.shortcuts import get_object_or_404

from municipalities.models import Municipality
from portal.permissions import can

from .models import ClauseText
from .models import Draft
from .models import DraftClause
from .models import DraftComment


def public_drafts():
    return Draft.objects.filter(status__in=Draft.PUBLIC_STATUSES).select_related("municipality")


def drafts_registry(*, municipality=None, national=False, status="", date_from=None, date_to=None):
    drafts = public_drafts().annotate(
        comment_count=Count("comments", filter=Q(comments__is_hidden=False))
    )
    if national:
        drafts = drafts.filter(municipality__isnull=True)
    elif municipality is not None:
        drafts = drafts.filter(municipality=municipality)
    if status:
        drafts = drafts.filter(status=status)
    if date_from:
        drafts = drafts.filter(discussion_starts_at__date__gte=date_from)
    if date_to:
        drafts = drafts.filter(discussion_starts_at__date__lte=date_to)
    return drafts.order_by("-discussion_starts_at", "-pk")


def drafts_managed_by(user):
    drafts = Draft.objects.select_related("municipality").annotate(
        comment_count=Count("comments", filter=Q(comments__is_hidden=False)),
        unanswered=Count("comments", filter=Q(comments__is_hidden=False, comments__decision="")),
    )
    if can(user, "lawmaking.manage_all_drafts"):
        return drafts.order_by("-modified")
    return drafts.filter(municipality__staff_memberships__user=user).order_by("-modified")


def draft_for_page(pk: int) -> Draft | None:
    return Draft.objects.select_related("municipality").filter(pk=pk).first()


def registry_units() -> list[tuple[int, str]]:
    """The municipalities that have public drafts, as choices of the registry filter."""
    return list(
        Municipality.objects.filter(drafts__status__in=Draft.PUBLIC_STATUSES)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )


def draft_clause(draft: Draft, clause_id: int | None) -> DraftClause | None:
    """A clause of this draft (None when none is named or it is another draft's)."""
    if not clause_id:
        return None
    return DraftClause.objects.filter(pk=clause_id, draft=draft).first()


def draft_comment_for_page(pk: int) -> DraftComment:
    return get_object_or_404(
        DraftComment.objects.select_related("draft", "draft__municipality", "author"), pk=pk
    )


def revisions(draft: Draft) -> list:
    return list(draft.revisions.order_by("number"))


def clause_numbers(draft: Draft) -> dict:
    """(revision id, clause id) -> number, for every revision of the draft, in one query."""
    return {
        (r, c): n
        for r, c, n in ClauseText.objects.filter(revision__draft=draft).values_list(
            "revision_id", "clause_id", "number"
        )
    }


def revision_texts(revision) -> list[ClauseText]:
    return list(ClauseText.objects.filter(revision=revision).order_by("number"))


def draft_comments(draft: Draft, *, numbers: dict | None = None) -> list[DraftComment]:
    """Visible comments, each with .clause_number (in the revision it was made on)."""
    numbers = clause_numbers(draft) if numbers is None else numbers
    comments = list(
        DraftComment.objects.filter(draft=draft, is_hidden=False)
        .select_related("author", "revision")
        .order_by("created", "pk")
    )
    for comment in comments:
        comment.clause_number = numbers.get((comment.revision_id, comment.clause_id))
    return comments


def summary(draft: Draft) -> dict:
    comments = draft_comments(draft)
    counts = dict.fromkeys(DraftComment.Decision.values, 0)
    for comment in comments:
        if comment.decision:
            counts[comment.decision] += 1
    return {
        "rows": comments,
        "counts": counts,
        "unanswered": sum(1 for c in comments if not c.decision),
    }


def municipality_profile_block(municipality) -> dict:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    drafts = list(public_drafts().filter(municipality=municipality)[:5])
    return {
        "title": _("Draft acts"),
        "items": [
            {
                "label": draft.title,
                "url": draft.get_absolute_url(),
                "meta": draft.get_phase_display(),
            }
            for draft in drafts
        ],
        "more_url": reverse("lawmaking:list") + f"?municipality={municipality.pk}",
        "empty_text": _("No draft acts have been published for discussion."),
    }
