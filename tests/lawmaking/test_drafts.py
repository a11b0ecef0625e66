import datetime

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from freezegun import freeze_time

from participation.lawmaking import selectors
from participation.lawmaking import services
from participation.lawmaking.models import Draft
from participation.lawmaking.models import DraftComment

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
END = datetime.datetime(2026, 3, 16, 9, 0, tzinfo=datetime.UTC)


def _texts(draft):
    return selectors.revision_texts(services.current_revision(draft))


@pytest.fixture
def period_draft(draft_factory):
    return draft_factory(discussion_starts_at=START, discussion_ends_at=END)


# --- discussion period ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        ("2026-03-01 08:59:59", False),  # a second before it opens
        ("2026-03-01 09:00:00", True),  # the moment it opens
        ("2026-03-16 08:59:59", True),  # the last second
        ("2026-03-16 09:00:00", False),  # the moment it closes
        ("2026-04-01 00:00:00", False),
    ],
)
def test_comments_only_while_the_discussion_is_open(period_draft, citizen, moment, allowed):
    with freeze_time(moment):
        assert rules.has_perm("lawmaking.comment_draft", citizen, period_draft) is allowed
        if allowed:
            services.comment_create(user=citizen, draft=period_draft, text="Сунуш")
        else:
            with pytest.raises(PermissionDenied):
                services.comment_create(user=citizen, draft=period_draft, text="Сунуш")
    assert DraftComment.objects.count() == (1 if allowed else 0)


def test_comment_view_refuses_after_the_period(client, period_draft, citizen):
    client.force_login(citizen)
    url = reverse("lawmaking:comment", args=[period_draft.pk])
    with freeze_time("2026-03-20"):
        response = client.post(url, {"text": "Кеч калган сунуш"})
    assert response.status_code == 403
    assert not DraftComment.objects.exists()
    with freeze_time("2026-03-05"):
        response = client.post(url, {"text": "Убагында"})
    assert response.status_code == 302
    assert DraftComment.objects.get().text == "Убагында"


def test_unpublished_draft_takes_no_comments_and_is_404(client, draft_factory, citizen):
    draft = draft_factory(status=Draft.Status.DRAFT)
    assert not rules.has_perm("lawmaking.comment_draft", citizen, draft)
    client.force_login(citizen)
    assert client.get(draft.get_absolute_url()).status_code == 404


# --- clauses across revisions ---------------------------------------------------------------


def test_clause_comment_stays_attached_across_revisions(draft, citizen, staff_of):
    staff = staff_of(draft.municipality)
    first, second, third = _texts(draft)
    comment = services.comment_create(
        user=citizen, draft=draft, clause=second.clause, text="Экинчи пунктка сунуш"
    )
    whole = services.comment_create(user=citizen, draft=draft, text="Жалпы сунуш")
    # Revision 2: clause 1 removed, clause 2 reworded (now number 1), a new clause added.
    revision = services.draft_revise(
        user=staff,
        draft=draft,
        clauses=[
            (first.clause, "", ""),
            (second.clause, "Экинчи пункт, жаңы редакция.", "Второй пункт, новая редакция."),
            (third.clause, third.text_ky, third.text_ru),
            (None, "Жаңы пункт.", "Новый пункт."),
        ],
        note="Сунуштар боюнча",
    )
    assert revision.number == 2
    texts = _texts(draft)
    assert [t.number for t in texts] == [1, 2, 3]
    assert texts[0].clause_id == second.clause_id
    assert texts[0].text_ru == "Второй пункт, новая редакция."
    comment.refresh_from_db()
    assert comment.clause_id == second.clause_id
    assert comment.revision.number == 1
    rows = selectors.draft_comments(draft)
    by_pk = {c.pk: c for c in rows}
    assert by_pk[comment.pk].clause_number == 2  # its number in revision 1
    assert by_pk[whole.pk].clause_number is None
    # A new comment on the same clause is made on revision 2.
    later = services.comment_create(user=citizen, draft=draft, clause=second.clause, text="Жаңы")
    assert later.revision == revision


def test_page_shows_comment_under_its_clause_and_the_revision(client, draft, citizen, staff_of):
    _first, second, _third = _texts(draft)
    services.comment_create(user=citizen, draft=draft, clause=second.clause, text="СУНУШ-2")
    services.draft_revise(
        user=staff_of(draft.municipality),
        draft=draft,
        clauses=[(t.clause, t.text_ky + " (ред.)", t.text_ru) for t in _texts(draft)],
    )
    html = client.get(draft.get_absolute_url()).content.decode()
    clause_block = html.split(f'id="clause-{second.clause_id}"')[1].split("</li>\n")[0]
    assert "СУНУШ-2" in clause_block
    old = client.get(draft.get_absolute_url() + "?revision=1").content.decode()
    assert "Экинчи пункт." in old
    assert "(ред.)" not in old


def test_comment_on_a_removed_clause_is_refused(draft, citizen, staff_of):
    first, *rest = _texts(draft)
    services.draft_revise(
        user=staff_of(draft.municipality),
        draft=draft,
        clauses=[(first.clause, "", "")] + [(t.clause, t.text_ky, t.text_ru) for t in rest],
    )
    with pytest.raises(ValidationError):
        services.comment_create(user=citizen, draft=draft, clause=first.clause, text="?")


def test_clause_of_another_draft_is_refused_by_the_view(client, draft, draft_factory, citizen):
    other = _texts(draft_factory())[0]
    client.force_login(citizen)
    client.post(
        reverse("lawmaking:comment", args=[draft.pk]), {"clause": other.clause_id, "text": "x"}
    )
    assert not DraftComment.objects.exists()


def test_revision_needs_a_clause(draft, staff_of):
    with pytest.raises(ValidationError):
        services.draft_revise(
            user=staff_of(draft.municipality),
            draft=draft,
            clauses=[(t.clause, "", "") for t in _texts(draft)],
        )
    assert draft.revisions.count() == 1


# --- answers, summary, adoption ---------------------------------------------------------------


@pytest.fixture
def closed_draft(period_draft, citizen, user_factory):
    with freeze_time("2026-03-05"):
        clause = _texts(period_draft)[0].clause
        services.comment_create(user=citizen, draft=period_draft, clause=clause, text="Кабыл ал")
        services.comment_create(user=user_factory(), draft=period_draft, text="Четке как")
    return period_draft


def test_answers_only_after_the_period(closed_draft, staff_of):
    staff = staff_of(closed_draft.municipality)
    comment = closed_draft.comments.first()
    with freeze_time("2026-03-10"):
        assert not rules.has_perm("lawmaking.decide_draftcomment", staff, comment)
        with pytest.raises(PermissionDenied):
            services.comment_decide(
                user=staff, comment=comment, decision="accepted", reason_ky="ok", reason_ru=""
            )
    with freeze_time("2026-03-17"):
        services.comment_decide(
            user=staff, comment=comment, decision="accepted", reason_ky="Туура", reason_ru=""
        )
    comment.refresh_from_db()
    assert comment.decision == "accepted"
    assert comment.decided_by == staff


def test_summary_table_and_print_and_adoption(client, closed_draft, staff_of):
    staff = staff_of(closed_draft.municipality)
    first, second = closed_draft.comments.order_by("pk")
    with freeze_time("2026-03-17"):
        with pytest.raises(ValidationError):  # a comment still has no answer
            services.draft_adopt(
                user=staff,
                draft=closed_draft,
                data={
                    "adopted_text_ky": "Кабыл алынды",
                    "decision_number": "12",
                    "decision_date": datetime.date(2026, 3, 20),
                },
            )
        services.comment_decide(
            user=staff,
            comment=first,
            decision="partly",
            reason_ky="Жарым-жартылай",
            reason_ru="Частично учтено",
        )
        services.comment_decide(
            user=staff, comment=second, decision="rejected", reason_ky="", reason_ru="Не по теме"
        )
        table = selectors.summary(closed_draft)
        assert table["counts"] == {"accepted": 0, "partly": 1, "rejected": 1}
        assert table["unanswered"] == 0
        assert [r.clause_number for r in table["rows"]] == [1, None]
        url = reverse("lawmaking:summary", args=[closed_draft.pk])
        for lang in ("ky", "ru"):
            with translation.override(lang):
                page = client.get(reverse("lawmaking:summary", args=[closed_draft.pk]))
            assert page.status_code == 200
        assert "Не по теме" in client.get("/ru" + url[3:]).content.decode()
        printed = client.get(url + "?print=1").content.decode()
        assert "Частично учтено" in printed or "Жарым-жартылай" in printed
        assert "<nav" not in printed
        client.force_login(staff)
        response = client.post(
            reverse("lawmaking:adopt", args=[closed_draft.pk]),
            {
                "adopted_text_ky": "Кабыл алынган текст",
                "adopted_text_ru": "Принятый текст",
                "decision_number": "12-3",
                "decision_date": "2026-03-20",
                "decision_url": "https://example.kg/decision-12-3",
            },
        )
        assert response.status_code == 302
    closed_draft.refresh_from_db()
    assert closed_draft.status == Draft.Status.ADOPTED
    html = client.get(closed_draft.get_absolute_url()).content.decode()
    assert "Кабыл алынган текст" in html
    assert "https://example.kg/decision-12-3" in html


def test_summary_is_hidden_from_the_public_while_open(client, draft):
    assert client.get(reverse("lawmaking:summary", args=[draft.pk])).status_code == 404


def test_decision_without_reason_rerenders(client, closed_draft, staff_of):
    client.force_login(staff_of(closed_draft.municipality))
    comment = closed_draft.comments.first()
    with freeze_time("2026-03-17"):
        response = client.post(
            reverse("lawmaking:decide", args=[comment.pk]), {"decision": "accepted"}
        )
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    comment.refresh_from_db()
    assert comment.decision == ""


def test_summary_pdf_report_type(closed_draft):
    from portal.reports import registry
    from portal.reports.services import render_report_html

    report_type = registry.get("draft-summary")
    assert report_type is not None
    draft = report_type.load(closed_draft.pk)
    with freeze_time("2026-03-10"):
        assert not report_type.is_public(draft)
    with freeze_time("2026-03-17"):
        assert report_type.is_public(draft)
        html = render_report_html(report_type, draft, language="ru")
    assert "Кабыл ал" in html
    assert "Четке как" in html


# --- creating, publishing ---------------------------------------------------------------------


@freeze_time("2026-04-20 06:00")
def test_staff_creates_and_publishes_a_draft(client, municipality, staff_of):
    staff = staff_of(municipality)
    client.force_login(staff)
    response = client.post(
        reverse("lawmaking:create"),
        {
            "municipality": municipality.pk,
            "title_ky": "Таштандыларды чыгаруу эрежелери",
            "title_ru": "Правила вывоза мусора",
            "explanatory_note_ky": "Себеби",
            "discussion_starts_at": "2026-05-01T09:00",
            "discussion_ends_at": "2026-06-05T18:00",
            "clauses_ky": "Биринчи.\n\nЭкинчи.",
            "clauses_ru": "Первый.\n\nВторой.",
        },
    )
    assert response.status_code == 302
    draft = Draft.objects.get()
    assert draft.status == Draft.Status.DRAFT
    assert [t.text_ru for t in _texts(draft)] == ["Первый.", "Второй."]
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.post(reverse("lawmaking:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PUBLISHED
    assert draft.published_at


@pytest.mark.parametrize(
    "bad",
    [
        {"title_ky": "", "title_ru": ""},
        {"discussion_ends_at": "2026-04-01T09:00"},
        {"discussion_ends_at": "2026-05-20T18:00"},  # 19 days: shorter than the minimum
        {"clauses_ky": "", "clauses_ru": ""},
        {"clauses_ru": "Только один."},
    ],
)
def test_bad_draft_input_rerenders_and_saves_nothing(client, municipality, staff_of, bad):
    client.force_login(staff_of(municipality))
    data = {
        "municipality": municipality.pk,
        "title_ky": "Долбоор",
        "discussion_starts_at": "2026-05-01T09:00",
        "discussion_ends_at": "2026-06-05T18:00",
        "clauses_ky": "Биринчи.\n\nЭкинчи.",
        **bad,
    }
    response = client.post(reverse("lawmaking:create"), data)
    assert response.status_code == 200
    assert b'class="error"' in response.content
    assert not Draft.objects.exists()


def test_staff_cannot_create_for_another_municipality(client, municipality_factory, staff_of):
    mine, other = municipality_factory(), municipality_factory()
    client.force_login(staff_of(mine))
    client.post(
        reverse("lawmaking:create"),
        {
            "municipality": other.pk,
            "title_ky": "x",
            "discussion_starts_at": "2026-05-01T09:00",
            "discussion_ends_at": "2026-06-05T18:00",
            "clauses_ky": "a",
        },
    )
    assert not Draft.objects.exists()


def test_empty_comment_is_not_saved(client, draft, citizen):
    client.force_login(citizen)
    client.post(reverse("lawmaking:comment", args=[draft.pk]), {"text": "   "})
    assert not DraftComment.objects.exists()


def test_draft_is_searchable_once_published(draft_factory):
    from portal.models import SearchEntry

    hidden = draft_factory(status=Draft.Status.DRAFT)
    shown = draft_factory()
    entries = dict(SearchEntry.objects.filter(kind="draft").values_list("object_id", "is_public"))
    assert entries == {hidden.pk: False, shown.pk: True}


def test_phase_follows_the_clock(period_draft):
    with freeze_time(START - datetime.timedelta(seconds=1)):
        assert period_draft.phase == "upcoming"
    with freeze_time(START):
        assert period_draft.phase == "open"
    with freeze_time(END):
        assert period_draft.phase == "review"
        assert period_draft.period_is_over
    assert timezone.is_aware(period_draft.discussion_ends_at)
