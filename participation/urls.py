from django.urls import path
from django.views.generic import RedirectView

from portal import following_views
from portal.moderation import views as moderation_views

from . import staff_views
from . import views

app_name = "participation"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("balance/", views.balance, name="balance"),
    path("balance.csv", views.balance_csv, name="balance-csv"),
    path("shares/<slug:slug>/", staff_views.reference_shares_edit, name="shares"),
    # The moderation queue and blocks moved to the moderation core (/moderation/); the old
    # addresses keep working (a form posted to the old block address still blocks).
    path(
        "moderation/",
        RedirectView.as_view(pattern_name="moderation:queue", query_string=True),
        name="moderation",
    ),
    path("moderation/block/<int:user_id>/", moderation_views.user_block, name="block"),
    path("moderation/unblock/<int:user_id>/", moderation_views.user_unblock, name="unblock"),
    path("follow/<slug:slug>/", views.follow_toggle, name="follow"),
    # The unfollow links of e-mails sent before the one following system: served by it.
    path("unfollow/<str:token>/", following_views.unsubscribe, name="unfollow"),
]
