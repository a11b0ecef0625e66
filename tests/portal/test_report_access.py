"""Reports leak nothing and cannot be abused (issue 15, points 1, 3 and 6).

Addresses cannot be guessed, a report of withdrawn content is gone (page and file), the
request needs a CSRF token and is throttled, the content key needs no rendering, and a report
is rendered at most REPORT_MAX_ATTEMPTS times in all; a render stuck "running" is taken over.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.models import Report
from portal.reports import registry
from portal.reports import services
from portal.tasks import report_render_task
from portal.tasks import reports_sweep_task
from practices import services as practice_services
from tests.municipalities.factories import BodyFactory
from tests.municipalities.factories import MemberFactory
from tests.practices.factories import PracticeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_at_once")]

KIND = "municipality-profile"


@pytest.fixture
def unit(municipality_factory):
    return municipality_factory(name_ky="Өзгөн шаары", name_ru="г. Узген", slug="ozgon")


@pytest.fixture
def no_queue(monkeypatch):
    """Ask without rendering: the report stays queued."""
    monkeypatch.setattr(services, "report_enqueue", lambda report: None)


def ready_report(kind, object_id, language="ky"):
    report, _ = services.report_request(kind=kind, object_id=object_id, language=language)
    return services.report_render(report_id=report.pk)


# --- addresses ------------------------------------------------------------------------------


def test_addresses_carry_a_random_token_not_the_id(client, unit):
    report = ready_report(KIND, unit.pk)
    other = ready_report(KIND, unit.pk, language="ru")
    assert len(report.token) >= 43
    assert report.token != other.token
    status_url = reverse("reports:status", kwargs={"token": report.token})
    assert str(report.pk) not in status_url.replace(report.token, "")
    assert client.get(status_url).status_code == 200
    download_url = reverse("reports:download", kwargs={"token": report.token})
    assert client.get(download_url).status_code == 200


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_guessed_or_enumerated_addresses_are_404(client, unit, language):
    report = ready_report(KIND, unit.pk)
    guesses = [
        f"/{language}/reports/{report.pk}/",  # the old addresses
        f"/{language}/reports/{report.pk}/download/",
        *(f"/{language}/reports/{pk}/download/" for pk in range(1, 5)),
        f"/{language}/reports/{report.token[:-1]}x/",  # one character off
        f"/{language}/reports/{report.token[:-1]}x/download/",
        f"/{language}/reports/{'A' * 43}/download/",
        f"/{language}/reports/{report.token}%00/",
        f"/{language}/reports/{report.content_hash}/",
    ]
    for url in guesses:
        assert client.get(url).status_code == 404, url


# --- withdrawn content ----------------------------------------------------------------------


@pytest.fixture
def site_admin(user_factory):
    return user_factory(is_superuser=True, is_staff=True)


def test_unpublished_practice_report_is_404_and_its_file_removed(client, site_admin):
    practice = PracticeFactory(title_ru="Объединение потребителей воды")
    report = ready_report("practice", practice.pk, language="ru")
    path = Path(report.file.path)
    status_url = reverse("reports:status", kwargs={"token": report.token})
    download_url = reverse("reports:download", kwargs={"token": report.token})
    assert client.get(download_url).status_code == 200
    assert path.exists()

    practice_services.item_unpublish(item=practice, actor=site_admin)

    response = client.get(download_url)
    assert response.status_code == 404
    assert not path.exists()
    assert not Report.objects.filter(pk=report.pk).exists()
    status_page = client.get(status_url)
    assert status_page.status_code == 404
    assert "Объединение" not in status_page.content.decode()
    # Nor can the withdrawn practice be asked for again.
    assert client.post(f"/ru/reports/practice/{practice.pk}/").status_code == 404
    assert client.get(f"/ru/reports/practice/{practice.pk}/").status_code == 404


def test_status_page_of_withdrawn_content_is_404_too(client, site_admin, no_queue):
    practice = PracticeFactory()
    report, _ = services.report_request(kind="practice", object_id=practice.pk, language="ky")
    practice_services.item_unpublish(item=practice, actor=site_admin)
    assert client.get(reverse("reports:status", kwargs={"token": report.token})).status_code == 404
    assert not Report.objects.exists()


def test_sweep_removes_files_of_withdrawn_content_nobody_asks_for(site_admin, unit):
    practice = PracticeFactory()
    withdrawn = ready_report("practice", practice.pk)
    kept = ready_report(KIND, unit.pk)
    withdrawn_file, kept_file = Path(withdrawn.file.path), Path(kept.file.path)
    practice_services.item_unpublish(item=practice, actor=site_admin)

    result = reports_sweep_task.apply().get()

    assert result["withdrawn"] == 1
    assert not withdrawn_file.exists()
    assert kept_file.exists()
    assert list(Report.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_render_of_content_withdrawn_meanwhile_stores_nothing(site_admin, no_queue, settings):
    practice = PracticeFactory()
    report, _ = services.report_request(kind="practice", object_id=practice.pk, language="ky")
    practice_services.item_unpublish(item=practice, actor=site_admin)
    assert services.report_render(report_id=report.pk) is None
    assert not Report.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "reports").exists()


def test_the_beat_schedule_runs_the_sweep(settings):
    assert settings.CELERY_BEAT_SCHEDULE["reports-sweep"]["task"] == "portal.reports_sweep"


# --- the request: confirmation page, CSRF, throttle -----------------------------------------


def test_public_pages_keep_no_token_and_link_to_a_confirmation_page(unit):
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/ky/municipalities/{unit.slug}/").content.decode()
    assert "csrfmiddlewaretoken" not in page  # the page stays cacheable
    assert f'<form method="get" action="/ky/reports/{KIND}/{unit.pk}/"' in page
    confirm = client.get(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ru"})
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "no-store" in confirm["Cache-Control"] or "no-cache" in confirm["Cache-Control"]
    assert 'method="post"' in html
    assert "csrfmiddlewaretoken" in html
    assert '<option value="ru" selected>' in html
    assert "Өзгөн шаары" in html


def test_the_confirmation_form_asks_and_redirects_to_the_status_page(unit):
    """Without JavaScript: GET the button's form, POST the confirmation with its token."""
    client = Client(enforce_csrf_checks=True)
    html = client.get(f"/ru/reports/{KIND}/{unit.pk}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        f"/ru/reports/{KIND}/{unit.pk}/", {"language": "ru", "csrfmiddlewaretoken": token}
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ru/reports/{report.token}/"
    assert report.language == "ru"
    assert report.status == Report.Status.READY


def test_asking_without_a_csrf_token_is_refused(unit):
    client = Client(enforce_csrf_checks=True)
    client.get(f"/ky/reports/{KIND}/{unit.pk}/")  # has the cookie, not the token
    response = client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
    assert response.status_code == 403
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("language", "words"), [("ky", "Суроо-талаптар өтө көп"), ("ru", "Слишком много запросов")]
)
def test_too_many_requests_from_one_visitor_get_429_in_their_language(
    client, unit, settings, no_queue, user_factory, language, words
):
    settings.REPORT_RATE_VISITOR = (3, 600)
    for _ in range(3):
        response = client.post(f"/{language}/reports/{KIND}/{unit.pk}/", {"language": language})
        assert response.status_code == 302
    response = client.post(f"/{language}/reports/{KIND}/{unit.pk}/", {"language": language})
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert words in html
    assert "Too many" not in html
    # Another visitor (a signed-in one) is not held back by this one's count.
    other = Client()
    other.force_login(user_factory())
    assert other.post(f"/{language}/reports/{KIND}/{unit.pk}/").status_code == 302


def test_one_address_is_throttled_across_visitors(unit, settings, no_queue, user_factory):
    settings.REPORT_RATE_VISITOR = (100, 600)
    settings.REPORT_RATE_ADDRESS = (4, 600)
    codes = []
    for _ in range(5):
        visitor = Client()
        visitor.force_login(user_factory())
        codes.append(visitor.post(f"/ru/reports/{KIND}/{unit.pk}/").status_code)
    assert codes == [302, 302, 302, 302, 429]


# --- the content key ------------------------------------------------------------------------


def test_content_key_renders_nothing_and_follows_the_content(unit, monkeypatch):
    report_type = registry.get(KIND)

    def no_rendering(*args, **kwargs):
        raise AssertionError("the request must not render the report")

    monkeypatch.setattr(services, "render_report_html", no_rendering)
    monkeypatch.setattr(services, "render_to_string", no_rendering)
    key = services.content_key(report_type, report_type.load(unit.pk), language="ky")
    assert key == services.content_key(report_type, report_type.load(unit.pk), language="ky")
    assert key != services.content_key(report_type, report_type.load(unit.pk), language="ru")
    unit.population = (unit.population or 0) + 1
    unit.save()
    assert key != services.content_key(report_type, report_type.load(unit.pk), language="ky")


def test_content_key_follows_the_parts_of_the_object(unit):
    report_type = registry.get(KIND)
    key = services.content_key(report_type, report_type.load(unit.pk), language="ky")
    council = BodyFactory(municipality=unit, kind="council")
    with_council = services.content_key(report_type, report_type.load(unit.pk), language="ky")
    assert with_council != key
    member = MemberFactory(body=council, full_name_ky="Асанова Гүлнара")
    with_member = services.content_key(report_type, report_type.load(unit.pk), language="ky")
    assert with_member != with_council
    member.full_name_ky = "Асанова Гүлнара Маратовна"
    member.save()
    assert services.content_key(
        report_type, report_type.load(unit.pk), language="ky"
    ) != with_member


def test_a_type_may_give_its_own_cheap_content_key(unit):
    import dataclasses

    def no_context(obj):
        raise AssertionError("a type with its own key needs no context")

    custom = dataclasses.replace(
        registry.get(KIND),
        context=no_context,
        content_key=lambda obj: f"{obj.pk}:{obj.modified.isoformat()}",
    )
    key = services.content_key(custom, custom.load(unit.pk), language="ky")
    assert key == services.content_key(custom, custom.load(unit.pk), language="ky")
    unit.save()
    assert key != services.content_key(custom, custom.load(unit.pk), language="ky")


def test_unchanged_content_reuses_the_stored_file(client, unit):
    first = client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
    report = Report.objects.get()
    modified = Path(report.file.path).stat().st_mtime_ns
    again = client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
    assert first["Location"] == again["Location"]
    assert Report.objects.count() == 1
    assert Path(report.file.path).stat().st_mtime_ns == modified
    report.refresh_from_db()
    assert report.attempts == 1


# --- attempts -------------------------------------------------------------------------------


def test_attempts_are_counted_before_the_work_and_capped(unit, no_queue, settings, monkeypatch):
    settings.REPORT_MAX_ATTEMPTS = 3
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    seen = []

    def dies(html):
        seen.append(Report.objects.get(pk=report.pk).attempts)
        raise MemoryError("the worker would be killed here")

    monkeypatch.setattr(services, "pdf_document", dies)
    for _ in range(3):
        with pytest.raises(MemoryError):
            services.report_render(report_id=report.pk)
    assert seen == [1, 2, 3]  # each attempt was in the database before the work
    services.report_render(report_id=report.pk)  # the fourth delivery renders nothing
    assert seen == [1, 2, 3]
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.attempts == 3
    assert "gave up after 3 attempts" in report.error


def test_a_task_that_keeps_failing_stops_at_the_attempt_limit(unit, no_queue, monkeypatch):
    from portal.celery import app

    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    calls = []

    def broken(html):
        calls.append(1)
        raise OSError("font cache corrupt")

    monkeypatch.setattr(services, "pdf_document", broken)
    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    try:
        assert report_render_task.apply(kwargs={"report_id": report.pk}).get() == "failed"
    finally:
        app.conf.task_eager_propagates = previous
    report.refresh_from_db()
    assert len(calls) == 3
    assert report.status == Report.Status.FAILED
    assert "font cache corrupt" in report.error


def test_a_failed_report_is_not_queued_again_by_every_post(client, unit, settings, monkeypatch):
    settings.REPORT_RETRY_AFTER = 600
    queued = []
    monkeypatch.setattr(services, "report_enqueue", lambda report: queued.append(report.pk))
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.FAILED, attempts=1, finished=timezone.now(), error="too long"
    )
    for _ in range(5):
        response = client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
        assert response.status_code == 302
    assert queued == []  # within the cool-down
    page = client.get(response["Location"]).content.decode()
    assert "Кайра суроо" not in page  # no "ask again" link yet

    Report.objects.filter(pk=report.pk).update(
        finished=timezone.now() - datetime.timedelta(seconds=601)
    )
    assert "Кайра суроо" in client.get(response["Location"]).content.decode()
    client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
    assert queued == [report.pk]  # after the cool-down, once
    report.refresh_from_db()
    assert report.attempts == 1  # never reset

    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.FAILED, attempts=3, finished=timezone.now() - datetime.timedelta(1)
    )
    client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
    assert queued == [report.pk]  # attempts used up: never again
    page = client.get(response["Location"]).content.decode()
    assert "администраторлоруна" in page


# --- stuck renders --------------------------------------------------------------------------


def _stuck(report, attempts):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, attempts=attempts, started=long_ago
    )


def test_a_request_takes_over_a_render_stuck_running(client, unit, monkeypatch):
    queued = []
    monkeypatch.setattr(services, "report_enqueue", lambda report: queued.append(report.pk))
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, attempts=1, started=timezone.now()
    )
    client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
    assert queued == []  # still within the time limit: someone is rendering it
    _stuck(report, attempts=1)
    client.post(f"/ky/reports/{KIND}/{unit.pk}/", {"language": "ky"})
    assert queued == [report.pk]
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED


def test_the_sweep_requeues_stuck_renders_within_the_attempt_limit(unit, municipality_factory):
    other = municipality_factory()
    retried, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    exhausted, _ = services.report_request(kind=KIND, object_id=other.pk, language="ky")
    services.report_render(report_id=retried.pk)  # eager: sets it ready; make both stuck
    _stuck(retried, attempts=1)
    _stuck(exhausted, attempts=3)

    result = services.reports_sweep()

    assert (result.requeued, result.failed) == (1, 1)
    retried.refresh_from_db()
    exhausted.refresh_from_db()
    assert retried.status == Report.Status.READY  # re-queued, rendered (eager) once more
    assert retried.attempts == 2
    assert exhausted.status == Report.Status.FAILED
    assert "gave up after 3 attempts" in exhausted.error
