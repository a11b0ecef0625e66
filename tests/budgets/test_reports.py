"""The annual budget as a PDF: only once published, with figures, chart and transfers."""


import pytest

from portal.reports import services
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db



def test_unpublished_budget_has_no_report(aa, budget_year_factory):
    budget = budget_year_factory(municipality=aa, year=2026)
    with pytest.raises(services.ReportNotAvailableError):
        services.report_request(kind="budget-year", object_id=budget.pk, language="ky")


def test_published_budget_report_has_totals_lines_and_a_chart(published, transfer_factory):
    transfer_factory(municipality=published.municipality, year=2025, purpose_ru="Выравнивание")
    report, _ = services.report_request(kind="budget-year", object_id=published.pk, language="ru")
    report = services.report_render(report_id=report.pk)
    text = pdf_text(report)
    assert "Строка 1101" in text
    # The revenue plan (revised where revised), with the language's digit grouping.
    assert "10 200 000" in text.replace("\xa0", " ").replace("\u202f", " ")
    assert "Выравнивание" in text
    html = services.render_report_html(
        services.registry.get("budget-year"), published, language="ru"
    )
    assert "<svg" in html


def test_budget_page_offers_the_pdf(client, published):
    url = published.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'/reports/budget-year/{published.pk}/"' in html
