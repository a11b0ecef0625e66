from django.urls import path

from portal.views import section_landing

app_name = "budgets"
urlpatterns = [
    path("", section_landing, {"key": "budgets"}, name="landing"),
]
