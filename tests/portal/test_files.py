"""portal.files: every uploaded file is served by a view that checks visibility, as a download
with nosniff and a sandbox CSP; nothing links to /media/."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import RequestFactory

from participation.models import Event
from participation.models import EventDocument
from portal import files
from practices.demo_files import pdf_bytes
from tests.budgets.factories import CalendarStageFactory
from tests.factories import UserFactory
from tests.participation.factories import EventFactory

pytestmark = pytest.mark.django_db


def _event_with_files(status=Event.Status.OPEN):
    event = EventFactory(status=status)
    event.protocol.save("protocol.pdf", ContentFile(pdf_bytes("Protocol")))
    document = EventDocument(event=event, title="Долбоор", title_ky="Долбоор")
    document.file.save("draft.pdf", ContentFile(pdf_bytes("Draft")))
    return event, document


def _assert_download(response, content_type="application/pdf"):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == files.SANDBOX_CSP


def test_event_document_and_protocol_are_served_to_the_public(client):
    event, document = _event_with_files(status=Event.Status.RESULTS)
    page = client.get(f"/ru/events/{event.pk}/")
    html = page.content.decode()
    document_url = f"/ru/events/{event.pk}/documents/{document.pk}/"
    protocol_url = f"/ru/events/{event.pk}/protocol/"
    assert document_url in html
    assert protocol_url in html
    assert "/media/" not in html
    response = client.get(document_url)
    _assert_download(response)
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    _assert_download(client.get(protocol_url))


def test_a_draft_events_files_are_404_to_the_public(client):
    event, document = _event_with_files(status=Event.Status.DRAFT)
    assert client.get(f"/ru/events/{event.pk}/documents/{document.pk}/").status_code == 404
    assert client.get(f"/ru/events/{event.pk}/protocol/").status_code == 404


def test_staff_see_a_draft_events_files_privately(client, staff_of):
    event, document = _event_with_files(status=Event.Status.DRAFT)
    client.force_login(staff_of(event.municipality))
    response = client.get(f"/ru/events/{event.pk}/documents/{document.pk}/")
    _assert_download(response)
    assert "private" in response["Cache-Control"]
    other_staff = staff_of(EventFactory().municipality)
    client.force_login(other_staff)
    assert client.get(f"/ru/events/{event.pk}/protocol/").status_code == 404


def test_a_document_of_another_event_is_404(client):
    _, document = _event_with_files()
    other = EventFactory()
    assert client.get(f"/ru/events/{other.pk}/documents/{document.pk}/").status_code == 404
    assert client.get(f"/ru/events/{other.pk}/protocol/").status_code == 404  # no protocol


def test_budget_calendar_document_is_served_and_linked(client):
    stage = CalendarStageFactory()
    stage.document.save("plan.pdf", ContentFile(pdf_bytes("Plan")))
    budget = stage.budget
    url = f"/ru/budgets/{budget.municipality.slug}/{budget.year}/calendar/{stage.pk}/document/"
    page = client.get(f"/ru/budgets/{budget.municipality.slug}/{budget.year}/")
    assert url in page.content.decode()
    assert "/media/" not in page.content.decode()
    _assert_download(client.get(url))
    other = CalendarStageFactory(budget__year=2024, budget__municipality=budget.municipality)
    wrong = f"/ru/budgets/{budget.municipality.slug}/{budget.year}/calendar/{other.pk}/document/"
    assert client.get(wrong).status_code == 404


def test_accel_redirect_hands_the_file_to_the_proxy(settings):
    settings.FILES_ACCEL_REDIRECT_PREFIX = "/protected-media/"
    stage = CalendarStageFactory()
    stage.document.save("plan.pdf", ContentFile(pdf_bytes("Plan")))
    request = RequestFactory().get("/")
    response = files.serve(
        request, stage.document, filename="plan.pdf", content_type="application/pdf"
    )
    assert response["X-Accel-Redirect"] == "/protected-media/" + stage.document.name
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_is_404_not_500(client):
    event, document = _event_with_files()
    document.file.storage.delete(document.file.name)
    assert client.get(f"/ru/events/{event.pk}/documents/{document.pk}/").status_code == 404


def test_content_type_of_follows_the_checked_extension():
    stage = CalendarStageFactory()
    stage.document.name = "budgets/calendar/2025/01/abc.xlsx"
    assert files.content_type_of(stage.document).endswith("spreadsheetml.sheet")
    stage.document.name = "budgets/calendar/2025/01/abc.doc"
    assert files.content_type_of(stage.document) == files.GENERIC_TYPE


def test_stage_edit_form_links_the_serving_view_not_media(client):
    stage = CalendarStageFactory()
    stage.document.save("plan.pdf", ContentFile(pdf_bytes("Plan")))
    from budgets.forms import CalendarStageForm

    html = str(CalendarStageForm(instance=stage, budget=stage.budget)["document"])
    assert "/media/" not in html
    assert f"/calendar/{stage.pk}/document/" in html


# Rendered for the PDF renderer only, whose fetcher reads /media/ paths from storage itself;
# the browser never sees these addresses.
PDF_RENDERER_TEMPLATES = {"practices/reports/practice_pdf.html"}
FILE_URL = re.compile(r"\.(file|document|protocol|photo|charter)\.url\b|MEDIA_URL|/media/")


def test_no_template_links_to_media():
    root = Path(settings.BASE_DIR) / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if str(path.relative_to(root)) not in PDF_RENDERER_TEMPLATES
        and FILE_URL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_media_is_not_routed_without_debug(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/media/participation/documents/x.pdf").status_code == 404
