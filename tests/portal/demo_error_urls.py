"""The portal's addresses plus one that fails, for tests/portal/test_demo_error_pages.py."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

handler500 = "portal.outage.server_error"


def boom(request):
    raise RuntimeError("demo-error-test")


urlpatterns = [path("demo-error-test/boom/", boom), *portal_urlpatterns]
