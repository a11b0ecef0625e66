"""Citizens' questions, under /information/questions/ (the information exchange section)."""

from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.question_ask, name="ask"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("<int:pk>/answer/", views.question_answer, name="answer"),
    path("<int:pk>/flag/", views.question_flag, name="flag"),
    path("<int:pk>/hide/", views.question_hide, name="hide"),
    path("<int:pk>/dismiss/", views.question_dismiss, name="dismiss"),
]
