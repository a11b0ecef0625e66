"""One normalisation for every name and short text a person types into the portal.

``clean_text`` is what every such field does to its input, in this order:

1. length limit on the raw input, before any processing (a megabyte of zero-width spaces is
   refused, not normalised);
2. Unicode NFC, so "ү" typed as "у" + a combining diaeresis equals the precomposed "ү" that
   search, sorting and comparisons see;
3. invisible characters stripped: controls (except line breaks and tabs in multi-line text),
   and every "format" character — zero-width spaces and joiners, the byte-order mark, soft
   hyphens, and the bidi embeddings, overrides and isolates U+202A–202E, U+2066–2069, which
   make ``report\u202efdp.exe`` display as ``reportexe.pdf``;
4. white space tidied (single-line text: runs become one space).

Names additionally need at least one letter (``clean_name``), and ``skeleton`` folds look-alike
letters so that a Cyrillic "Аdmin" cannot pose as the staff member "Admin"
(``refuse_staff_lookalike`` in ``portal/forms.py`` compares against staff names).

Why a small table and not a library: the maintained confusables packages
(``confusable_homoglyphs``, ``confusables``) are not dependencies of this project and the
shared environment cannot install new ones; Unicode's full confusables list is also far wider
than the scripts our users write (Cyrillic, Latin, some Greek from copy-paste). ``_LOOKALIKE``
covers the letters of those three scripts that render alike in common fonts, plus NFKC for
full-width and mathematical letters.

Forms use the fields at the bottom (``NameField``, ``ShortTextField``), not per-form copies.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Raw input longer than this many times the field's limit is refused before processing:
# stripping can shorten text, but not by more than that for an honest typist.
RAW_LENGTH_FACTOR = 2
_KEPT_CONTROLS_MULTILINE = {"\n", "\t"}
# Line and paragraph separators count as line breaks; other separators as spaces.
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}


def _invisible(char: str, *, multiline: bool) -> bool:
    if multiline and char in _KEPT_CONTROLS_MULTILINE:
        return False
    # Cc: controls; Cf: format characters (bidi controls U+202A–202E and U+2066–2069,
    # zero-width space/joiners U+200B–200D, LRM/RLM, word joiner, BOM, soft hyphen);
    # Co/Cs/Cn: private use, lone surrogates, unassigned.
    return unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Cn"}


def clean_text(value: str, *, max_length: int | None = None, multiline: bool = False) -> str:
    """The normalised form of ``value``; ValidationError if the raw input is far too long."""
    if max_length is not None and len(value) > max_length * RAW_LENGTH_FACTOR:
        raise ValidationError(
            _("The text is too long: at most %(limit)s characters."),
            code="max_length",
            params={"limit": max_length},
        )
    for old, new in _LINE_BREAKS.items():
        value = value.replace(old, new)
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    value = unicodedata.normalize("NFC", value)
    value = "".join(c for c in value if not _invisible(c, multiline=multiline))
    if multiline:
        lines = [" ".join(line.split()) if line.strip() else "" for line in value.split("\n")]
        value = "\n".join(lines)
        while "\n\n\n" in value:
            value = value.replace("\n\n\n", "\n\n")
        return value.strip()
    return " ".join(value.split())


def has_letters(value: str) -> bool:
    return any(unicodedata.category(c).startswith("L") for c in value)


def clean_name(value: str, *, max_length: int | None = None) -> str:
    """A person's or group's name: ``clean_text`` on one line, and it must have letters."""
    typed = value.strip()
    value = clean_text(value, max_length=max_length)
    # Something typed that leaves no letter (zero-width spaces, dots, digits) is an error,
    # not a silent empty name.
    if typed and not has_letters(value):
        raise ValidationError(_("A name must contain letters."), code="no_letters")
    return value


# Letters that render like a Latin letter in common fonts, mapped to that Latin letter.
# Upper-case entries are looked up before folding case (Cyrillic "Н" looks like "H",
# its lower case "н" does not look like "h").
_LOOKALIKE_UPPER = {
    # Cyrillic
    "А": "a", "В": "b", "Е": "e", "З": "3", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
    "С": "c", "Т": "t", "У": "y", "Х": "x", "Ү": "y", "Ѕ": "s", "І": "l", "Ј": "j", "Ԛ": "q",
    "Ԝ": "w", "Ӏ": "l",
    # Greek
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "l", "Κ": "k", "Μ": "m", "Ν": "n",
    "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    # Latin capital I looks like a lower-case l
    "I": "l",
}
_LOOKALIKE_LOWER = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ү": "y", "ѕ": "s",
    "і": "l", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ё": "e",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "l", "κ": "k", "τ": "t", "υ": "u", "χ": "x",
    # Latin and digits that pass for letters
    "i": "l", "1": "l", "|": "l", "0": "o",
}


def skeleton(value: str) -> str:
    """A fold under which look-alike names are equal: "Аdmin" (Cyrillic А) == "Admin"."""
    value = unicodedata.normalize("NFKC", clean_text(value))
    out = []
    for char in value:
        if char in _LOOKALIKE_UPPER:
            out.append(_LOOKALIKE_UPPER[char])
            continue
        for folded in char.casefold():
            out.append(_LOOKALIKE_LOWER.get(folded, folded))
    # Separators do not tell names apart either: "Ad-min", "Ad min", "Admin".
    return "".join(c for c in "".join(out) if c.isalnum())


def same_name(a: str, b: str) -> bool:
    """The very same name (case aside), as opposed to one that only looks the same."""
    return clean_text(a).casefold() == clean_text(b).casefold()


class ShortTextField(forms.CharField):
    """A citizen's short text (comment, question): normalised, multi-line by default."""

    def __init__(self, *, multiline: bool = True, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_text(value, max_length=self.max_length, multiline=self.multiline)


class NameField(forms.CharField):
    """A display name or other name: normalised, one line, letters required."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_name(value, max_length=self.max_length)
