"""URL modules for sections whose content arrives with later issues (landing page only)."""

from django.urls import path

from . import views


def landing_only(key: str):
    return ([path("", views.section_landing, {"key": key}, name="landing")], key)
