from django.urls import path

from portal.views import section_landing

app_name = "monitoring"
urlpatterns = [
    path("", section_landing, {"key": "monitoring"}, name="landing"),
]
