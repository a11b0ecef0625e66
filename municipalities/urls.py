from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("<slug:slug>/", views.detail, name="detail"),
]
