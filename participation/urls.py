from django.urls import path

from portal.views import section_landing

app_name = "participation"
urlpatterns = [
    path("", section_landing, {"key": "participation"}, name="landing"),
]
