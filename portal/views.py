"""Site-wide pages: home, section landings, profile, health."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from municipalities.selectors import user_memberships

from . import health
from .forms import ProfileForm
from .sections import SECTIONS_BY_KEY


def home(request):
    """What is new across the sections, in a handful of queries (one per list)."""
    from budgets.selectors import latest_budgets
    from participation.selectors import upcoming_events
    from practices.selectors import news_list
    from practices.selectors import practice_list

    return render(
        request,
        "portal/home.html",
        {
            "upcoming_events": upcoming_events(limit=5),
            "latest_news": list(news_list()[:5]),
            "latest_budgets": latest_budgets(limit=5),
            "latest_practices": list(practice_list()[:3]),
        },
    )


def section_landing(request, key: str, extra_context: dict | None = None):
    """A section's landing page: its definition from the seed, then what it holds."""
    section = SECTIONS_BY_KEY.get(key)
    if section is None:
        raise Http404
    try:
        template = select_template([f"{key}/landing.html", "portal/section_landing.html"])
    except TemplateDoesNotExist:  # pragma: no cover - the fallback always exists
        raise Http404 from None
    context = {"section": section, **(extra_context or {})}
    return render(request, template.template.name, context)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # Show the profile in the language just chosen, and remember it for the next visit.
        with translation.override(user.preferred_language):
            messages.success(request, _("Your profile has been saved."))
            response = redirect(reverse("portal:profile"))
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
        )
        return response
    memberships = user_memberships(request.user)
    return render(request, "portal/profile.html", {"form": form, "memberships": memberships})


@transaction.non_atomic_requests
@require_GET
def ping(request):
    """The cheapest page the server can give: the ceiling that benchmarks compare against."""
    return HttpResponse("pong", content_type="text/plain")


@transaction.non_atomic_requests  # must answer even when the database is down
@require_GET
@never_cache
def healthz(request):
    report = health.health_report()
    healthy = all(state == "up" for state in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", **report}, status=200 if healthy else 503
    )
