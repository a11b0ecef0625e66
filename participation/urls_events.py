from django.urls import path

from portal.views import section_landing

app_name = "events"
urlpatterns = [
    path("", section_landing, {"key": "events"}, name="landing"),
]
