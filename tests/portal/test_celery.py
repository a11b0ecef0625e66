"""Celery: JSON only, late acknowledgement, re-queue on a lost worker, queued after commit."""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from portal import outbox
from portal.celery import app
from portal.tasks import ping


def test_reliability_settings():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit


def test_broker_and_results_use_redis_when_configured(settings):
    assert settings.REDIS_URL.startswith("redis://")
    assert app.conf.broker_url == settings.REDIS_URL


@pytest.mark.django_db
def test_task_is_queued_only_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(ping, "apply_async", lambda kwargs, **opts: sent.append(kwargs))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox.enqueue(ping, value="x")
        assert sent == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [{"value": "x"}]


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_queues_nothing(monkeypatch):
    from django.db import transaction

    sent = []
    monkeypatch.setattr(ping, "apply_async", lambda kwargs, **opts: sent.append(kwargs))
    def queue_then_fail():
        with transaction.atomic():
            outbox.enqueue(ping, value="x")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        queue_then_fail()
    assert sent == []


@pytest.fixture
def not_eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = previous


@pytest.mark.usefixtures("not_eager")
def test_a_real_worker_runs_a_task_through_redis():
    """Eager mode hides serialisation and delivery; this goes through the real broker."""
    queue = f"test-{uuid.uuid4().hex}"
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
        result = ping.apply_async(kwargs={"value": "саламатсызбы ө ү ң"}, queue=queue)
        assert result.get(timeout=20) == "саламатсызбы ө ү ң"


def test_objects_that_are_not_json_are_refused():
    from kombu.exceptions import EncodeError

    with pytest.raises(EncodeError):
        ping.apply_async(kwargs={"value": object()}, queue="never-consumed", serializer="json")
