"""The portal's addresses plus a slow one, for tests/portal/test_outage.py."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

handler500 = "portal.outage.server_error"


def slow(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(5) /* outage-test */")
    return HttpResponse("slept")


def quick(request):
    """Its first query runs inside the request's transaction (ATOMIC_REQUESTS)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("quick")


urlpatterns = [
    path("outage-test/slow/", slow),
    path("outage-test/quick/", quick),
    *portal_urlpatterns,
]
