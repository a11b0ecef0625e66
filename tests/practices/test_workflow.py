"""The editorial workflow through the views: write, submit, return, correct, publish."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from practices import services
from practices.models import Practice
from practices.models import Status
from practices.models import Story

pytestmark = pytest.mark.django_db


def practice_post(unit, **overrides):
    data = {
        "municipality": unit.pk,
        "theme": "water",
        "title_ky": "Суу бирикмеси",
        "title_ru": "",
        "summary_ky": "Кыскача",
        "problem_ky": "Көйгөй",
        "solution_ky": '<p onclick="x()">Чечим</p><script>alert(1)</script>',
        "steps_ky": "Бир\nЭки",
        "results_ky": "Жыйынтык",
        "started_on": "2024-03-01",
        "duration_months": "12",
        "contact_name": "Асан",
        "contact_position_ky": "адис",
        "funding_sources-TOTAL_FORMS": "2",
        "funding_sources-INITIAL_FORMS": "0",
        "funding_sources-MIN_NUM_FORMS": "0",
        "funding_sources-MAX_NUM_FORMS": "20",
        "funding_sources-0-kind": "local_budget",
        "funding_sources-0-amount": "150000.50",
        "funding_sources-1-kind": "donor",
        "funding_sources-1-amount": "50000",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-label_ru": "Собираемость",
        "indicators-0-before": "30",
        "indicators-0-after": "90",
    }
    data.update(overrides)
    return data


def test_full_cycle(client, staff_of, unit, editor):
    staff = staff_of(unit)
    client.force_login(staff)
    response = client.post("/ru/practices/new/", practice_post(unit))
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.status == Status.DRAFT
    assert practice.author == staff
    assert "<script" not in practice.solution_ky
    assert "onclick" not in practice.solution_ky
    amounts = sorted(practice.funding_sources.values_list("amount", flat=True))
    assert amounts == [Decimal("50000.00"), Decimal("150000.50")]
    assert sum(amounts) == Decimal("200000.50")

    # The public does not see a draft anywhere.
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert "Суу бирикмеси" not in client.get("/ky/practices/").content.decode()

    client.force_login(staff)
    assert client.post(f"/ru/practices/{practice.pk}/submit/").status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED
    # Submitted: the author can no longer change it, and cannot review it.
    assert client.get(f"/ru/practices/{practice.pk}/edit/").status_code == 403
    assert client.get(f"/ru/practices/{practice.pk}/review/").status_code == 403

    client.force_login(editor)
    response = client.post(
        f"/ru/practices/{practice.pk}/review/", {"decision": "return", "comment": ""}
    )
    assert response.status_code == 200  # a comment is required to return
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED
    client.post(
        f"/ru/practices/{practice.pk}/review/",
        {"decision": "return", "comment": "Добавьте результаты в цифрах."},
    )
    practice.refresh_from_db()
    assert practice.status == Status.RETURNED

    client.force_login(staff)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Добавьте результаты в цифрах." in page
    assert client.get(f"/ru/practices/{practice.pk}/edit/").status_code == 200
    client.post(f"/ru/practices/{practice.pk}/submit/")

    client.force_login(editor)
    client.post(f"/ru/practices/{practice.pk}/review/", {"decision": "publish"})
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED
    assert practice.published_at is not None
    assert practice.reviewed_by == editor

    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 200
    assert "Суу бирикмеси" in client.get("/ky/practices/").content.decode()

    client.force_login(editor)
    client.post(f"/ru/practices/{practice.pk}/unpublish/")
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_bad_input_re_renders_and_saves_nothing(client, staff_of, unit):
    client.force_login(staff_of(unit))
    response = client.post(
        "/ru/practices/new/",
        practice_post(unit, title_ky="", title_ru="", **{"funding_sources-0-amount": "-5"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html
    assert not Practice.objects.exists()


def test_staff_cannot_write_for_another_municipality(client, staff_of, unit, other_unit):
    client.force_login(staff_of(unit))
    response = client.post("/ru/practices/new/", practice_post(other_unit))
    assert response.status_code == 200  # the other unit is not a valid choice
    assert not Practice.objects.exists()


def test_staff_cannot_touch_another_municipalitys_draft(client, staff_of, other_unit,
                                                        unit, practice_factory):
    draft = practice_factory(municipality=other_unit, status=Status.DRAFT, published_at=None)
    client.force_login(staff_of(unit))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/ru/practices/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/ru/practices/{draft.pk}/submit/").status_code == 404


@pytest.mark.parametrize(
    ("url", "method"),
    [
        ("/ru/practices/new/", "get"),
        ("/ru/stories/new/", "get"),
        ("/ru/information/news/new/", "get"),
        ("/ru/information/documents/new/", "get"),
        ("/ru/practices/desk/", "get"),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in_and_citizens_refused(client, citizen, url,
                                                                      method):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(citizen)
    assert getattr(client, method)(url).status_code == 403


def test_moderator_cannot_publish(client, moderator, practice_factory):
    item = practice_factory(status=Status.SUBMITTED, published_at=None)
    client.force_login(moderator)
    assert client.post(f"/ru/practices/{item.pk}/review/", {"decision": "publish"}).status_code \
        == 404
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED


def test_a_superuser_cannot_publish_what_nobody_submitted(site_admin, practice_factory):
    draft = practice_factory(status=Status.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied):
        services.item_publish(item=draft, actor=site_admin)


def test_editor_writes_national_news_and_staff_cannot(client, editor, staff_of, unit):
    client.force_login(editor)
    data = {
        "kind": "news", "municipality": "", "title_ru": "Новость", "summary_ru": "Кратко",
        "body_ru": "Текст",
    }
    assert client.post("/ru/information/news/new/", data).status_code == 302
    client.force_login(staff_of(unit))
    response = client.post("/ru/information/news/new/", {**data, "title_ru": "Другая"})
    assert response.status_code == 200  # municipality is required for staff
    from practices.models import NewsItem

    assert list(NewsItem.objects.values_list("title_ru", "municipality")) == [("Новость", None)]


def test_story_linked_to_practice(client, staff_of, unit, practice):
    client.force_login(staff_of(unit))
    response = client.post(
        "/ru/stories/new/",
        {"municipality": unit.pk, "practice": practice.pk, "theme": "water",
         "title_ru": "История", "lead_ru": "Кратко", "body_ru": "Текст"},
    )
    assert response.status_code == 302
    assert Story.objects.get().practice == practice


def test_document_create_with_file(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from practices.demo_files import pdf_bytes
    from practices.models import Document

    client.force_login(editor)
    data = {
        "doc_type": "law", "municipality": "", "title_ru": "Закон № 123", "number": "123",
        "adopted_on": "2021-10-20", "issuer_ru": "Жогорку Кенеш",
    }
    bad = SimpleUploadedFile("law.pdf", b"not a pdf at all", "application/pdf")
    assert client.post("/ru/information/documents/new/", {**data, "upload": bad}).status_code \
        == 200
    assert not Document.objects.exists()
    good = SimpleUploadedFile("law.pdf", pdf_bytes("Law"), "application/pdf")
    assert client.post("/ru/information/documents/new/", {**data, "upload": good}).status_code \
        == 302
    document = Document.objects.get()
    assert document.status == Status.DRAFT
    assert document.content_type == "application/pdf"
    assert document.file.name.endswith(".pdf")
    assert "law" not in document.file.name


def test_replacing_a_documents_file_deletes_the_old_one(editor, document_factory,
                                                       django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from practices.demo_files import pdf_bytes

    document = document_factory(status=Status.DRAFT, published_at=None)
    old_name = document.file.name
    storage = document.file.storage
    assert storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_save(
            item=document, actor=editor, upload=ContentFile(pdf_bytes("New"), name="new.pdf")
        )
    document.refresh_from_db()
    assert document.file.name != old_name
    assert storage.exists(document.file.name)
    assert not storage.exists(old_name)
