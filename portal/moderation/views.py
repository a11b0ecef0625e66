"""Pages of the moderation core: the queue across kinds, and every act on any kind of text.

Views parse the input, ask the gate, call one service and render; the kinds' own pages (an
event's comments, a draft's comments, a question) link here or call the same services.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.permissions import can
from portal.permissions import permission_required
from portal.permissions import require

from . import registry
from . import selectors
from . import services
from .forms import FlagForm
from .forms import ReasonForm


def _item(request, kind_key: str, pk: int):
    """The text of a registered kind; a 404 for an unknown kind or a text the person may
    neither see nor moderate."""
    kind = registry.get(kind_key)
    if kind is None:
        raise Http404
    obj = get_object_or_404(kind.queryset(), pk=pk)
    if not kind.is_public(obj) and not can(request.user, "moderation.hide_item", obj):
        raise Http404
    return kind, obj


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@permission_required("moderation.view_queue")
def queue(request):
    page, items = selectors.queue_page(
        request.user, request.GET.get("page"), settings.PAGE_SIZE
    )
    can_block = can(request.user, "moderation.block_user")
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "items": items,
            "can_block": can_block,
            "blocks": list(selectors.blocked_users()[:50]) if can_block else [],
            "records": selectors.latest_records(request.user),
        },
    )


def flag(request, kind: str, pk: int):
    kind_, obj = _item(request, kind, pk)
    require(request, "moderation.flag_item", obj)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.flag_create(user=request.user, obj=obj, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you: moderators will look at it."))
        return redirect(kind_.url(obj))
    return render(
        request,
        "moderation/item_form.html",
        {"form": form, "kind": kind_, "obj": obj, "text": kind_.text(obj),
         "page_name": _("Report to the moderators"), "back": kind_.url(obj)},
    )


def hide(request, kind: str, pk: int):
    kind_, obj = _item(request, kind, pk)
    require(request, "moderation.hide_item", obj)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_hide(actor=request.user, obj=obj, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("It has been hidden and its author told."))
            return redirect(_next(request, kind_.url(obj)))
    return render(
        request,
        "moderation/item_form.html",
        {"form": form, "kind": kind_, "obj": obj, "text": kind_.text(obj),
         "page_name": _("Hide with a reason"), "back": kind_.url(obj),
         "next": _next(request, "")},
    )


@require_POST
def restore(request, kind: str, pk: int):
    kind_, obj = _item(request, kind, pk)
    require(request, "moderation.hide_item", obj)
    try:
        services.item_restore(actor=request.user, obj=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("It is shown again."))
    return redirect(_next(request, kind_.url(obj)))


@require_POST
def dismiss(request, kind: str, pk: int):
    _kind, obj = _item(request, kind, pk)
    require(request, "moderation.hide_item", obj)
    services.flags_dismiss(actor=request.user, obj=obj)
    messages.success(request, _("The reports have been dismissed; the text stays."))
    return redirect(_next(request, "moderation:queue"))


@permission_required("moderation.block_user")
def user_block(request, user_id: int):
    target = get_object_or_404(get_user_model(), pk=user_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_block(actor=request.user, user=target, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The user has been blocked from taking part."))
            return redirect("moderation:queue")
    return render(request, "moderation/user_block.html", {"form": form, "target": target})


@require_POST
@permission_required("moderation.block_user")
def user_unblock(request, user_id: int):
    target = get_object_or_404(get_user_model(), pk=user_id)
    services.user_unblock(actor=request.user, user=target)
    messages.success(request, _("The user may take part again."))
    return redirect("moderation:queue")
