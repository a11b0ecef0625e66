"""A best practice as a one-page PDF: published only, with its problem, solution and results."""

import io

import pypdf
import pytest

from portal.reports import services
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_draft_practice_has_no_report():
    practice = PracticeFactory(status="draft")
    with pytest.raises(services.ReportNotAvailableError):
        services.report_request(kind="practice", object_id=practice.pk, language="ru")


def test_published_practice_fits_one_page_with_its_story():
    practice = PracticeFactory(title_ru="Объединение потребителей воды")
    report, _ = services.report_request(kind="practice", object_id=practice.pk, language="ru")
    report = services.report_render(report_id=report.pk)
    with report.file.open("rb") as fh:
        reader = pypdf.PdfReader(io.BytesIO(fh.read()))
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert "Объединение потребителей воды" in text


def test_municipality_profile_shows_its_news(client, municipality_factory):
    from tests.practices.factories import NewsItemFactory

    unit = municipality_factory()
    NewsItemFactory(municipality=unit, title_ky="Жаңы мектеп ачылды")
    html = client.get(unit.get_absolute_url()).content.decode()
    assert 'id="block-information"' in html
    assert "Жаңы мектеп ачылды" in html


def test_published_practice_page_offers_the_one_pager(client):
    practice = PracticeFactory()
    html = client.get(practice.get_absolute_url()).content.decode()
    assert f"/reports/practice/{practice.pk}/" in html
