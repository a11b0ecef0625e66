"""The PDF report pipeline: request, cache reuse, failures, the safe fetcher, a real worker."""

import uuid
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from portal import outbox
from portal.celery import app
from portal.models import OutboxMessage
from portal.models import Report
from portal.reports import services
from portal.reports.fetcher import RefusedResourceError
from portal.reports.fetcher import SafeURLFetcher
from portal.tasks import report_render_task
from tests.helpers import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_at_once")]

KIND = "municipality-profile"



@pytest.fixture
def unit(municipality_factory):
    return municipality_factory(name_ky="Өзгөн шаары", name_ru="г. Узген", slug="ozgon")


def ask(client, unit, language="ky"):
    """Ask from a page in the same language as the report."""
    return client.post(
        f"/{language}/reports/{KIND}/{unit.pk}/" if language in ("ky", "ru") else
        reverse("reports:create", kwargs={"kind": KIND, "object_id": unit.pk}),
        {"language": language},
    )


def test_asking_renders_and_offers_the_download(client, unit):
    response = ask(client, unit)
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:status", kwargs={"token": report.token})
    assert report.status == Report.Status.READY  # eager Celery in unit tests
    status_page = client.get(response["Location"]).content.decode()
    assert reverse("reports:download", kwargs={"token": report.token}) in status_page
    download = client.get(reverse("reports:download", kwargs={"token": report.token}))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_pdf_has_kyrgyz_letters_page_numbers_date_and_address(client, unit):
    ask(client, unit)
    text = pdf_text(Report.objects.get())
    assert "Өзгөн шаары" in text
    assert "/ky/municipalities/ozgon/" in text
    assert "1 / 1" in text
    assert "2026" in text or "20" in text  # the report's date in the header


def test_reader_chooses_the_language(client, unit):
    ask(client, unit, language="ru")
    report = Report.objects.get()
    assert report.language == "ru"
    assert "г. Узген" in pdf_text(report)


def test_unchanged_content_is_served_from_the_stored_file(client, unit, monkeypatch):
    ask(client, unit)
    calls = []
    monkeypatch.setattr(services, "report_enqueue", lambda report: calls.append(report))
    ask(client, unit)
    ask(client, unit)
    assert Report.objects.count() == 1
    assert calls == []


def test_changed_content_makes_a_new_report(client, unit):
    ask(client, unit)
    unit.name_ky = "Өзгөн шаары (жаңы)"
    unit.save()
    ask(client, unit)
    assert Report.objects.count() == 2
    assert "(жаңы)" in pdf_text(Report.objects.latest("pk"))


def test_repeated_clicks_while_pending_queue_nothing_more(unit, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "report_enqueue", lambda report: calls.append(report))
    first, must_queue = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    second, again = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    assert (must_queue, again) == (True, False)
    assert first.pk == second.pk


def test_unknown_type_object_or_language_is_404(client, unit):
    assert client.post(f"/ky/reports/no-such/{unit.pk}/").status_code == 404
    assert client.post(f"/ky/reports/{KIND}/999999/").status_code == 404
    assert ask(client, unit, language="en").status_code == 404
    assert client.get(f"/ky/reports/no-such/{unit.pk}/").status_code == 404
    assert client.get(f"/ky/reports/{KIND}/999999/").status_code == 404
    assert client.put(f"/ky/reports/{KIND}/{unit.pk}/").status_code == 405
    assert Report.objects.count() == 0


def test_broker_down_keeps_the_report_queued_for_the_outbox(client, unit, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("redis is away")

    monkeypatch.setattr(report_render_task, "apply_async", unreachable)
    response = ask(client, unit, language="ru")
    report = Report.objects.get()
    assert response.status_code == 302  # the reader is not turned away
    assert report.status == Report.Status.QUEUED
    message = OutboxMessage.objects.get(task="portal.report_render")
    assert message.sent_at is None
    assert "redis is away" in message.last_error
    # Once the queue is back the dispatcher sends it; nobody has to ask again.
    monkeypatch.undo()
    assert outbox.dispatch()["sent"] == 1
    report.refresh_from_db()
    assert report.status == Report.Status.READY


@pytest.fixture
def eager_retries():
    """Let eager apply() run retries in place instead of propagating the Retry."""
    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.mark.usefixtures("eager_retries")
def test_transient_failures_retry_then_fail_for_good_without_looping(unit, monkeypatch):
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    attempts = []

    def flaky(*, report_id):
        attempts.append(report_id)
        raise OSError("disk full")

    monkeypatch.setattr(services, "report_render", flaky)
    # Eager apply() runs each retry at once (without the countdown).
    result = report_render_task.apply(kwargs={"report_id": report.pk})
    assert result.get() == "failed"
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "disk full" in report.error
    assert len(attempts) == 4  # the first try and three retries, then it stops


@pytest.mark.usefixtures("eager_retries")
def test_a_transient_failure_then_success_is_ready(unit, monkeypatch):
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    real_render = services.report_render
    attempts = []

    def once_flaky(*, report_id):
        attempts.append(report_id)
        if len(attempts) == 1:
            raise OSError("storage hiccup")
        return real_render(report_id=report_id)

    monkeypatch.setattr(services, "report_render", once_flaky)
    report_render_task.apply(kwargs={"report_id": report.pk})
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert len(attempts) == 2


def test_rendering_over_the_time_limit_fails_with_a_message(unit, monkeypatch):
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")

    def slow(*, report_id):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(services, "report_render", slow)
    assert report_render_task.apply(kwargs={"report_id": report.pk}).get() == "failed"
    report.refresh_from_db()
    assert report.error == "rendering took too long"


def test_rendering_twice_leaves_exactly_one_file(unit, settings):
    """A worker killed mid-render gets the task again (acks_late); the rerun must not duplicate."""
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    services.report_render(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING)
    services.report_render(report_id=report.pk)
    folder = Path(settings.MEDIA_ROOT) / "reports" / KIND
    assert len(list(folder.iterdir())) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert report.attempts == 2


def test_user_text_is_escaped(client, municipality_factory):
    unit = municipality_factory(name_ky='<img src="file:///etc/passwd"> <b>Айыл</b>')
    ask(client, unit)
    report = Report.objects.get()
    assert report.status == Report.Status.READY
    assert "<b>Айыл</b>" in pdf_text(report)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/logo.png",
        "https://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:8000/ky/profile/",
        "http://127.0.0.1:8000/static/../../../etc/passwd",
        "http://127.0.0.1:8000/static/no-such-file.css",
        "ftp://127.0.0.1:8000/static/css/portal.css",
    ],
)
def test_fetcher_refuses_anything_but_our_own_files(url, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    with pytest.raises((RefusedResourceError, ValueError)):
        SafeURLFetcher().fetch(url)


def test_fetcher_serves_our_static_and_media_files(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    font = SafeURLFetcher().fetch("http://127.0.0.1:8000/static/fonts/DejaVuSans.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    name = default_storage.save("photos/a.png", ContentFile(b"\x89PNG\r\n\x1a\nrest"))
    media = SafeURLFetcher().fetch(f"http://127.0.0.1:8000/media/{name}")
    assert media.content_type == "image/png"


def test_status_page_polls_with_htmx_and_refreshes_without_javascript(client, unit, monkeypatch):
    monkeypatch.setattr(services, "report_enqueue", lambda report: None)
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    url = reverse("reports:status", kwargs={"token": report.token})
    page = client.get(url)
    html = page.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert '<noscript><meta http-equiv="refresh"' in html
    assert "HX-Request" in page["Vary"]
    fragment = client.get(url, headers={"hx-request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="report-state"')
    assert "<html" not in fragment


def test_download_of_a_report_not_ready_is_404(client, unit, monkeypatch):
    monkeypatch.setattr(services, "report_enqueue", lambda report: None)
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    url = reverse("reports:download", kwargs={"token": report.token})
    assert client.get(url).status_code == 404


@pytest.fixture
def real_worker_queue():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    queue = f"test-reports-{uuid.uuid4().hex}"
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
        yield queue
    app.conf.task_always_eager = previous


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_report_through_redis(real_worker_queue, municipality_factory):
    unit = municipality_factory(name_ky="Жаңы-Үлгү-Өрнөк айыл аймагы")
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    result = report_render_task.apply_async(
        kwargs={"report_id": report.pk}, queue=real_worker_queue
    )
    assert result.get(timeout=60) == Report.Status.READY
    report.refresh_from_db()
    text = pdf_text(report)
    for letter in "ңүө":
        assert letter in text


def test_municipality_page_offers_the_profile_report(client, unit):
    html = client.get(f"/ru/municipalities/{unit.slug}/").content.decode()
    assert f'<form method="get" action="/ru/reports/{KIND}/{unit.pk}/"' in html
    assert '<select name="language"' in html
    # The print version has no forms: a plain link to the same confirmation page.
    print_html = client.get(f"/ru/municipalities/{unit.slug}/?print=1").content.decode()
    assert "<form" not in print_html
    assert f'/ru/reports/{KIND}/{unit.pk}/?language=ru"' in print_html


def test_status_page_history_restore_gets_the_whole_page(client, unit, monkeypatch):
    monkeypatch.setattr(services, "report_enqueue", lambda report: None)
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    url = reverse("reports:status", kwargs={"token": report.token})
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    page = client.get(url, headers=headers)
    assert "<html" in page.content.decode()
    assert "HX-History-Restore-Request" in page["Vary"]
