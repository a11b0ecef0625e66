from django.urls import path

from . import views

app_name = "history"

urlpatterns = [
    path("<slug:app_label>/<slug:model>/<int:pk>/", views.object_history, name="object"),
]
