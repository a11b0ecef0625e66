from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include
from django.urls import path
from django.views.static import serve

from . import following_views
from . import search_views
from . import views

portal_patterns = (
    [
        path("", views.home, name="home"),
        path("profile/", views.profile, name="profile"),
        path("profile/following/", following_views.following_page, name="following"),
        path(
            "profile/following/<int:pk>/remove/",
            following_views.following_remove,
            name="following-remove",
        ),
        path("unsubscribe/<str:token>/", following_views.unsubscribe, name="unsubscribe"),
        path("search/", search_views.search_page, name="search"),
    ],
    "portal",
)

# The database away is a 503 with Retry-After even outside a view (portal/outage.py); a rate
# limit answers our own 429 page in the visitor's language (portal/ratelimit.py).
handler500 = "portal.outage.server_error"
handler429 = "portal.ratelimit.too_many_requests"  # looked up by allauth's rate limits

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include(portal_patterns)),
    path("accounts/", include("allauth.urls")),
    path("reports/", include("portal.reports.urls")),
    path("municipalities/", include("municipalities.urls")),
    path("participation/", include("participation.urls")),
    path("events/", include("participation.urls_events")),
    path("budgets/", include("budgets.urls")),
    # Citizens' questions are their own app, under the information exchange section's address.
    path("information/questions/", include("practices.questions.urls")),
    path("information/", include("practices.urls_information")),
    path("practices/", include("practices.urls")),
    path("stories/", include("practices.urls_stories")),
    path("law-making/", include("participation.lawmaking.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("moderation/", include("portal.moderation.urls")),
    path("history/", include("portal.history.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
