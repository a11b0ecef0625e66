from django.urls import path

from portal.views import section_landing

app_name = "stories"
urlpatterns = [
    path("", section_landing, {"key": "stories"}, name="landing"),
]
