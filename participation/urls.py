from django.urls import path

from portal import following_views

from . import views

app_name = "participation"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("balance/", views.balance, name="balance"),
    path("balance.csv", views.balance_csv, name="balance-csv"),
    path("shares/<slug:slug>/", views.reference_shares_edit, name="shares"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/block/<int:user_id>/", views.user_block, name="block"),
    path("moderation/unblock/<int:user_id>/", views.user_unblock, name="unblock"),
    path("follow/<slug:slug>/", views.follow_toggle, name="follow"),
    # The unfollow links of e-mails sent before the one following system: served by it.
    path("unfollow/<str:token>/", following_views.unsubscribe, name="unfollow"),
]
