"""Kyrgyz words: one translation per msgid, no English in the Kyrgyz catalogue, the right
word for the right thing (glossary: ../shared/domain/glossary.csv)."""

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.portal.test_kyrgyz_pages import english_sentences

SOURCES = Path(settings.BASE_DIR) / "locale" / "sources"


def _sources() -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(SOURCES.glob("*.json"))}


def _ky_values():
    for name, entries in _sources().items():
        for msgid, value in entries.items():
            for text in value["ky"] if isinstance(value["ky"], list) else [value["ky"]]:
                yield name, msgid, text


def test_a_msgid_has_one_translation_in_every_source_file():
    """The catalogue takes the last file's value: "Report" (a comment) came out as "Отчет"
    (a PDF report), "Name" (a unit) as "Аты-жөнү" (a person). Different meanings need
    different msgids or a context (`pgettext`)."""
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for name, entries in _sources().items():
        for msgid, value in entries.items():
            seen[msgid][name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    conflicts = [f"{msgid!r}: {sorted(files)}" for msgid, files in seen.items()
                 if len(set(files.values())) > 1]
    assert not conflicts, "\n".join(conflicts)


def test_no_english_sentence_in_the_kyrgyz_catalogue():
    found = []
    for name, msgid, text in _ky_values():
        text = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|<[^>]+>", " ", text)
        found += [f"{name}: {msgid!r} -> {s!r}" for s in english_sentences(text)]
    assert not found, "\n".join(found)


# Words that are Russian (or a Russian spelling) where Kyrgyz has its own, per the glossary.
RUSSIAN_IN_KYRGYZ = {
    r"\bОтчёт": "отчет (Kyrgyz spelling without ё)",
    r"\bжалоб": "даттануу",
    r"\bпостановлени": "токтом",
    r"\bсход\b": "жыйын",
    r"\bслушани": "угуу",
    r"\bдата": "күнү",
    r"\bФИО\b": "аты-жөнү",
    r"\bили\b": "же",
    r"\bирид": "ирилештирүү (consolidation)",
}


@pytest.mark.parametrize(("pattern", "kyrgyz"), list(RUSSIAN_IN_KYRGYZ.items()))
def test_no_russian_word_in_the_kyrgyz_catalogue(pattern, kyrgyz):
    found = [f"{name}: {msgid!r} -> {text!r}" for name, msgid, text in _ky_values()
             if re.search(pattern, text, re.IGNORECASE)]
    assert not found, f"use {kyrgyz}:\n" + "\n".join(found)


@pytest.mark.parametrize(("msgid", "ky", "ru"), [
    ("Report this comment", "Даттануу", "Пожаловаться"),  # flag a comment to moderators
    ("Report", "Отчет", "Отчёт"),  # a PDF report
    ("Name", "Аталышы", "Название"),  # a unit's name (the directory's filter)
    ("Full name", "Аты-жөнү", "ФИО"),  # a person's name
    ("News item", "Жаңылык", "Новость"),
    ("News", "Жаңылыктар", "Новости"),
])
def test_one_word_per_meaning(msgid, ky, ru):
    with translation.override("ky"):
        assert translation.gettext(msgid) == ky
    with translation.override("ru"):
        assert translation.gettext(msgid) == ru


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "label", "wrong"), [
    ("ky", "Аталышы", "Аты-жөнү"),
    ("ru", "Название", "ФИО"),
])
def test_the_directory_filters_by_a_units_name_not_a_persons(client, lang, label, wrong):
    html = client.get(f"/{lang}/municipalities/directory/").content.decode()
    assert re.search(rf'<label for="id_q"[^>]*>{label}', html)
    assert wrong not in html


def test_demo_budget_lines_suit_cities_too():
    """Classification names are shared by every budget: a city has a мэрия, not an айыл
    өкмөтү, so the executive's upkeep is the neutral "ЖӨБ органы" in both languages."""
    from budgets.demo import EXPENDITURE_CODES
    from budgets.demo import REVENUE_CODES

    for _code, _category, ky, ru, _share in EXPENDITURE_CODES + REVENUE_CODES:
        assert "өкмөт" not in ky.lower()
        assert "окмоту" not in ru.lower()
    upkeep = next(c for c in EXPENDITURE_CODES if c[0] == "D-E01")
    assert upkeep[2:4] == ("ЖӨБ органынын аппаратын кармоо", "Содержание аппарата органа МСУ")


def test_demo_merger_note_says_consolidation():
    from municipalities.demo import MERGER

    assert MERGER["note_ky"].startswith("Айыл аймактарды ирилештирүү")
    assert "дата" not in MERGER["note_ky"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ky/accounts/login/", "/ky/accounts/signup/",
                                  "/ky/accounts/password/reset/"])
def test_sign_in_pages_say_syrsoz_and_elektronduk_pochta(client, path):
    """allauth's Kyrgyz says "купуя"/"эмейл", Django's "экат": portal/accounts_words.py."""
    html = client.get(path).content.decode().lower()
    assert "сырсөз" in html
    assert "электрондук почта" in html
    for wrong in ("купуя", "эмейл", "экат", "дурус"):
        assert wrong not in html, wrong
