from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("block/<int:user_id>/", views.user_block, name="block"),
    path("unblock/<int:user_id>/", views.user_unblock, name="unblock"),
    # <kind> is the registered kind, app_label.modelname ("questions.question").
    path("<str:kind>/<int:pk>/flag/", views.flag, name="flag"),
    path("<str:kind>/<int:pk>/hide/", views.hide, name="hide"),
    path("<str:kind>/<int:pk>/restore/", views.restore, name="restore"),
    path("<str:kind>/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
]
