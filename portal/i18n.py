"""Language helpers: names of our languages in themselves, and translated-field fallback.

Every translated value reaches a page through ``translated()``; the names of administrative
units through ``unit_name()``, which ``translated(unit, "name")`` calls too. A unit's name is a
proper name: when it exists in one language only it is shown as it is, with its language
marked for screen readers, but never tagged "(Русский)" as an untranslated text would be.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский"}
UNIT_MODEL = "municipalities.municipality"


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


@dataclass(frozen=True)
class TranslatedValue:
    text: str
    language: str
    is_fallback: bool
    # A proper name borrowed from the other language is shown without the fallback mark.
    is_proper_name: bool = False

    def __str__(self) -> str:
        return self.text


def _lookup(obj, field: str, language: str | None, *, proper_name: bool) -> TranslatedValue:
    language = (language or get_language() or "ky")[:2]
    order = [language] + [code for code in LANGUAGE_NAMES if code != language]
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return TranslatedValue(str(value), code, code != language, proper_name)
    return TranslatedValue("", language, False, proper_name)


def is_unit(obj) -> bool:
    meta = getattr(obj, "_meta", None)
    return meta is not None and meta.label_lower == UNIT_MODEL


def unit_name(unit, language: str | None = None) -> TranslatedValue:
    """The one way a unit's name reaches a page, a title, a PDF, a mail, a label or an export.

    In the active language; a unit without a name in it (the reference data or a new unit may
    lack the Kyrgyz one) shows the other language's name, with that language in ``language``
    so that HTML can say ``lang="ru"`` — and no "(Русский)" tag.
    """
    return _lookup(unit, "name", language, proper_name=True)


def translated(obj, field: str, language: str | None = None) -> TranslatedValue:
    """The field in the active language, or in the other one, saying which it was."""
    if field == "name" and is_unit(obj):
        return unit_name(obj, language)
    return _lookup(obj, field, language, proper_name=False)
