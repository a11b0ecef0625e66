"""Following pages: /<lang>/profile/following/ and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import following
from .following_forms import SubscriptionForm


@login_required
def following_page(request):
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            following.subscribe(
                user=request.user,
                municipality=form.cleaned_data["municipality"],
                section=form.cleaned_data["section"],
                frequency=form.cleaned_data["frequency"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("You follow it now."))
            return redirect("portal:following")
    rows = following.subscription_rows(request.user)
    return render(request, "portal/following/following.html", {"form": form, "rows": rows})


@login_required
@require_POST
def following_remove(request, pk: int):
    if following.unsubscribe(user=request.user, subscription_id=pk):
        messages.success(request, _("You no longer follow it."))
    return redirect("portal:following")


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session; the token is signed
def unsubscribe(request, token: str):
    if request.method == "POST":
        removed = following.unsubscribe_by_token(token)
        status = 400 if removed is None else 200
        return render(
            request,
            "portal/following/unsubscribed.html",
            {"removed": removed, "bad": removed is None},
            status=status,
        )
    return render(request, "portal/following/unsubscribe.html", {"token": token})
