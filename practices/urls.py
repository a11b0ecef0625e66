from django.urls import path

from . import views

app_name = "practices"
K = {"kind": "practice"}
urlpatterns = [
    path("", views.practice_landing, name="landing"),
    path("new/", views.edit, K, name="create"),
    path("desk/", views.desk, name="desk"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.edit, K, name="update"),
    path("<int:pk>/submit/", views.submit, K, name="submit"),
    path("<int:pk>/review/", views.review, K, name="review"),
    path("<int:pk>/unpublish/", views.unpublish, K, name="unpublish"),
    path("<int:pk>/photos/add/", views.add_file, {**K, "what": "photo"}, name="photo-add"),
    path(
        "<int:pk>/attachments/add/",
        views.add_file,
        {**K, "what": "attachment"},
        name="attachment-add",
    ),
    path("files/<slug:kind>/<int:pk>/", views.download, name="file"),
    path("files/<slug:kind>/<int:pk>/delete/", views.remove_file, name="file-delete"),
]
