"""Migration portal 0008 on a database holding reports: each gets its own random token.

Runs the real migration forward on rows written through the historical model (no token
column yet), then checks the addresses the pages now use.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from portal.models import Report

BEFORE = [("portal", "0007_fold_kyrgyz_letters")]
AFTER = [("portal", "0008_report_token")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_reports_get_unique_unguessable_tokens(client, municipality_factory):
    unit = municipality_factory()
    old_apps = _migrate(BEFORE)
    try:
        old_report = old_apps.get_model("portal", "Report")
        old = [
            old_report.objects.create(
                kind="municipality-profile", object_id=unit.pk, language=language,
                content_hash=f"{n:064x}", status="queued", title="old",
            )
            for n, language in enumerate(["ky", "ru", "ky"])
        ]
    finally:
        _migrate(AFTER)

    tokens = dict(Report.objects.values_list("pk", "token"))
    assert set(tokens) == {report.pk for report in old}
    assert len(set(tokens.values())) == 3
    assert all(len(token) >= 43 for token in tokens.values())
    assert all(str(pk) != token for pk, token in tokens.items())
    # The old address is gone; the new one answers (the unit is public).
    first = old[0].pk
    assert client.get(f"/ky/reports/{first}/").status_code == 404
    assert client.get(reverse("reports:status", kwargs={"token": tokens[first]})).status_code == 200
    # New rows get a token of their own as before.
    fresh = Report.objects.create(
        kind="municipality-profile", object_id=unit.pk, language="ru", content_hash="f" * 64
    )
    assert fresh.token
    assert fresh.token not in tokens.values()
