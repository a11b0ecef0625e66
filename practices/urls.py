from django.urls import path

from portal.views import section_landing

app_name = "practices"
urlpatterns = [
    path("", section_landing, {"key": "practices"}, name="landing"),
]
