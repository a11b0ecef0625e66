"""The staff workspace: edits in both languages, recorded history, bad input, the charter."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from municipalities import services
from municipalities.models import DOCX
from municipalities.models import Body
from municipalities.models import Charter
from municipalities.models import Member
from municipalities.models import Village
from portal.history.models import Change
from practices.demo_files import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes("Charter")


def _url(name, **kwargs):
    with translation.override("ru"):
        return reverse(f"municipalities:{name}", kwargs=kwargs)


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_forms_put_kyrgyz_and_russian_side_by_side(client, staff_of, unit_a):
    client.force_login(staff_of(unit_a))
    html = client.get(_url("body_edit", slug=unit_a.slug, kind="council")).content.decode()
    pair = html[html.index('class="lang-pair"'):]
    assert pair.index('name="name_ky"') < pair.index('name="name_ru"')
    assert html.count('class="lang-pair"') == 3  # name, address, office hours


def test_staff_describe_their_council_and_the_change_is_recorded(client, staff_of, unit_a):
    user = staff_of(unit_a)
    client.force_login(user)
    response = client.post(
        _url("body_edit", slug=unit_a.slug, kind="council"),
        {
            "name_ky": "Тепке айылдык кеңеши", "name_ru": "Тепкенский айылный кенеш",
            "address_ky": "Тепке айылы", "address_ru": "с. Тепке", "phone": "+996 3945 9 11 00",
            "email": "kenesh@tepke.kg", "website": "https://tepke.kg",
            "office_hours_ky": "Дүйшөмбү–жума", "office_hours_ru": "Пн–Пт",
            "term_start": "2024-11-28", "term_end": "2028-11-28", "seats": "15",
        },
    )
    assert response.status_code == 302
    body = Body.objects.get(municipality=unit_a, kind="council")
    assert (body.name_ky, body.name_ru, body.seats) == (
        "Тепке айылдык кеңеши", "Тепкенский айылный кенеш", 15,
    )
    record = Change.objects.get(municipality=unit_a)
    assert record.actor == user
    assert record.verb == "created"
    assert record.content_type.model == "body"
    response = client.post(
        _url("body_edit", slug=unit_a.slug, kind="council"),
        {"name_ky": "Тепке айылдык кеңеши", "name_ru": "Тепкенский айылный кенеш", "seats": "17",
         "address_ky": "Тепке айылы", "address_ru": "с. Тепке", "phone": "+996 3945 9 11 00",
         "email": "kenesh@tepke.kg", "website": "https://tepke.kg",
         "office_hours_ky": "Дүйшөмбү–жума", "office_hours_ru": "Пн–Пт",
         "term_start": "2024-11-28", "term_end": "2028-11-28"},
    )
    assert response.status_code == 302
    latest = Change.objects.filter(municipality=unit_a).first()
    assert latest.verb == "changed"
    assert latest.changes == {"seats": [15, 17]}


def test_bad_input_rerenders_with_message_and_saves_nothing(client, staff_of, unit_a):
    client.force_login(staff_of(unit_a))
    response = client.post(
        _url("body_edit", slug=unit_a.slug, kind="council"),
        {"name_ky": "", "name_ru": "", "email": "not-an-address",
         "term_start": "2028-01-01", "term_end": "2024-01-01"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html or 'class="errors"' in html
    assert not Body.objects.exists()
    assert not Change.objects.exists()


def test_a_name_in_one_language_is_enough(unit_a):
    village = services.village_save(municipality=unit_a, actor=None, data={"name_ru": "Кочкор"})
    assert not village.name_ky
    assert village.name_ru == "Кочкор"
    with pytest.raises(ValidationError):
        services.village_save(municipality=unit_a, actor=None, data={"name_ru": ""})


def test_people_add_edit_delete_with_history(client, staff_of, unit_a, body_factory):
    user = staff_of(unit_a)
    body = body_factory(municipality=unit_a, kind="executive")
    client.force_login(user)
    response = client.post(
        _url("member_add", slug=unit_a.slug, kind="executive"),
        {"role": "head", "full_name_ky": "Жээнбеков Улан Төлөнович",
         "full_name_ru": "Жээнбеков Улан Толонович", "position_ky": "башчы",
         "position_ru": "глава", "gender": "male", "order": "0"},
    )
    assert response.status_code == 302
    member = Member.objects.get(body=body)
    response = client.post(
        _url("member_edit", slug=unit_a.slug, kind="executive", pk=member.pk),
        {"role": "head", "full_name_ky": "Жээнбеков Улан Төлөнович",
         "full_name_ru": "Жээнбеков Улан Толонович", "position_ky": "башчы",
         "position_ru": "глава айыл окмоту", "gender": "male", "order": "0"},
    )
    assert response.status_code == 302
    client.post(_url("member_delete", slug=unit_a.slug, kind="executive", pk=member.pk))
    assert not Member.objects.exists()
    actions = list(Change.objects.order_by("pk").values_list("verb", flat=True))
    assert actions == ["created", "changed", "deleted"]
    assert Change.objects.get(verb="changed").changes == {
        "position_ru": ["глава", "глава айыл окмоту"]
    }


def test_a_council_role_is_refused_in_the_executive(client, staff_of, unit_a, body_factory):
    body_factory(municipality=unit_a, kind="executive")
    client.force_login(staff_of(unit_a))
    response = client.post(
        _url("member_add", slug=unit_a.slug, kind="executive"),
        {"role": "deputy", "full_name_ru": "Кто-то", "gender": "female", "order": "0"},
    )
    assert response.status_code == 200
    assert not Member.objects.exists()


def test_villages_are_entered_by_staff(client, staff_of, unit_a):
    client.force_login(staff_of(unit_a))
    response = client.post(
        _url("village_add", slug=unit_a.slug), {"name_ky": "Көк-Жар", "name_ru": "Кок-Жар"}
    )
    assert response.status_code == 302
    village = Village.objects.get(municipality=unit_a)
    assert not village.is_demo
    assert Change.objects.filter(content_type__model="village", verb="created").exists()


def test_profile_description_edit(client, staff_of, unit_a):
    client.force_login(staff_of(unit_a))
    response = client.post(
        _url("profile_edit", slug=unit_a.slug),
        {"description_ky": "Айыл аймагы тууралуу", "description_ru": "Об айылном аймаке"},
    )
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.description_ru == "Об айылном аймаке"
    assert Change.objects.get().changes["description_ru"] == [None, "Об айылном аймаке"]


@pytest.mark.parametrize(
    ("content", "name", "expected_type"),
    [(PDF, "charter.pdf", "application/pdf"), (None, "устав.docx", DOCX)],
)
def test_charter_upload_checks_content_and_stores_under_a_generated_name(
    client, staff_of, unit_a, content, name, expected_type
):
    content = content or _docx()
    client.force_login(staff_of(unit_a))
    response = client.post(
        _url("charter_edit", slug=unit_a.slug),
        {"title_ky": "Жергиликтүү жамааттын уставы", "title_ru": "Устав местного сообщества",
         "adopted_on": "2023-09-27", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    charter = Charter.objects.get(municipality=unit_a)
    assert charter.content_type == expected_type
    assert charter.size == len(content)
    stored = charter.file.name.rsplit("/", 1)[-1]
    assert name.split(".")[0] not in stored
    assert len(stored.split(".")[0]) == 32  # a generated hex name
    assert charter.file.name.startswith("municipalities/charters/")
    download = client.get(_url("charter", slug=unit_a.slug))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert Change.objects.filter(content_type__model="charter").exists()


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 not a document", b"<html><script>alert(1)</script></html>",
     b"PK\x03\x04 broken zip"],
)
def test_charter_upload_refuses_other_content_whatever_its_name(
    client, staff_of, unit_a, content
):
    client.force_login(staff_of(unit_a))
    response = client.post(
        _url("charter_edit", slug=unit_a.slug),
        {"title_ru": "Устав", "file": SimpleUploadedFile("charter.pdf", content)},
    )
    assert response.status_code == 200
    assert not Charter.objects.exists()
    assert "PDF" in response.content.decode()


def test_charter_upload_refuses_large_files(unit_a, monkeypatch):
    monkeypatch.setattr(services, "CHARTER_MAX_BYTES", 10)
    with pytest.raises(ValidationError):
        services.charter_upload(
            municipality=unit_a, actor=None, data={"title_ru": "Устав"},
            upload=SimpleUploadedFile("a.pdf", PDF),
        )
    assert not Charter.objects.exists()


def test_history_page_lists_who_changed_what(client, staff_of, site_admin, unit_a):
    editor = staff_of(unit_a)
    services.village_save(municipality=unit_a, actor=editor, data={"name_ru": "Село Первое"})
    client.force_login(site_admin)
    html = client.get(_url("history", slug=unit_a.slug)).content.decode()
    assert "Село Первое" in html
    assert editor.display_name in html


@pytest.mark.parametrize("count", [1, 30])
def test_history_page_runs_a_constant_number_of_queries(
    client, staff_of, site_admin, unit_a, django_assert_max_num_queries, count
):
    for n in range(count):
        services.village_save(
            municipality=unit_a, actor=staff_of(unit_a), data={"name_ru": f"Село {n}"}
        )
    client.force_login(site_admin)
    with django_assert_max_num_queries(8):
        response = client.get(_url("history", slug=unit_a.slug))
    assert response.status_code == 200


def test_admin_changelist_of_history_is_readable_by_site_admin(client, site_admin, unit_a):
    services.village_save(municipality=unit_a, actor=None, data={"name_ru": "Село"})
    client.force_login(site_admin)
    response = client.get(reverse("admin:history_change_changelist"))
    assert response.status_code == 200


def test_replacing_the_charter_updates_type_and_size_and_records_it(unit_a, staff_of):
    editor = staff_of(unit_a)
    first = services.charter_upload(
        municipality=unit_a, actor=editor, data={"title_ru": "Устав"},
        upload=SimpleUploadedFile("a.pdf", PDF),
    )
    docx = _docx()
    second = services.charter_upload(
        municipality=unit_a, actor=editor, data={"title_ru": "Устав (новая редакция)"},
        upload=SimpleUploadedFile("b.docx", docx),
    )
    second.refresh_from_db()
    assert second.pk == first.pk
    assert (second.content_type, second.size) == (DOCX, len(docx))
    record = Change.objects.filter(content_type__model="charter").first()
    assert record.verb == "changed"
    assert set(record.changes) == {"title_ru", "file"}
