"""The transactional outbox (portal/outbox.py): nothing lost when Redis or the mail server is
away, and no request waits on them. The fault tests start real services and stop them."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from portal import outbox
from portal.celery import app
from portal.models import OutboxMessage
from portal.models import Report
from portal.tasks import ping
from tests.fault_servers import PrivateRedis
from tests.fault_servers import TinySMTP
from tests.fault_servers import free_port


@pytest.fixture
def not_eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = previous


def refuse(*args, **kwargs):
    raise ConnectionError("redis is away")


@pytest.mark.django_db
def test_a_row_is_written_now_and_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = outbox.enqueue(ping, value="ө ү ң")
    assert OutboxMessage.objects.get().task == "portal.ping"
    assert message.sent_at is None
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 1
    assert message.kwargs == {"value": "ө ү ң"}


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_no_row_and_sends_nothing(monkeypatch):
    sent = []
    monkeypatch.setattr(ping, "apply_async", lambda kwargs, **opts: sent.append(kwargs))

    def queue_then_fail():
        with transaction.atomic():
            outbox.enqueue(ping, value="x")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        queue_then_fail()
    assert sent == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_what_json_cannot_carry_is_refused_in_the_caller():
    with pytest.raises(TypeError):
        outbox.enqueue(ping, value=object())


@pytest.mark.django_db
@pytest.mark.usefixtures("commits_at_once")
def test_a_refused_row_stays_unsent_and_the_dispatcher_sends_oldest_first(monkeypatch):
    monkeypatch.setattr(ping, "apply_async", refuse)
    first = outbox.enqueue(ping, value="1")
    second = outbox.enqueue(ping, value="2")
    assert outbox.unsent_count() == 2
    first.refresh_from_db()
    assert first.attempts == 1
    assert "redis is away" in first.last_error
    # Still away: the dispatcher stops at the first refusal, the rest waits.
    assert outbox.dispatch() == {"sent": 0, "failed": 1, "deleted": 0}
    sent = []
    monkeypatch.setattr(ping, "apply_async", lambda kwargs, **opts: sent.append(kwargs))
    assert outbox.dispatch()["sent"] == 2
    assert sent == [{"value": "1"}, {"value": "2"}]
    second.refresh_from_db()
    assert second.sent_at is not None
    assert outbox.dispatch()["sent"] == 0  # a sent row is never sent again


@pytest.mark.django_db
@pytest.mark.usefixtures("commits_at_once")
def test_after_a_refusal_new_rows_wait_for_the_dispatcher(monkeypatch, not_eager):
    """A request queuing many tasks waits on an unreachable broker once, not once per task."""
    calls = []

    def refuse_and_count(*args, **kwargs):
        calls.append(1)
        raise ConnectionError("redis is away")

    monkeypatch.setattr(ping, "apply_async", refuse_and_count)
    for value in "123":
        outbox.enqueue(ping, value=value)
    assert len(calls) == 1
    assert outbox.unsent_count() == 3
    monkeypatch.setattr(ping, "apply_async", lambda kwargs, **opts: None)
    assert outbox.dispatch()["sent"] == 3  # the dispatcher does not pause


@pytest.mark.django_db
def test_old_sent_rows_are_deleted_unsent_ones_kept(settings):
    settings.OUTBOX_KEEP_DAYS = 0
    sent = OutboxMessage.objects.create(task="portal.ping", sent_at="2020-01-01T00:00Z")
    unsent = OutboxMessage.objects.create(task="portal.ping")
    OutboxMessage.objects.filter(pk=unsent.pk).update(created="2020-01-01T00:00Z")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ping, "apply_async", refuse)
        assert outbox.dispatch()["deleted"] == 1
    assert not OutboxMessage.objects.filter(pk=sent.pk).exists()
    assert OutboxMessage.objects.filter(pk=unsent.pk).exists()


@pytest.mark.django_db
def test_the_command_and_beat_dispatch(monkeypatch, capsys, settings):
    row = OutboxMessage.objects.create(task="portal.ping", kwargs={"value": "x"})
    call_command("outbox_dispatch")
    assert "1 sent, 0 unsent" in capsys.readouterr().out
    row.refresh_from_db()
    assert row.sent_at is not None
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-dispatch"]
    assert entry["task"] == "portal.outbox_dispatch"
    assert str(entry["schedule"].minute) == str(set(range(60)))


def test_no_request_may_wait_on_the_broker_or_the_mail_server(settings):
    assert app.conf.task_publish_retry is False
    assert app.conf.broker_connection_timeout <= 1
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 1
    assert app.conf.broker_transport_options["socket_timeout"] <= 1
    assert app.conf.broker_transport_options["max_retries"] == 0
    assert 0 < settings.EMAIL_TIMEOUT <= 30


# --- the services queue through the outbox ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("commits_at_once")
def test_account_mails_go_through_the_outbox_and_read_the_same(client, user, monkeypatch):
    from portal.tasks import send_mail_task

    original = send_mail_task.apply_async
    monkeypatch.setattr(send_mail_task, "apply_async", refuse)
    known = client.post("/ru/accounts/password/reset/", {"email": user.email})
    unknown = client.post("/ru/accounts/password/reset/", {"email": "nobody@example.kg"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert mail.outbox == []
    rows = list(OutboxMessage.objects.filter(task="portal.send_mail"))
    assert {tuple(row.kwargs["to"]) for row in rows} == {(user.email,), ("nobody@example.kg",)}
    monkeypatch.setattr(send_mail_task, "apply_async", original)
    assert outbox.dispatch()["sent"] == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([user.email, "nobody@example.kg"])
    reset = next(m for m in mail.outbox if m.to == [user.email])
    assert "/accounts/password/reset/key/" in reset.body


# --- fault tests against real services ------------------------------------------------------


@pytest.fixture
def private_broker():
    """Celery pointed at a Redis of its own, started and stopped by the test."""
    redis = PrivateRedis()
    redis.start()
    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool)
    app.conf.broker_url = redis.url
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    yield redis
    redis.stop()
    app.conf.broker_url, app.conf.task_always_eager = saved[0], saved[1]
    app._pool, app.amqp._producer_pool = saved[2], saved[3]


def _queued_in(redis: PrivateRedis) -> int:
    import redis as redis_client

    return redis_client.Redis.from_url(redis.url).llen("celery")


@pytest.mark.django_db(transaction=True)
def test_redis_stopped_then_started_empty_loses_no_task(
    private_broker, client, municipality_factory
):
    unit = municipality_factory(name_ky="Өзгөн шаары", name_ru="г. Узген", slug="ozgon")
    private_broker.stop()
    started = time.monotonic()
    response = client.post(f"/ru/reports/municipality-profile/{unit.pk}/", {"language": "ru"})
    assert time.monotonic() - started < 2
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED
    message = OutboxMessage.objects.get(task="portal.report_render")
    assert message.sent_at is None
    assert "Connection refused" in message.last_error

    private_broker.start()  # empty: whatever it held is gone
    assert _queued_in(private_broker) == 0
    assert outbox.dispatch()["sent"] == 1
    assert _queued_in(private_broker) == 1
    with start_worker(app, pool="solo", perform_ping_check=False):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            report.refresh_from_db()
            if report.status == Report.Status.READY:
                break
            time.sleep(0.2)
    assert report.status == Report.Status.READY
    message.refresh_from_db()
    assert message.sent_at is not None


@pytest.mark.django_db(transaction=True)
def test_redis_away_hiding_a_comment_answers_fast(private_broker, client, user_factory):
    from django.urls import reverse

    from tests.participation.factories import CommentFactory
    from tests.participation.factories import EventFactory

    moderator = user_factory(is_moderator=True, display_name="Модератор")
    author = user_factory(display_name="Автор", preferred_language="ru")
    comment = CommentFactory(event=EventFactory(), author=author, text="Жарнама")
    url = reverse("moderation:hide", args=["participation.comment", comment.pk])
    private_broker.stop()
    client.force_login(moderator)
    started = time.monotonic()
    response = client.post(url, {"reason": "Спам: жарнама", "next": "/ky/moderation/"})
    assert time.monotonic() - started < 2
    assert response.status_code in (200, 302)
    comment.refresh_from_db()
    assert comment.is_hidden
    message = OutboxMessage.objects.get(task="portal.moderation.tasks.hidden_notice_task")
    assert message.sent_at is None
    private_broker.start()
    assert outbox.dispatch()["sent"] == 1
    assert _queued_in(private_broker) == 1


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_then_up(client, user, settings):
    port = free_port()  # nothing listens: connections are refused
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    timings = []
    for email in (user.email, "nobody@example.kg"):
        started = time.monotonic()
        response = client.post("/ky/accounts/password/reset/", {"email": email}, follow=True)
        timings.append(time.monotonic() - started)
        assert response.status_code == 200
    started = time.monotonic()
    response = client.post(
        "/ky/accounts/signup/",
        {"email": "aigul@example.kg", "password1": "Kyrgyz-Tili-2026",
         "password2": "Kyrgyz-Tili-2026"},
        follow=True,
    )
    timings.append(time.monotonic() - started)
    assert response.status_code == 200
    assert max(timings) < 2
    assert outbox.unsent_count() == 3
    server = TinySMTP(port)
    try:
        assert outbox.dispatch()["sent"] == 3
        assert len(server.messages) == 3
    finally:
        server.stop()
    assert outbox.unsent_count() == 0
