"""Keep the ky/ru catalogues complete without system gettext at run time.

  manage.py translations compile   # .po -> .mo in pure Python (the quickstart needs no gettext)
  manage.py translations update    # makemessages, then fill msgstr from locale/sources/*.json
  manage.py translations check     # fail on untranslated or fuzzy entries

locale/sources/<area>.json maps each msgid to its translations, so several people can add
strings without editing the same .po lines: {"Save": {"ky": "Сактоо", "ru": "Сохранить"}}.
Plural entries are keyed "singular||plural" with a list per language (ky one form, ru three).
"""

import json
from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGS = ("ky", "ru")
PLURAL_FORMS = {
    "ky": "nplurals=1; plural=0;",
    "ru": (
        "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
        "(n%100>=11 && n%100<=14)? 2 : 3);"
    ),
}
NPLURALS = {"ky": 1, "ru": 4}


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def load_sources() -> dict:
    merged: dict = {}
    for path in sorted((LOCALE / "sources").glob("*.json")):
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            merged[key] = value
    return merged


def problems(po) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                found.append(f"untranslated plural: {entry.msgid!r}")
        elif not entry.msgstr:
            found.append(f"untranslated: {entry.msgid!r}")
    return found


class Command(BaseCommand):
    help = "Compile, update or check the Kyrgyz and Russian catalogues."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["compile", "update", "check"])

    def handle(self, *args, action: str, **options):
        getattr(self, f"do_{action}")()

    def do_compile(self) -> None:
        for lang in LANGS:
            po = polib.pofile(str(po_path(lang)))
            po.save_as_mofile(str(po_path(lang).with_suffix(".mo")))
        self.stdout.write("catalogues compiled")

    def do_update(self) -> None:
        call_command(
            "makemessages",
            locale=list(LANGS),
            ignore_patterns=[".venv/*", "var/*", "staticfiles/*", "tests/*", "bench/*"],
            no_obsolete=True,
            no_location=True,
            verbosity=0,
        )
        sources = load_sources()
        for lang in LANGS:
            po = polib.pofile(str(po_path(lang)), wrapwidth=100)
            po.metadata["Plural-Forms"] = PLURAL_FORMS[lang]
            po.metadata["Language"] = lang
            po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
            for entry in po:
                key = f"{entry.msgid}||{entry.msgid_plural}" if entry.msgid_plural else entry.msgid
                if entry.msgctxt:
                    key = f"{entry.msgctxt}::{key}"
                value = sources.get(key, {}).get(lang)
                if value is None:
                    continue
                if entry.msgid_plural:
                    forms = value if isinstance(value, list) else [value]
                    forms = (forms + [forms[-1]] * NPLURALS[lang])[: NPLURALS[lang]]
                    entry.msgstr_plural = dict(enumerate(forms))
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                # msgmerge's "#| previous msgid" notes belong to fuzzy entries only; keeping them
                # would make the next run differ (CI checks that a run changes nothing).
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            po.metadata_is_fuzzy = False
            po.save()
        self.do_compile()
        self.do_check()

    def do_check(self) -> None:
        missing = []
        for lang in LANGS:
            missing += [f"{lang}: {p}" for p in problems(polib.pofile(str(po_path(lang))))]
        if missing:
            raise CommandError("incomplete catalogues:\n" + "\n".join(missing))
        self.stdout.write("catalogues complete")
