"""Language helpers: names of our languages in themselves, and translated-field fallback."""

from dataclasses import dataclass

from django.utils.translation import get_language

LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


@dataclass(frozen=True)
class TranslatedValue:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def translated(obj, field: str, language: str | None = None) -> TranslatedValue:
    """The field in the active language, or in the other one, saying which it was."""
    language = (language or get_language() or "ky")[:2]
    order = [language] + [code for code in LANGUAGE_NAMES if code != language]
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return TranslatedValue(str(value), code, code != language)
    return TranslatedValue("", language, False)
