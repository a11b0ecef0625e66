"""The monitoring report as a PDF: published cycles only, with findings and the action plan."""

from datetime import date

import pytest

from monitoring.models import Action
from monitoring.models import Cycle
from monitoring.models import Findings
from portal.reports import services
from tests.helpers import pdf_text
from tests.monitoring.factories import CycleFactory

pytestmark = pytest.mark.django_db



def test_cycle_in_progress_has_no_public_report():
    cycle = CycleFactory()
    with pytest.raises(services.ReportNotAvailableError):
        services.report_request(kind="monitoring-report", object_id=cycle.pk, language="ky")


def test_published_cycle_report_has_findings_response_and_action_plan():
    cycle = CycleFactory(status=Cycle.Status.PUBLISHED)
    Findings.objects.create(
        cycle=cycle, works_well_ky="Суу түтүгү иштейт", recommendations_ky="Көчө жарыгын оңдоо"
    )
    Action.objects.create(
        cycle=cycle,
        text_ky="Чырактарды алмаштыруу",
        responsible_ky="Айыл өкмөтү",
        deadline=date(2026, 9, 1),
    )
    report, _ = services.report_request(
        kind="monitoring-report", object_id=cycle.pk, language="ky"
    )
    text = pdf_text(services.report_render(report_id=report.pk))
    assert "Суу түтүгү иштейт" in text
    assert "Көчө жарыгын оңдоо" in text
    assert "Чырактарды алмаштыруу" in text


def test_published_cycle_pages_offer_the_pdf_and_cycles_in_progress_do_not(client):
    published = CycleFactory(status=Cycle.Status.PUBLISHED)
    in_progress = CycleFactory()
    for path in ("", "scorecard/"):
        html = client.get(f"/ky/monitoring/cycles/{published.pk}/{path}").content.decode()
        assert f"/reports/monitoring-report/{published.pk}/" in html
        html = client.get(f"/ky/monitoring/cycles/{in_progress.pk}/{path}").content.decode()
        assert "/reports/monitoring-report/" not in html
