from django.urls import path

from . import views

app_name = "lawmaking"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("drafts/", views.draft_list, name="list"),
    path("drafts/mine/", views.draft_manage, name="manage"),
    path("drafts/new/", views.draft_create, name="create"),
    path("drafts/<int:pk>/", views.draft_detail, name="detail"),
    path("drafts/<int:pk>/edit/", views.draft_edit, name="edit"),
    path("drafts/<int:pk>/revise/", views.draft_revise, name="revise"),
    path("drafts/<int:pk>/publish/", views.draft_publish, name="publish"),
    path("drafts/<int:pk>/comment/", views.comment_create, name="comment"),
    path("drafts/<int:pk>/summary/", views.draft_summary, name="summary"),
    path("drafts/<int:pk>/adopt/", views.draft_adopt, name="adopt"),
    path("comments/<int:pk>/decide/", views.comment_decide, name="decide"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="hide"),
]
