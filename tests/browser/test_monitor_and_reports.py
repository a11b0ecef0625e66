"""A monitor files an evaluation in an act (in Kyrgyz and in Russian); anyone opens a print
version and downloads a PDF report from a municipality page."""

from pathlib import Path

import pytest

from monitoring.models import Evaluation
from monitoring.models import MonitoringAct
from tests.browser.conftest import BROWSER
from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.factories import MunicipalityFactory
from tests.monitoring.factories import CycleFactory
from tests.monitoring.factories import GroupMemberFactory
from tests.monitoring.factories import IndicatorFactory
from tests.monitoring.factories import PlanItemFactory

pytestmark = BROWSER


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_monitor_files_an_evaluation_in_an_act(page, live_server, lang):
    member = GroupMemberFactory()
    cycle = CycleFactory(group=member.group)
    indicator = IndicatorFactory(
        name_ky="Суу менен камсыз кылуу", name_ru="Обеспеченность водой"
    )
    PlanItemFactory(cycle=cycle, indicator=indicator)
    login(page, member.user, PASSWORD, lang=lang)

    page.goto(f"/{lang}/monitoring/cycles/{cycle.pk}/")
    page.locator(f"a[href$='/monitoring/cycles/{cycle.pk}/acts/new/']").click()
    page.fill("input[name=title]", "Суу түтүгү")
    page.fill("input[name=place]", "Тепке")
    page.fill("input[name=visited_on]", "2026-04-02")
    page.locator("main form button[type=submit]").last.click()
    act = MonitoringAct.objects.get(cycle=cycle)
    page.wait_for_url(f"**/{lang}/monitoring/acts/{act.pk}/")

    page.locator(f"a[href$='/monitoring/acts/{act.pk}/evaluations/new/']").click()
    page.select_option("select[name=indicator]", str(indicator.pk))
    page.fill("input[name=value]", "4")
    page.fill("textarea[name=evidence]", "Сурамжылоо: 20 киши")
    page.fill("input[name=observed_on]", "2026-04-02")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"**/{lang}/monitoring/acts/{act.pk}/")
    evaluation = Evaluation.objects.get(act=act)
    assert (evaluation.indicator_id, evaluation.value) == (indicator.pk, 4)
    shown = {"ky": "Суу менен камсыз кылуу", "ru": "Обеспеченность водой"}[lang]
    assert shown in page.locator("main").inner_text()

    page.locator(f"form[action$='/monitoring/acts/{act.pk}/submit/'] button").click()
    page.wait_for_url(f"**/{lang}/monitoring/acts/{act.pk}/")
    act.refresh_from_db()
    assert act.status == MonitoringAct.Status.SUBMITTED


def test_print_version_and_pdf_report_of_a_municipality(page, live_server):
    unit = MunicipalityFactory(name_ky="Тепке айыл аймагы", name_ru="Тепкенский айылный аймак")

    # The print version: no navigation, no breadcrumbs, the page's address printed.
    page.goto(f"/ky/municipalities/{unit.slug}/")
    page.locator(".print-link a").click()
    page.wait_for_url("**?print=1")
    assert page.locator("nav").count() == 0
    address = page.locator(".print-address").inner_text()
    assert address == f"{live_server.url}/ky/municipalities/{unit.slug}/"
    assert "Тепке айыл аймагы" in page.locator("h1").inner_text()

    # The PDF, in Russian: ask for it, follow to the status page, download.
    page.goto(f"/ru/municipalities/{unit.slug}/")
    form = page.locator("form.report-request")
    assert form.locator("select[name=language]").input_value() == "ru"
    form.locator("button[type=submit]").click()
    confirm = page.locator("form.report-confirm")  # the page with the CSRF token
    assert confirm.locator("select[name=language]").input_value() == "ru"
    confirm.locator("button[type=submit]").click()
    page.wait_for_url("**/ru/reports/*/")
    link = page.locator("#report-state a[href$='/download/']")
    link.wait_for()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith("-ru.pdf")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 1000
