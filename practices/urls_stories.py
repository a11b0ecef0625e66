from django.urls import path

from . import views

app_name = "stories"
K = {"kind": "story"}
urlpatterns = [
    path("", views.story_landing, name="landing"),
    path("new/", views.edit, K, name="create"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/edit/", views.edit, K, name="update"),
    path("<int:pk>/submit/", views.submit, K, name="submit"),
    path("<int:pk>/review/", views.review, K, name="review"),
    path("<int:pk>/unpublish/", views.unpublish, K, name="unpublish"),
    path("<int:pk>/photos/add/", views.add_file, {**K, "what": "photo"}, name="photo-add"),
]
