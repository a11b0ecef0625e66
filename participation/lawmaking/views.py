"""Pages of law-making: the registry of acts, a draft's page and every action on it."""

from typing import TYPE_CHECKING
from typing import TypedDict
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.models import Municipality
from portal.moderation import views as moderation_views
from portal.moderation.rules import is_blocked
from portal.permissions import can
from portal.permissions import record_refusal
from portal.permissions import refuse
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of
from portal.views import section_landing

from . import selectors
from . import services
from .forms import AdoptForm
from .forms import DecisionForm
from .forms import DraftCommentForm
from .forms import DraftForm
from .forms import RegistryFilterForm
from .forms import ReviseForm
from .models import ClauseText
from .models import Draft
from .models import DraftClause
from .models import DraftComment

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CommentList(TypedDict):
    """The comments on a clause shown under its text on the draft's page."""

    comment_list: list[DraftComment]


if TYPE_CHECKING:
    CommentedText = WithAnnotations[ClauseText, CommentList]


def refusal(perm: str, user, obj=None) -> str:
    """Why ``user`` may not do ``perm`` on ``obj``, in words the person can act on: a resident
    refused on a closed draft is told that it closed and when, not that staff may act only
    for their own municipality."""
    draft = getattr(obj, "draft", obj)
    if perm == "lawmaking.comment_draft":
        if user.is_authenticated and is_blocked(user):
            return _("A moderator has stopped your account from taking part, so you cannot "
                     "comment.")
        if user.is_authenticated and not user.is_active:
            return _("Your account is not active.")
        phase = draft.phase
        if phase == Draft.Phase.UNPUBLISHED:
            return _("This draft has not been published for discussion yet.")
        if phase == Draft.Phase.UPCOMING:
            return _("Discussion of this draft has not opened yet — comments are accepted "
                     "from %(start)s until %(end)s.") % {
                "start": services.when(draft.discussion_starts_at),
                "end": services.when(draft.discussion_ends_at)}
        if phase == Draft.Phase.ADOPTED:
            return _("Discussion of this draft closed on %(end)s and the act has been adopted "
                     "— comments are no longer accepted.") % {
                "end": services.when(draft.discussion_ends_at)}
        if phase == Draft.Phase.WITHDRAWN:
            return _("This draft has been withdrawn — comments are no longer accepted.")
        return _("Discussion of this draft closed on %(end)s — comments are no longer "
                 "accepted.") % {"end": services.when(draft.discussion_ends_at)}
    if perm == "lawmaking.add_draft":
        return _("Only municipal staff and site administrators prepare draft acts.")
    if perm == "moderation.hide_item":
        return _("Only moderators and this municipality's staff may hide comments.")
    if not (is_site_admin(user) or is_staff_of(user, draft)):
        if draft is not None and draft.is_national:
            return _("National drafts are managed by site administrators only.")
        return _("Only this municipality's staff and site administrators manage its drafts.")
    if draft.status == Draft.Status.ADOPTED:
        return _("This draft has been adopted: it can no longer be changed.")
    if draft.status == Draft.Status.WITHDRAWN:
        return _("This draft has been withdrawn: it can no longer be changed.")
    if perm == "lawmaking.decide_draftcomment":
        return _("Proposals are answered after the discussion closes on %(end)s.") % {
            "end": services.when(draft.discussion_ends_at)}
    if perm == "lawmaking.adopt_draft":
        return _("The adopted text can be published after the discussion closes on "
                 "%(end)s.") % {"end": services.when(draft.discussion_ends_at)}
    return _("You do not have permission to do this.")


def _refuse(request, reason: str, *, draft=None, text: str = "", status: int = 403):
    return render(
        request,
        "lawmaking/refused.html",
        {"reason": reason, "draft": draft, "text": text},
        status=status,
    )


def _refusal(request, perm: str, obj=None, *, text: str = ""):
    """None when the gate allows; else the answer: anonymous visitors go to the login page,
    anyone else is told why (403) — a closed discussion is not "another municipality"."""
    if can(request.user, perm, obj):
        return None
    if not request.user.is_authenticated:
        refuse(request)  # the login page, through the gate's middleware
    record_refusal(request, (request.user, perm, obj))  # the audit, as the gate would
    draft = getattr(obj, "draft", obj)
    return _refuse(request, refusal(perm, request.user, obj), draft=draft, text=text)


def _visible_draft(request, pk: int) -> Draft:
    draft = selectors.draft_for_page(pk)
    if draft is None or not can(request.user, "lawmaking.view_draft", draft):
        raise Http404  # unpublished drafts do not exist for the public
    return draft


def _managed_draft(request, pk: int, perm: str = "lawmaking.change_draft"):
    draft = _visible_draft(request, pk)
    return draft, _refusal(request, perm, draft)


def landing(request):
    drafts = list(selectors.drafts_registry()[:5])
    return section_landing(
        request,
        "lawmaking",
        {
            "drafts": drafts,
            "can_add": can(request.user, "lawmaking.add_draft"),
        },
    )


def draft_list(request):
    units = selectors.registry_units()
    form = RegistryFilterForm(request.GET or None, units=units)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        if data["municipality"] == "national":
            filters["national"] = True
        elif data["municipality"]:
            filters["municipality"] = Municipality(pk=int(data["municipality"]))
        filters.update(status=data["status"], date_from=data["date_from"], date_to=data["date_to"])
    page = Paginator(selectors.drafts_registry(**filters), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "lawmaking/draft_list.html", {"form": form, "page": page})


def draft_manage(request):
    if (response := _refusal(request, "lawmaking.add_draft")) is not None:
        return response
    page = Paginator(selectors.drafts_managed_by(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "lawmaking/draft_manage.html", {"page": page})


def draft_detail(request, pk: int):
    draft = _visible_draft(request, pk)
    revisions = selectors.revisions(draft)
    current = revisions[-1] if revisions else None
    shown = current
    if request.GET.get("revision", "").isdigit():
        wanted = int(request.GET["revision"])
        shown = next((r for r in revisions if r.number == wanted), current)
    numbers = selectors.clause_numbers(draft)
    texts = cast(  # .comment_list is set below
        "list[CommentedText]", selectors.revision_texts(shown) if shown else []
    )
    comments = selectors.draft_comments(draft, numbers=numbers)
    by_clause: dict = {}
    for comment in comments:
        by_clause.setdefault(comment.clause_id, []).append(comment)
    for text in texts:
        text.comment_list = by_clause.get(text.clause_id, [])
    user = request.user
    can_comment = can(user, "lawmaking.comment_draft", draft)
    # Anyone who cannot comment is told why, except a visitor who only has to sign in.
    comment_refusal = None
    if not can_comment and (user.is_authenticated or not draft.is_open):
        comment_refusal = refusal("lawmaking.comment_draft", user, draft)
    current_texts = (
        texts if current is None or shown == current else selectors.revision_texts(current)
    )
    return render(
        request,
        "lawmaking/draft_detail.html",
        {
            "draft": draft,
            "revisions": revisions,
            "current": current,
            "shown": shown,
            "texts": texts,
            "general_comments": by_clause.get(None, []),
            "comment_count": len(comments),
            "can_comment": can_comment,
            "comment_refusal": comment_refusal,
            "can_change": can(user, "lawmaking.change_draft", draft),
            "can_decide": can(
                user, "lawmaking.decide_draftcomment", DraftComment(draft=draft)
            ),
            "can_adopt": can(user, "lawmaking.adopt_draft", draft),
            "can_hide": can(user, "moderation.hide_item", DraftComment(draft=draft)),
            "can_flag": can(user, "moderation.take_part"),
            "comment_form": DraftCommentForm(texts=current_texts) if can_comment else None,
        },
    )


def draft_create(request):
    if (response := _refusal(request, "lawmaking.add_draft")) is not None:
        return response
    form = DraftForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in DraftForm.Meta.fields}
        try:
            draft = services.draft_create(
                user=request.user, data=data, clauses=form.cleaned_data["clauses"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The draft has been saved. Publish it when it is ready."))
            return redirect(draft.get_absolute_url())
    return render(
        request,
        "lawmaking/draft_form.html",
        {"form": form, "page_name": _("New draft act")},
    )


def draft_edit(request, pk: int):
    draft, response = _managed_draft(request, pk)
    if response is not None:
        return response
    form = DraftForm(request.POST or None, instance=draft, user=request.user, with_clauses=False)
    if request.method == "POST" and form.is_valid():
        data = {
            k: v
            for k, v in form.cleaned_data.items()
            if k in DraftForm.Meta.fields and k != "municipality"
        }
        try:
            services.draft_update(user=request.user, draft=draft, data=data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect(draft.get_absolute_url())
    return render(
        request,
        "lawmaking/draft_form.html",
        {"form": form, "draft": draft, "page_name": _("Edit the draft")},
    )


def draft_revise(request, pk: int):
    draft, response = _managed_draft(request, pk)
    if response is not None:
        return response
    current = services.current_revision(draft)
    texts = selectors.revision_texts(current) if current else []
    for text in texts:
        text.clause = DraftClause(pk=text.clause_id, draft_id=draft.pk)
    form = ReviseForm(request.POST or None, texts=texts)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.draft_revise(
                user=request.user,
                draft=draft,
                clauses=form.cleaned_data["clauses"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Revision %(number)s has been saved.") % {"number": revision.number}
            )
            return redirect(draft.get_absolute_url())
    return render(
        request,
        "lawmaking/draft_form.html",
        {"form": form, "draft": draft, "page_name": _("Revise the text")},
    )


@require_POST
def draft_publish(request, pk: int):
    draft, response = _managed_draft(request, pk)
    if response is not None:
        return response
    try:
        services.draft_publish(user=request.user, draft=draft)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The draft has been published for discussion."))
    return redirect(draft.get_absolute_url())


@require_POST
def comment_create(request, pk: int):
    draft = _visible_draft(request, pk)
    response = _refusal(
        request, "lawmaking.comment_draft", draft, text=request.POST.get("text", "")
    )
    if response is not None:
        return response
    revision = services.current_revision(draft)
    texts = selectors.revision_texts(revision) if revision else []
    form = DraftCommentForm(request.POST, texts=texts)
    if form.is_valid():
        clause_id = form.cleaned_data["clause"]
        clause = selectors.draft_clause(draft, clause_id)
        try:
            services.comment_create(
                user=request.user, draft=draft, clause=clause, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment has been published."))
            return redirect(f"{draft.get_absolute_url()}#comments")
    else:
        messages.error(request, _("Your comment was not published: please correct it."))
    return redirect(f"{draft.get_absolute_url()}#comment-form")


_comment = selectors.draft_comment_for_page


def comment_decide(request, pk: int):
    comment = _comment(pk)
    if not comment.draft.is_public:
        raise Http404
    if (response := _refusal(request, "lawmaking.decide_draftcomment", comment)) is not None:
        return response
    initial = {
        "decision": comment.decision,
        "reason_ky": comment.decision_reason_ky,
        "reason_ru": comment.decision_reason_ru,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.comment_decide(
            user=request.user,
            comment=comment,
            decision=form.cleaned_data["decision"],
            reason_ky=form.cleaned_data["reason_ky"],
            reason_ru=form.cleaned_data["reason_ru"],
        )
        messages.success(request, _("The decision on the comment has been saved."))
        return redirect("lawmaking:summary", pk=comment.draft_id)
    return render(
        request,
        "lawmaking/comment_decide.html",
        {
            "form": form,
            "comment": comment,
            "draft": comment.draft,
            "page_name": _("Answer the comment"),
        },
    )


def comment_hide(request, pk: int):
    """Hiding a draft comment: the moderation core's page, at the address drafts always had
    (a refusal says why, as every refusal on drafts does)."""
    comment = _comment(pk)
    if (response := _refusal(request, "moderation.hide_item", comment)) is not None:
        return response
    return moderation_views.hide(request, kind=DraftComment._meta.label_lower, pk=pk)


def draft_adopt(request, pk: int):
    draft, response = _managed_draft(request, pk, "lawmaking.adopt_draft")
    if response is not None:
        return response
    form = AdoptForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_adopt(
                user=request.user,
                draft=draft,
                data={k: form.cleaned_data[k] for k in AdoptForm.Meta.fields},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The adopted text has been published."))
            return redirect(draft.get_absolute_url())
    return render(
        request,
        "lawmaking/draft_form.html",
        {"form": form, "draft": draft, "page_name": _("Publish the adopted text")},
    )


def draft_summary(request, pk: int):
    draft = _visible_draft(request, pk)
    if not draft.period_is_over and not can(request.user, "lawmaking.change_draft", draft):
        raise Http404
    return render(
        request,
        "lawmaking/draft_summary.html",
        {
            "draft": draft,
            **selectors.summary(draft),
            "can_decide": can(
                request.user, "lawmaking.decide_draftcomment", DraftComment(draft=draft)
            ),
        },
    )
