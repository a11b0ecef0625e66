from django.urls import path

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
    path("unfollow/<str:token>/", views.unfollow, name="unfollow"),
]
