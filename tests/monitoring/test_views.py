"""Pages through the client: denied paths, bad input, uploads, languages, print, query counts."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from monitoring import selectors
from monitoring import services
from monitoring.models import Cycle
from monitoring.models import Evaluation
from monitoring.models import Evidence
from monitoring.models import MonitoringAct
from monitoring.uploads import MAX_UPLOAD_BYTES
from portal.history.selectors import object_history
from practices.demo_files import pdf_bytes

pytestmark = pytest.mark.django_db
Status = MonitoringAct.Status


def url(name, *args, lang="ru"):
    from django.utils import translation

    with translation.override(lang):
        return reverse(f"monitoring:{name}", args=args)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def act(world):
    act = services.act_create(cycle=world.cycle, user=world.member, title="Суу", place="Айыл",
                              visited_on=date(2026, 4, 1))
    services.evaluation_save(act=act, evaluation=Evaluation(
        indicator=world.indicator, value=Decimal(3), observed_on=date(2026, 4, 1)))
    return act


def published_world(world, act):
    services.act_submit(act=act, user=world.member)
    services.act_review(act=act, user=world.lead, accept=True)
    services.findings_save(cycle=world.cycle, works_well_ru="Работает", works_well_ky="Иштейт")
    services.cycle_publish(cycle=world.cycle, user=world.lead)
    world.cycle.refresh_from_db()
    act.refresh_from_db()
    return act


# --- public pages: both languages, print version ---------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("name", ["landing", "indicator-list", "cycle-detail", "scorecard",
                                  "municipality", "rayon"])
def test_public_pages_render_in_both_languages_and_print(client, world, act, lang, name):
    published_world(world, act)
    rayon = world.unit
    rayon.kind = "rayon"  # any unit can be asked for as a rayon in this test
    args = {"cycle-detail": [world.cycle.pk], "scorecard": [world.cycle.pk],
            "municipality": [world.unit.slug], "rayon": [rayon.slug]}.get(name, [])
    if name == "rayon":
        type(rayon).objects.filter(pk=rayon.pk).update(kind="rayon")
    response = client.get(url(name, *args, lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert html.count("<h1") == 1
    printed = client.get(url(name, *args, lang=lang) + "?print=1")
    assert printed.status_code == 200
    assert "<nav" not in printed.content.decode()


def test_landing_explains_and_lists_latest_scorecards(client, world, act):
    published_world(world, act)
    html = client.get(url("landing")).content.decode()
    assert url("scorecard", world.cycle.pk) in html
    assert url("indicator-list") in html


def test_drafts_are_not_public(client, world, act):
    html = client.get(url("cycle-detail", world.cycle.pk)).content.decode()
    assert act.get_absolute_url() not in html
    assert client.get(act.get_absolute_url()).status_code == 302  # anonymous: log in
    client.force_login(world.citizen)
    assert client.get(act.get_absolute_url()).status_code == 403
    client.force_login(world.lead)
    assert client.get(act.get_absolute_url()).status_code == 200


def test_published_act_is_public_and_read_only(client, world, act):
    published_world(world, act)
    assert client.get(act.get_absolute_url()).status_code == 200
    client.force_login(world.member)
    evaluation = act.evaluations.get()
    response = client.post(url("evaluation-edit", evaluation.pk), {
        "indicator": world.indicator.pk, "value": "5", "observed_on": "2026-04-01"})
    assert response.status_code == 403
    assert Evaluation.objects.get(pk=evaluation.pk).value == Decimal(3)


# --- the denied paths through the views -------------------------------------------------------

WRITE_VIEWS = [
    ("act-create", "cycle", "get"),
    ("findings", "cycle", "get"),
    ("dissent", "cycle", "get"),
    ("plan-item-add", "cycle", "get"),
    ("action-add", "cycle", "get"),
    ("cycle-publish", "cycle", "post"),
    ("response", "cycle", "get"),
    ("act-edit", "act", "get"),
    ("act-submit", "act", "post"),
    ("act-review", "act", "post"),
    ("evaluation-add", "act", "get"),
]


@pytest.mark.parametrize(("name", "target", "method"), WRITE_VIEWS)
def test_anonymous_is_sent_to_log_in(client, world, act, name, target, method):
    pk = world.cycle.pk if target == "cycle" else act.pk
    response = getattr(client, method)(url(name, pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["citizen", "staff", "other_staff", "moderator", "admin",
                                  "monitor_elsewhere"])
@pytest.mark.parametrize(("name", "target", "method"), [
    v for v in WRITE_VIEWS if v[0] not in ("plan-item-add", "action-add", "response")])
def test_outsiders_get_403(client, world, act, role, name, target, method):
    pk = world.cycle.pk if target == "cycle" else act.pk
    client.force_login(getattr(world, role))
    response = getattr(client, method)(url(name, pk))
    assert response.status_code == 403


def test_staff_respond_but_cannot_touch_evaluations(client, world, act):
    published_world(world, act)
    client.force_login(world.staff)
    evaluation = act.evaluations.get()
    assert client.get(url("evaluation-edit", evaluation.pk)).status_code == 403
    assert client.post(url("evaluation-delete", evaluation.pk)).status_code == 403
    response = client.post(url("response", world.cycle.pk), {"text_ru": "Принимаем"})
    assert response.status_code == 302
    assert Cycle.objects.get(pk=world.cycle.pk).response.text_ru == "Принимаем"
    assert client.get(url("response", world.cycle.pk)).status_code == 403  # only once


def test_a_superuser_who_is_not_staff_cannot_give_the_municipalitys_response(
    client, world, act
):
    """The official response is the municipality's own step: a site administrator who does
    not work for it is refused, the page offers him nothing, and the staff still may."""
    published_world(world, act)
    client.force_login(world.admin)
    assert client.get(url("response", world.cycle.pk)).status_code == 403
    response = client.post(url("response", world.cycle.pk), {"text_ru": "Принимаем"})
    assert response.status_code == 403
    assert not Cycle.objects.filter(pk=world.cycle.pk, response__isnull=False).exists()
    page = client.get(url("cycle-detail", world.cycle.pk)).content.decode()
    assert url("response", world.cycle.pk) not in page
    client.force_login(world.staff)
    assert client.get(url("response", world.cycle.pk)).status_code == 200


def test_other_members_cannot_edit_my_draft(client, world, act):
    client.force_login(world.lead)
    assert client.get(url("act-edit", act.pk)).status_code == 403
    assert client.post(url("act-submit", act.pk)).status_code == 403


# --- the workflow through the views -------------------------------------------------------------


def test_member_files_and_lead_reviews_through_the_pages(client, world):
    client.force_login(world.member)
    response = client.post(url("act-create", world.cycle.pk), {
        "title": "Суу түтүгү", "place": "Тепке", "visited_on": "2026-04-02"})
    act = MonitoringAct.objects.get()
    assert response["Location"] == act.get_absolute_url()
    response = client.post(url("evaluation-add", act.pk), {
        "indicator": world.indicator.pk, "value": "4", "evidence": "Сурамжылоо 20 киши",
        "observed_on": "2026-04-02", "method": "", "place": ""})
    assert response.status_code == 302
    assert act.evaluations.get().method == world.indicator.method
    client.post(url("act-submit", act.pk))
    assert MonitoringAct.objects.get(pk=act.pk).status == Status.SUBMITTED
    client.force_login(world.lead)
    client.post(url("act-review", act.pk), {"decision": "return", "comment": "Фото керек"})
    act.refresh_from_db()
    assert act.status == Status.RETURNED
    client.force_login(world.member)
    assert "Фото керек" in client.get(act.get_absolute_url()).content.decode()


def test_returning_without_comment_is_refused_with_a_message(client, world, act):
    services.act_submit(act=act, user=world.member)
    client.force_login(world.lead)
    response = client.post(url("act-review", act.pk), {"decision": "return", "comment": ""},
                           follow=True)
    assert MonitoringAct.objects.get(pk=act.pk).status == Status.SUBMITTED
    assert "class=\"message error\"" in response.content.decode()


def test_submitting_an_empty_act_shows_why(client, world):
    act = services.act_create(cycle=world.cycle, user=world.member, title="Бош", place="x",
                              visited_on=date(2026, 4, 1))
    client.force_login(world.member)
    response = client.post(url("act-submit", act.pk), follow=True)
    assert MonitoringAct.objects.get(pk=act.pk).status == Status.DRAFT
    assert "message error" in response.content.decode()


@pytest.mark.parametrize(("data", "field"), [
    ({"value": "7"}, "value"),
    ({"value": "abc"}, "value"),
    ({"value": "2.5"}, "value"),
    ({"observed_on": "31.31.2026"}, "observed_on"),
    ({"indicator": "999999"}, "indicator"),
])
def test_bad_evaluation_input_rerenders_with_a_message(
    client, world, act, data, field, indicator_factory
):
    client.force_login(world.member)
    other = indicator_factory(scale="score")
    world.cycle.plan_items.create(indicator=other)
    payload = {"indicator": other.pk, "value": "3", "observed_on": "2026-04-02"}
    payload.update(data)
    before = Evaluation.objects.count()
    response = client.post(url("evaluation-add", act.pk), payload)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Evaluation.objects.count() == before


def test_second_evaluation_of_the_same_indicator_is_refused(client, world, act):
    client.force_login(world.member)
    response = client.post(url("evaluation-add", act.pk), {
        "indicator": world.indicator.pk, "value": "4", "observed_on": "2026-04-02"})
    assert response.status_code == 200
    assert 'id="id_indicator_error"' in response.content.decode()
    assert act.evaluations.count() == 1


def test_bad_act_input_saves_nothing(client, world):
    client.force_login(world.member)
    response = client.post(url("act-create", world.cycle.pk), {"title": "", "place": "x",
                                                                "visited_on": "tomorrow"})
    assert response.status_code == 200
    assert 'id="id_title_error"' in response.content.decode()
    assert not MonitoringAct.objects.exists()


# --- uploads -----------------------------------------------------------------------------------


def upload(client, world, act, name, content, content_type="image/png"):
    client.force_login(world.member)
    evaluation = act.evaluations.get()
    return client.post(url("evidence-add", evaluation.pk), {
        "file": SimpleUploadedFile(name, content, content_type=content_type),
        "caption": "Сүрөт"})


def test_photo_upload_gets_a_generated_name_and_is_served_to_the_group(client, world, act):
    response = upload(client, world, act, "../../мой файл.png", png_bytes())
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.kind == "photo"
    assert evidence.content_type == "image/png"
    assert "мой" not in evidence.file.name
    assert ".." not in evidence.file.name
    assert evidence.file.name.startswith("monitoring/evidence/")
    assert evidence.file.name.endswith(".png")
    served = client.get(evidence.get_absolute_url())
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    client.logout()
    assert client.get(evidence.get_absolute_url()).status_code == 302  # draft: not public


def test_pdf_upload_is_a_document(client, world, act):
    assert upload(client, world, act, "act.pdf", pdf_bytes("Act"),
                  "application/pdf").status_code == 302
    assert Evidence.objects.get().kind == "document"


def in_russian(msgid: str) -> str:
    from django.utils import translation

    with translation.override("ru"):
        return translation.gettext(msgid)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("photo.png", b"<script>alert(1)</script>",
     "Only photos (JPEG, PNG, WebP) and PDF documents can be attached."),
    ("virus.exe", b"MZ\x90\x00" * 10,
     "Only photos (JPEG, PNG, WebP) and PDF documents can be attached."),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
     None),  # portal.uploads' "damaged or not a real PNG" (tests/portal/test_files.py)
    ("empty.pdf", b"", None),  # Django's own "the submitted file is empty"
])
def test_bad_uploads_are_refused_with_a_clear_error(client, world, act, name, content, message):
    response = upload(client, world, act, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    if message:
        assert in_russian(message) in html
    assert not Evidence.objects.exists()


def test_too_large_upload_is_refused(client, world, act):
    big = b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES
    response = upload(client, world, act, "big.pdf", big, "application/pdf")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    assert "5\xa0МБ" in html  # the limit is named, in bytes (portal.formats.filesize)
    assert not Evidence.objects.exists()


# --- open data -------------------------------------------------------------------------------


def test_csv_is_formula_injection_safe(client, world, act, indicator_factory):
    world.indicator.name_ru = "=HYPERLINK(\"http://evil\")"
    world.indicator.save()
    published_world(world, act)
    response = client.get(url("scorecard-csv", world.cycle.pk))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body
    assert "50.0" in body  # score 3 of 5 → 50 on the common scale


def test_rayon_csv(client, world, act):
    published_world(world, act)
    rayon = world.other_unit
    type(rayon).objects.filter(pk=rayon.pk).update(kind="rayon")
    type(rayon).objects.filter(pk=world.unit.pk).update(parent=rayon)
    body = client.get(url("rayon-csv", rayon.slug)).content.decode("utf-8-sig")
    assert world.unit.name_ru in body
    assert "50.0" in body


# --- query counts ------------------------------------------------------------------------------


def grow(world, n, monitoring_act_factory, evaluation_factory, indicator_factory,
         plan_item_factory):
    for _ in range(n):
        indicator = indicator_factory(scale="percent")
        plan_item_factory(cycle=world.cycle, indicator=indicator, target=Decimal(50))
        act = monitoring_act_factory(cycle=world.cycle, author=world.member_member,
                                     status=Status.PUBLISHED)
        evaluation_factory(act=act, indicator=indicator, value=Decimal(40))


@pytest.mark.parametrize("name", ["cycle-detail", "scorecard", "scorecard-csv", "municipality",
                                  "rayon", "landing"])
def test_query_count_does_not_grow_with_rows(
    client, world, django_assert_max_num_queries, name, monitoring_act_factory,
    evaluation_factory, indicator_factory, plan_item_factory,
):
    type(world.other_unit).objects.filter(pk=world.other_unit.pk).update(kind="rayon")
    type(world.unit).objects.filter(pk=world.unit.pk).update(parent=world.other_unit)
    Cycle.objects.filter(pk=world.cycle.pk).update(status=Cycle.Status.PUBLISHED,
                                                   published_at="2026-07-01T00:00Z")
    args = {"cycle-detail": [world.cycle.pk], "scorecard": [world.cycle.pk],
            "scorecard-csv": [world.cycle.pk], "municipality": [world.unit.slug],
            "rayon": [world.other_unit.slug]}.get(name, [])
    factories = (monitoring_act_factory, evaluation_factory, indicator_factory,
                 plan_item_factory)
    grow(world, 1, *factories)
    limit = {"cycle-detail": 16, "scorecard": 8, "scorecard-csv": 8, "municipality": 8,
             "rayon": 8, "landing": 8}[name]
    with django_assert_max_num_queries(limit):
        assert client.get(url(name, *args)).status_code == 200
    grow(world, 12, *factories)
    with django_assert_max_num_queries(limit):
        assert client.get(url(name, *args)).status_code == 200


def test_act_detail_query_count_is_constant(
    client, world, act, django_assert_max_num_queries, indicator_factory
):
    client.force_login(world.member)
    with django_assert_max_num_queries(14) as one:
        client.get(act.get_absolute_url())
    for _ in range(8):
        indicator = indicator_factory()
        evaluation = services.evaluation_save(act=act, evaluation=Evaluation(
            indicator=indicator, value=Decimal(2), observed_on=date(2026, 4, 1)))
        Evidence.objects.create(evaluation=evaluation, file="monitoring/x.png", kind="photo",
                                content_type="image/png", size=10)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(act.get_absolute_url()).status_code == 200


def test_profile_block_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        block = selectors.municipality_profile_block(world.unit)
    assert set(block) == {"title", "items", "more_url", "empty_text"}
    assert len(block["items"]) == 1
    assert block["items"][0]["url"] == world.cycle.get_absolute_url()
    empty = selectors.municipality_profile_block(world.other_unit)
    assert empty["items"] == []
    assert empty["more_url"] is None
    assert empty["empty_text"]


def test_desk_lists_my_work(client, world, act):
    services.act_submit(act=act, user=world.member)
    client.force_login(world.lead)
    html = client.get(url("desk")).content.decode()
    assert act.get_absolute_url() in html  # waiting for the lead's review
    assert client.get(url("desk")).status_code == 200


def test_lead_starts_a_cycle_and_outsiders_cannot(client, world):
    create = url("cycle-create", world.group.pk)
    assert client.get(create).status_code == 302
    for outsider in (world.member, world.staff, world.citizen):
        client.force_login(outsider)
        assert client.get(create).status_code == 403
    client.force_login(world.lead)
    assert url("cycle-create", world.group.pk) in client.get(
        url("municipality", world.unit.slug)).content.decode()
    response = client.post(create, {"title_ky": "БМжБ 2027", "period_start": "2027-03-01",
                                    "period_end": "2027-01-01"})
    assert response.status_code == 200
    assert 'id="id_period_end_error"' in response.content.decode()
    assert Cycle.objects.count() == 1
    response = client.post(create, {"title_ky": "БМжБ 2027", "period_start": "2027-03-01",
                                    "period_end": "2027-06-30"})
    cycle = Cycle.objects.exclude(pk=world.cycle.pk).get()
    assert response["Location"] == cycle.get_absolute_url()
    assert (cycle.municipality, cycle.status) == (world.unit, "in_progress")


def test_history_is_kept_and_public_only_for_what_is_public(client, world, act):
    draft = services.act_create(cycle=world.cycle, user=world.lead, title="Жашыруун долбоор",
                                place="x", visited_on=date(2026, 4, 1))
    published_world(world, act)
    html = client.get(url("cycle-detail", world.cycle.pk)).content.decode()
    history = html[html.index('id="history"'):]
    assert history.count("<time datetime=") == 2  # the act published, the results published
    assert "Жашыруун долбоор" not in html  # a draft's history stays with the group
    client.force_login(world.member)
    assert "Жашыруун долбоор" in client.get(url("cycle-detail", world.cycle.pk)).content.decode()
    assert object_history(draft).count() == 1
