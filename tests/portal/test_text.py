"""portal.text: one normalisation for names and short texts, wired into the forms."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from participation.lawmaking.forms import DraftCommentForm
from participation.models import Comment
from portal.forms import ProfileForm
from portal.text import clean_name
from portal.text import clean_text
from portal.text import skeleton
from practices.questions.forms import QuestionForm
from practices.questions.models import Question
from tests.participation.factories import EventFactory

# --- the functions -------------------------------------------------------------------------


def test_nfc():
    decomposed = "Соловье\u0308в Ми\u0306рбек"  # "е" + diaeresis, "и" + breve
    assert unicodedata.normalize("NFC", decomposed) != decomposed
    assert clean_text(decomposed) == "Соловьёв Мйрбек"
    assert clean_name(decomposed) == "Соловьёв Мйрбек"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("report\u202efdp.exe", "reportfdp.exe"),  # right-to-left override
        ("a\u202ab\u202bc\u202cd\u202de", "abcde"),  # embeddings and pop
        ("x\u2066y\u2067z\u2068w\u2069", "xyzw"),  # isolates
        ("Ай\u200bгүл\u200c\u200d\ufeff", "Айгүл"),  # zero-width space, joiners, BOM
        ("Ай\u00adгүл\u200e\u200f\u2060", "Айгүл"),  # soft hyphen, LRM/RLM, word joiner
        ("Ай\x00гүл\x07\x1b", "Айгүл"),  # controls
        ("  Айгүл \t  Токтогулова\n", "Айгүл Токтогулова"),  # white space on one line
    ],
)
def test_invisible_and_direction_characters_are_stripped(typed, kept):
    assert clean_text(typed) == kept


def test_multiline_text_keeps_paragraphs_but_not_controls():
    typed = "Биринчи\u202e сап\r\n\r\n\r\n\r\nЭкинчи  сап\u2028үчүнчү\x0b"
    assert clean_text(typed, multiline=True) == "Биринчи сап\n\nЭкинчи сап\nүчүнчү"


@pytest.mark.parametrize("typed", ["\u200b\u200b\u200b", "\u202e\u2066", "...", "1234", "!!"])
def test_a_name_without_letters_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        clean_name(typed)
    assert refused.value.code == "no_letters"


def test_the_length_limit_applies_before_processing():
    with pytest.raises(ValidationError) as refused:
        clean_text("\u200b" * 10_000, max_length=100)
    assert refused.value.code == "max_length"
    assert clean_text("а" + "\u200b" * 150, max_length=100) == "а"  # within twice the limit


def test_skeleton_folds_lookalikes():
    assert skeleton("\u0410dmin") == skeleton("Admin")  # Cyrillic А
    assert skeleton("Аdmіn") == skeleton("Admin")  # Cyrillic А and і
    assert skeleton("Ａｄｍｉｎ") == skeleton("Admin")  # full-width
    assert skeleton("Ad\u200bmin") == skeleton("Admin")
    assert skeleton("Асан") != skeleton("Усон")


# --- the display name (profile form) ---------------------------------------------------------


@pytest.mark.django_db
def test_profile_refuses_a_zero_width_name_in_ky_and_ru(client, user):
    client.force_login(user)
    for lang, words in (("ky", "тамга"), ("ru", "букв")):
        response = client.post(
            f"/{lang}/profile/", {"display_name": "\u200b\u200b", "preferred_language": lang}
        )
        assert response.status_code == 200
        assert words in response.content.decode()
    old = user.display_name
    user.refresh_from_db()
    assert user.display_name == old


@pytest.mark.django_db
def test_profile_stores_the_normalised_name(client, user):
    client.force_login(user)
    response = client.post(
        "/ky/profile/",
        {"display_name": "report\u202efdp.exe Ке\u0308л", "preferred_language": "ky"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "reportfdp.exe Кёл"


@pytest.mark.django_db
def test_a_lookalike_of_a_staff_name_is_refused(
    user_factory, staff_membership_factory, municipality
):
    staff = user_factory(display_name="Admin")
    staff_membership_factory(user=staff, municipality=municipality)
    moderator = user_factory(display_name="Модератор", is_moderator=True)
    citizen = user_factory(display_name="")
    for lang in ("ky", "ru"):
        with translation.override(lang):
            form = ProfileForm(
                {"display_name": "\u0410dmin", "preferred_language": "ky"}, instance=citizen
            )
            assert not form.is_valid()
            assert form.errors.as_data()["display_name"][0].code == "lookalike"
            assert "staff" not in str(form.errors)  # translated, no English
    # Latin "o" and "p" in a Cyrillic word: the moderator's name in disguise.
    form = ProfileForm({"display_name": "Мoдеpатор", "preferred_language": "ky"}, instance=citizen)
    assert not form.is_valid()
    # The very same name is a namesake, not a disguise; other names pass; the staff member
    # keeps his own name.
    for name in ("Admin", "Адмиралтейство", "Асан"):
        form = ProfileForm({"display_name": name, "preferred_language": "ky"}, instance=citizen)
        assert form.is_valid(), (name, form.errors)
    form = ProfileForm({"display_name": "Admin", "preferred_language": "ky"}, instance=staff)
    assert form.is_valid()
    assert moderator.pk


@pytest.mark.django_db
def test_a_lookalike_of_a_citizens_name_is_not_refused(user_factory):
    user_factory(display_name="Admin")  # not staff
    citizen = user_factory(display_name="")
    form = ProfileForm({"display_name": "\u0410dmin", "preferred_language": "ky"}, instance=citizen)
    assert form.is_valid()


# --- citizens' short texts ---------------------------------------------------------------------


@pytest.mark.django_db
def test_comment_text_is_normalised(client, citizen):
    event = EventFactory()
    client.force_login(citizen)
    client.post(f"/ky/events/{event.pk}/comments/", {"text": "Көп\u202e рахмат\u200b Ке\u0308л"})
    assert Comment.objects.get().text == "Көп рахмат Кёл"


@pytest.mark.django_db
def test_an_invisible_comment_is_refused(client, citizen):
    event = EventFactory()
    client.force_login(citizen)
    client.post(f"/ky/events/{event.pk}/comments/", {"text": "\u200b\u202e\u2066"})
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_question_title_and_text_are_normalised(client, citizen, municipality):
    client.force_login(citizen)
    response = client.post(
        reverse("questions:ask"),
        {
            "municipality": municipality.slug,
            "title": "report\u202efdp.exe\nжарык",
            "text": "Качан\u200b оңдолот?\r\n\r\n\r\nРахмат",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.title, question.text) == ("reportfdp.exe жарык", "Качан оңдолот?\n\nРахмат")


@pytest.mark.django_db
def test_question_and_draft_comment_forms_refuse_invisible_text(municipality):
    form = QuestionForm({"municipality": municipality.slug, "title": "\u200b", "text": "\u2066"})
    assert not form.is_valid()
    assert set(form.errors) == {"title", "text"}
    form = DraftCommentForm({"text": "\u200b\u200d"})
    assert not form.is_valid()
    assert "text" in form.errors
    form = DraftCommentForm({"text": "Жакшы\u202e сунуш"})
    assert form.is_valid()
    assert form.cleaned_data["text"] == "Жакшы сунуш"
