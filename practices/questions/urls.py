"""Citizens' questions, under /information/questions/ (the information exchange section)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "questions"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.question_ask, name="ask"),
    # Flagged questions are in the moderation core's one queue now.
    path(
        "moderation/",
        RedirectView.as_view(pattern_name="moderation:queue", query_string=True),
        name="moderation",
    ),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("<int:pk>/answer/", views.question_answer, name="answer"),
    path("<int:pk>/flag/", views.question_flag, name="flag"),
    path("<int:pk>/hide/", views.question_hide, name="hide"),
    path("<int:pk>/dismiss/", views.question_dismiss, name="dismiss"),
]
