"""Citizens' questions, included by practices.urls_information under "questions/"."""

from django.urls import path

from . import questions_views as views

urlpatterns = [
    path("", views.question_list, name="questions"),
    path("ask/", views.question_ask, name="question-ask"),
    path("moderation/", views.moderation_queue, name="question-moderation"),
    path("<int:pk>/", views.question_detail, name="question-detail"),
    path("<int:pk>/answer/", views.question_answer, name="question-answer"),
    path("<int:pk>/flag/", views.question_flag, name="question-flag"),
    path("<int:pk>/hide/", views.question_hide, name="question-hide"),
    path("<int:pk>/dismiss/", views.question_dismiss, name="question-dismiss"),
]
