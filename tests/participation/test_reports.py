"""The notice-board announcement and the results protocol as PDFs."""


import pytest

from participation.models import Event
from portal.models import Report
from portal.reports import services
from tests.helpers import pdf_text
from tests.participation.factories import AlternativeFactory
from tests.participation.factories import EventFactory

pytestmark = pytest.mark.django_db



def make(kind: str, event: Event, language: str = "ky") -> Report:
    report, _ = services.report_request(kind=kind, object_id=event.pk, language=language)
    return services.report_render(report_id=report.pk)


def test_announcement_has_title_time_place_options_and_a_qr_code():
    event = EventFactory(title_ky="Ичүүчү суу боюнча жыйын", place_ky="Тепке айылы, мектеп")
    AlternativeFactory(event=event, title_ky="Тарифти көтөрүү")
    report = make("event-announcement", event)
    text = pdf_text(report)
    assert "Ичүүчү суу боюнча жыйын" in text
    assert "Тепке айылы, мектеп" in text
    assert "Тарифти көтөрүү" in text
    assert f"/ky/events/{event.pk}/" in text
    html = services.render_report_html(
        services.registry.get("event-announcement"), event, language="ky"
    )
    assert "<svg" in html  # the QR code, drawn as vector graphics


def test_announcement_of_a_draft_is_refused():
    event = EventFactory(status=Event.Status.DRAFT)
    with pytest.raises(services.ReportNotAvailableError):
        services.report_request(kind="event-announcement", object_id=event.pk, language="ky")


@pytest.mark.parametrize("status", [Event.Status.DRAFT, Event.Status.PUBLISHED, Event.Status.OPEN])
def test_protocol_only_exists_once_the_event_was_held(status):
    event = EventFactory(status=status)
    with pytest.raises(services.ReportNotAvailableError):
        services.report_request(kind="event-protocol", object_id=event.pk, language="ru")


def test_protocol_has_decision_and_tally_in_russian():
    event = EventFactory(
        status=Event.Status.RESULTS, decision_ru="Принято решение отремонтировать водопровод."
    )
    AlternativeFactory(event=event, title_ru="Отремонтировать водопровод")
    text = pdf_text(make("event-protocol", event, "ru"))
    assert "Принято решение отремонтировать водопровод." in text
    assert "Отремонтировать водопровод" in text


def test_event_page_offers_the_announcement_and_after_it_is_held_the_protocol(client):
    event = EventFactory()
    html = client.get(event.get_absolute_url()).content.decode()
    assert f"/reports/event-announcement/{event.pk}/" in html
    assert "/reports/event-protocol/" not in html
    held = EventFactory(status=Event.Status.RESULTS)
    html = client.get(held.get_absolute_url()).content.decode()
    assert f"/reports/event-protocol/{held.pk}/" in html
