"""A worker killed in the middle of a render: the task is delivered again, one file results;
a worker killed on every attempt leaves the report failed after REPORT_MAX_ATTEMPTS."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app
from portal.models import Report
from portal.reports import services

KIND = "municipality-profile"


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(line) for line in out.stdout.split()]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def start_worker(queue: str, **env_vars: str) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        **env_vars,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork",
         "--concurrency=1", "-Q", queue, "--without-gossip", "--without-mingle",
         "--without-heartbeat", "--loglevel=INFO"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


@pytest.mark.django_db(transaction=True)
def test_killed_worker_leads_to_a_rerender_and_exactly_one_file(
    municipality_factory, tmp_path
):
    unit = municipality_factory(name_ky="Кара-Көл шаары")
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    queue = f"test-lost-{uuid.uuid4().hex}"
    media = tmp_path / "worker-media"
    marker = tmp_path / "task-in-hand"
    worker = start_worker(
        queue,
        MEDIA_ROOT=str(media),
        PORTAL_TEST_PAUSE_FIRST_DELIVERY="30",
        PORTAL_TEST_PAUSE_MARKER=str(marker),
    )
    try:
        wait_for(lambda: children_of(worker.pid), 60, "the worker's child process")
        app.send_task(
            "portal.report_render", kwargs={"report_id": report.pk}, queue=queue
        )
        wait_for(marker.exists, 60, "the worker to take the task")
        for child in children_of(worker.pid):  # the pool process holding the task dies
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        wait_for(
            lambda: Report.objects.filter(pk=report.pk, status="ready").exists(),
            120,
            "the re-delivered task to finish",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    files = list((Path(media) / "reports" / KIND).iterdir())
    assert len(files) == 1
    assert files[0].read_bytes().startswith(b"%PDF")



@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_on_every_attempt_ends_failed_with_a_message(
    municipality_factory, tmp_path
):
    """The poison report: SIGKILL the pool process at every render. Each delivery counts an
    attempt before rendering; after REPORT_MAX_ATTEMPTS the next delivery renders nothing and
    marks the report failed, instead of being rendered again forever."""
    assert settings.REPORT_MAX_ATTEMPTS == 3
    unit = municipality_factory(name_ky="Талас шаары")
    report, _ = services.report_request(kind=KIND, object_id=unit.pk, language="ky")
    queue = f"test-poison-{uuid.uuid4().hex}"
    marker = tmp_path / "render-begun"
    worker = start_worker(
        queue,
        MEDIA_ROOT=str(tmp_path / "worker-media"),
        PORTAL_TEST_SLOW_RENDER="60",
        PORTAL_TEST_PAUSE_MARKER=str(marker),
    )

    def failed() -> bool:
        return Report.objects.filter(pk=report.pk, status="failed").exists()

    kills = 0
    try:
        wait_for(lambda: children_of(worker.pid), 60, "the worker's child process")
        app.send_task("portal.report_render", kwargs={"report_id": report.pk}, queue=queue)
        while not failed():
            wait_for(lambda: marker.exists() or failed(), 90, "the next attempt or the end")
            if failed():
                break
            marker.unlink()
            attempts = Report.objects.get(pk=report.pk).attempts
            assert attempts == kills + 1  # counted before the render began
            for child in children_of(worker.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
            kills += 1
            assert kills <= 3, "rendered again past the attempt limit"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    report.refresh_from_db()
    assert kills == 3
    assert report.attempts == 3
    assert report.status == Report.Status.FAILED
    assert "gave up after 3 attempts" in report.error
    assert not report.file
