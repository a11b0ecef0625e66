"""seed_demo, the catalogues, translated content fallback, page weight."""

import gzip
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template import Context
from django.template import Template
from django.utils import translation

from municipalities.models import Municipality
from municipalities.models import StaffMembership
from municipalities.models import Village
from portal.management.commands.seed_demo import DEMO_ACCOUNTS
from portal.management.commands.seed_demo import DEMO_PASSWORD
from portal.models import User


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_without_debug_needs_the_flag_and_a_chosen_password(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("SEED_DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="SEED_DEMO_PASSWORD"):
        call_command("seed_demo", "--without-debug")
    for weak in ("short", DEMO_PASSWORD):
        monkeypatch.setenv("SEED_DEMO_PASSWORD", weak)
        with pytest.raises(CommandError, match="SEED_DEMO_PASSWORD"):
            call_command("seed_demo", "--without-debug")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_on_a_production_like_stack(settings, monkeypatch, client):
    """DEBUG off, the flag, a chosen password: the demo, and never the published password."""
    settings.DEBUG = False
    monkeypatch.setenv("SEED_DEMO_PASSWORD", "staging-Demo-2026-long")
    call_command("seed_demo", "--without-debug", stdout=None)
    assert Municipality.objects.filter(kind="oblast").count() == 7
    for email, *_ in DEMO_ACCOUNTS:
        assert not client.login(username=email, password=DEMO_PASSWORD), email
        assert client.login(username=email, password="staging-Demo-2026-long"), email
        client.logout()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_makes_one_account_per_role(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    counts = (Municipality.objects.count(), User.objects.count(), StaffMembership.objects.count())
    call_command("seed_demo", stdout=None)
    assert counts == (
        Municipality.objects.count(),
        User.objects.count(),
        StaffMembership.objects.count(),
    )
    assert Municipality.objects.filter(kind="oblast").count() == 7
    assert Municipality.objects.filter(kind="rayon").count() == 40
    for email, *_ in DEMO_ACCOUNTS:
        assert client.login(username=email, password=DEMO_PASSWORD), email
        client.logout()
    assert User.objects.get(email="admin@demo.kg").is_superuser
    assert User.objects.get(email="moderator@demo.kg").is_moderator
    assert User.objects.get(email="monitor@demo.kg").is_monitor
    manager = StaffMembership.objects.get(user__email="manager@demo.kg")
    assert (manager.municipality.slug, manager.level) == ("karakol", "manager")


LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_catalogue_is_complete_with_the_right_plural_forms(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    expected = {"ky": "nplurals=1; plural=0;", "ru": "nplurals=4;"}[lang]
    assert po.metadata["Plural-Forms"].startswith(expected)
    assert len(po) > 50


def test_ui_strings_are_translated_at_run_time():
    with translation.override("ky"):
        assert translation.gettext("Print version") == "Басып чыгаруу версиясы"
    with translation.override("ru"):
        assert translation.gettext("Print version") == "Версия для печати"


@pytest.mark.parametrize(("lang", "forms"), [("ky", 1), ("ru", 4)])
def test_plural_entries_have_every_form_of_the_language(lang, forms):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    plurals = [entry for entry in po if entry.msgid_plural and not entry.obsolete]
    assert plurals, "the catalogue has plural entries"
    for entry in plurals:
        assert len(entry.msgstr_plural) == forms, entry.msgid
        assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.django_db
def test_translated_field_falls_back_with_a_visible_mark(municipality_factory):
    village = Village.objects.create(
        municipality=municipality_factory(), name_ky="", name_ru="Светлая Поляна"
    )
    template = Template('{% load portal_tags %}{% tr village "name" %}')
    with translation.override("ky"):
        html = template.render(Context({"village": village}))
    assert '<span lang="ru">Светлая Поляна</span>' in html
    assert 'class="fallback"' in html
    with translation.override("ru"):
        assert template.render(Context({"village": village})) == "Светлая Поляна"


@pytest.mark.django_db
def test_a_unit_name_borrowed_from_russian_keeps_its_lang_but_no_mark(municipality_factory):
    """A proper name is not an untranslated text: no "(Русский)" beside it, anywhere."""
    unit = municipality_factory(name_ky="", name_ru="Дарыинский айылный аймак")
    context = Context({"unit": unit})
    with translation.override("ky"):
        html = Template('{% load portal_tags %}{% tr unit "name" %}').render(context)
        text = Template('{% load portal_tags %}{% tr_text unit "name" %}').render(context)
        assert str(unit) == "Дарыинский айылный аймак"
    assert html == '<span lang="ru">Дарыинский айылный аймак</span>'
    assert text == "Дарыинский айылный аймак"
    with translation.override("ru"):
        assert Template('{% load portal_tags %}{% tr unit "name" %}').render(context) == (
            "Дарыинский айылный аймак"
        )


@pytest.mark.django_db
def test_kyrgyz_letters_render(client, municipality_factory):
    unit = municipality_factory(name_ky="Өрүк-Үңкүр айыл аймагы")
    html = client.get(f"/ky/municipalities/{unit.slug}/").content.decode()
    assert "Өрүк-Үңкүр айыл аймагы" in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ky/", "/ru/municipalities/"])
def test_pages_stay_under_60_kb_compressed(client, path):
    html = client.get(path).content
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+)"', html):
        found = finders.find(asset.decode().removeprefix("/static/"))
        if found is None:  # the app's own static folders (htmx ships in django_htmx)
            continue
        total += len(gzip.compress(Path(found).read_bytes()))
    assert total < 60_000
