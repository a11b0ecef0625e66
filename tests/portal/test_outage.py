"""The database away: 503 with Retry-After and our page, never a 500; then normal service."""

import threading
import time
import urllib.error
import urllib.request

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError
from django.db import connection
from django.test import RequestFactory
from django.test import override_settings
from django.utils import translation

from portal import outage


@pytest.fixture(scope="module", autouse=True)
def _put_back_migration_rows(django_db_setup, django_db_blocker):
    """The transactional tests here end with a flush, which removes the rows data migrations
    created; put them back once this module is done (module scope: after the last flush)."""
    yield
    from participation.defaults import load_defaults
    from participation.lawmaking.models import LawmakingSettings
    from participation.models import BalanceGroup
    from participation.models import ReferenceShare

    with django_db_blocker.unblock():
        LawmakingSettings.objects.get_or_create(pk=1)
        if not BalanceGroup.objects.exists():
            load_defaults(BalanceGroup, ReferenceShare)


def fetch(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def dsn() -> str:
    params = connection.get_connection_params()
    return (
        f"host={params.get('host', '127.0.0.1')} port={params.get('port', 5432)} "
        f"user={params['user']} dbname={connection.settings_dict['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF="tests.portal.outage_urls")
def test_connections_killed_under_concurrent_requests_answer_503_then_pages_work(live_server):
    results: list[tuple[int, dict, str]] = []
    others: list[int] = []

    def slow():
        results.append(fetch(f"{live_server.url}/outage-test/slow/"))

    def ordinary():
        for _ in range(5):
            others.append(fetch(f"{live_server.url}/ru/municipalities/")[0])

    threads = [threading.Thread(target=slow) for _ in range(4)]
    threads += [threading.Thread(target=ordinary) for _ in range(2)]
    for thread in threads:
        thread.start()
    with psycopg.connect(dsn(), autocommit=True) as admin:
        deadline = time.monotonic() + 20
        killed = 0
        while time.monotonic() < deadline and killed < 4:
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND query LIKE %s AND query NOT LIKE %s",
                ("%outage-test%", "%pg_stat_activity%"),
            ).fetchall()
            killed += len(rows)
            time.sleep(0.05)
    for thread in threads:
        thread.join(timeout=40)
    assert killed == 4
    assert [status for status, _h, _b in results] == [503] * 4
    for _status, headers, body in results:
        assert headers["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
        assert "Портал убактылуу иштебей турат" in body  # our page, in the visitor's language
    assert set(others) <= {200, 503}  # never a 500
    # The same server answers normally right after.
    for path in ("/ky/", "/ru/municipalities/", "/ky/events/"):
        assert fetch(f"{live_server.url}{path}")[0] == 200


def serve(path: str) -> int:
    """One request through Django's WSGI handler in this thread, as a worker serves it.

    (The test client disconnects the request_started/finished connection handling, which is
    what is tested here.)
    """
    statuses = []
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    response.close()
    return int(statuses[0].split()[0])


@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF="tests.portal.outage_urls")
@pytest.mark.parametrize("path", ["/ky/municipalities/", "/outage-test/quick/"])
def test_a_worker_replaces_a_connection_killed_while_idle(path):
    """PostgreSQL restarted between two requests: the kept connection is dead; no error,
    also when the first query of the next request runs inside its transaction."""
    assert serve(path) == 200
    pid = connection.connection.info.backend_pid
    with psycopg.connect(dsn(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert serve(path) == 200
    assert connection.connection.info.backend_pid != pid


@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF="tests.portal.outage_urls")
def test_a_worker_whose_connection_is_killed_mid_request_answers_503_then_serves(settings):
    killer = threading.Timer(1.0, lambda: _kill_outage_queries())
    killer.start()
    assert serve("/outage-test/slow/") == 503
    killer.join()
    assert serve("/ky/municipalities/") == 200


def _kill_outage_queries() -> None:
    with psycopg.connect(dsn(), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND query LIKE %s AND query NOT LIKE %s",
            ("%outage-test%", "%pg_stat_activity%"),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [("ky", "Портал убактылуу иштебей турат"), ("ru", "Портал ненадолго недоступен")],
)
def test_a_view_failing_on_the_database_answers_503_in_the_visitors_language(
    client, monkeypatch, lang, words
):
    from municipalities import views

    def away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "directory", away, raising=False)
    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", away)
    response = client.get(f"/{lang}/municipalities/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert words in response.content.decode()


@pytest.mark.django_db
def test_a_database_error_outside_the_view_is_a_503_too(client, monkeypatch):
    def away(self, request, response):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response", away
    )
    client.raise_request_exception = False
    response = client.get("/ru/")
    assert response.status_code == 503
    assert "Портал ненадолго недоступен" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_stay_500(client, monkeypatch):
    def broken(self, request, response):
        raise RuntimeError("a bug")

    monkeypatch.setattr(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response", broken
    )
    client.raise_request_exception = False
    assert client.get("/ru/").status_code == 500


def test_the_503_page_renders_without_the_database(django_db_blocker):
    for lang in ("ky", "ru"):
        with translation.override(lang), django_db_blocker.block():
            response = outage.database_unavailable()
        assert response.status_code == 503
        assert f'lang="{lang}"' in response.content.decode()
        assert "{%" not in response.content.decode()


def test_the_cause_chain_is_followed():
    wrapped = RuntimeError("wrapped")
    wrapped.__cause__ = OperationalError("away")
    assert outage.is_database_outage(wrapped)
    assert not outage.is_database_outage(ValueError("x"))
