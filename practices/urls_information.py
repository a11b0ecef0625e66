"""The information exchange section: news and announcements, and the document library."""

from django.urls import path

from . import views

app_name = "information"
N = {"kind": "news"}
D = {"kind": "document"}
urlpatterns = [
    path("", views.information_landing, name="landing"),
    path("news/", views.news_list, name="news"),
    path("news/new/", views.edit, N, name="news-create"),
    path("news/<int:pk>/", views.news_detail, name="news-detail"),
    path("news/<int:pk>/edit/", views.edit, N, name="news-update"),
    path("news/<int:pk>/submit/", views.submit, N, name="news-submit"),
    path("news/<int:pk>/review/", views.review, N, name="news-review"),
    path("news/<int:pk>/unpublish/", views.unpublish, N, name="news-unpublish"),
    path("documents/", views.document_list, name="documents"),
    path("documents/new/", views.edit, D, name="document-create"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("documents/<int:pk>/edit/", views.edit, D, name="document-update"),
    path("documents/<int:pk>/submit/", views.submit, D, name="document-submit"),
    path("documents/<int:pk>/review/", views.review, D, name="document-review"),
    path("documents/<int:pk>/unpublish/", views.unpublish, D, name="document-unpublish"),
]
