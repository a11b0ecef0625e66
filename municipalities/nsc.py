"""Read the statistics office's population workbook: the official current list of units.

The National Statistical Committee publishes every spring «Численность постоянного населения
областей, районов, городов, айылных аймаков и айылов (сел) Кыргызской Республики»
(stat.gov.kg, statistics → download → operational, item 825; CC BY-NC-SA 4.0, cite the
Committee). One sheet per oblast plus one for the republic with Bishkek and Osh; each row a
unit or a village with its 14-digit SOATE code, its Russian name and its population.

This module turns such a workbook (.xls or .xlsx) into rows that know what kind of unit their
code stands for, fixing the file's known quirks on the way. It touches no database; the
import (``nsc_import.py``) compares the rows with the directory.

A SOATE code reads 417 | OO oblast | RRR | AAA | VVV:
  RRR 2xx/3xx a rayon, 4xx a city of oblast significance, 000 the oblast itself;
  AAA 8xx an ayil aimak, 4xx/6xx a town (city of rayon significance), 5xx an urban-type
  settlement; 800 with VVV 000 under a city groups "the villages under the city";
  VVV the place (village) within the unit, 0xx the town itself.
Bishkek (41711) and Osh (41721) have their own oblast segment; Bishkek's rows 2xx are its
city districts.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from portal import folding

BISHKEK, OSH = "41711000000000", "41721000000000"
CAPITALS = {"11": BISHKEK, "21": OSH}
# The capital each oblast surrounds: its units were the ones taken into the city in 2024.
CAPITAL_OF_OBLAST = {"08": BISHKEK, "06": OSH}

# Known quirks of the workbook (see ../shared/domain/reform_2024.md, last section).
ARAVAN_WRONG, ARAVAN = "41706211800000", "41706211000000"
# Naryn city is coded without its 4xx segment; the directory keeps the classifier's code.
NARYN_PREFIX_WRONG, NARYN_PREFIX = "41704000", "41704400"
# Jalal-Abad city appears as «г. Манас» under its old code in the 2026 file; no act renaming
# the city was seen, so the import reports it for review instead of renaming the city.
UNCONFIRMED_RENAMES = {"41703410000010": "манас"}

UNIT_KINDS = (
    "oblast", "city_republican", "city_district", "rayon", "city_oblast", "city_rayon",
    "ayil_aimak",
)
CITY_KINDS = frozenset({"city_republican", "city_oblast", "city_rayon"})
# Parents before children when units are created.
KIND_ORDER = {kind: n for n, kind in enumerate(UNIT_KINDS)}

_LATIN_LOOKALIKES = str.maketrans("AaBCcEeHKkMOoPpTXxy", "АаВСсЕеНКкМОоРрТХху")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_CYRILLIC = re.compile(r"[а-яёөүң]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)
_YEAR_IN_TITLE = re.compile(r"на\s+(?:начало|1\s*января)\s+(20\d\d)", re.IGNORECASE)
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_CODE_LIKE = re.compile(r"^\s*417[\d\s]{5,}$")  # 8 digits or more: no population is


class NscFileError(Exception):
    """The file cannot be read as the statistics office's workbook; nothing was changed."""


@dataclass
class NscRow:
    sheet: str
    line: int  # row number in its sheet, from 1, as a spreadsheet program shows it
    code: str  # 14 digits, quirks fixed
    name: str  # cleaned Russian name
    population: int | None
    kind: str  # one of UNIT_KINDS, "village", or "skip"
    unit_code: str = ""  # for a village: the unit it belongs to
    raw_code: str = ""
    fixes: list[str] = field(default_factory=list)
    reason: str = ""  # why a row is skipped

    @property
    def is_unit(self) -> bool:
        return self.kind in UNIT_KINDS

    @property
    def where(self) -> str:
        return f"sheet «{self.sheet}» row {self.line}"


@dataclass
class NscWorkbook:
    path: Path
    sheets: list[str]
    rows: list[NscRow]
    titles: list[str]
    skipped: list[NscRow]  # rows that look like a unit but cannot be used, with the reason

    @property
    def units(self) -> list[NscRow]:
        return [row for row in self.rows if row.is_unit]

    @property
    def villages(self) -> list[NscRow]:
        return [row for row in self.rows if row.kind == "village"]

    def year(self) -> tuple[int | None, str]:
        """The year the figures are for (start of that year), and where it was read."""
        for title in self.titles:
            match = _YEAR_IN_TITLE.search(title)
            if match:
                return int(match.group(1)), f"the title «…{match.group(0)}…»"
        match = _YEAR_IN_NAME.search(self.path.name)
        if match:
            return int(match.group(1)), f"the file name {self.path.name}"
        return None, ""


# --- names -----------------------------------------------------------------------------------


def clean_name(text: str) -> tuple[str, bool]:
    """Whitespace collapsed; Latin look-alike letters in a Cyrillic name made Cyrillic.

    Returns the name and whether letters were replaced (the workbook has «c» for «с»).
    Roman numerals stay as they are.
    """
    text = " ".join(str(text).split())
    if not _CYRILLIC.search(text) or not _LATIN.search(text):
        return text, False
    words = []
    for word in text.split(" "):
        roman = _ROMAN.match(word.strip(".,()"))
        words.append(word if roman else word.translate(_LATIN_LOOKALIKES))
    fixed = " ".join(words)
    return fixed, fixed != text


_GENERIC = re.compile(
    r"\b(айылный\s+аймак|айыл\s+аймагы|айылный|аймагы|аймак|а/а|районы|району|район|"
    r"областы|облусу|область|город|шаары|село|пгт|им\.|имени|атындагы)"
    r"(?![а-я])",
)
_PREFIX = re.compile(r"^(?:г|с|п|пгт|уч|ж/м)\.\s*|^(?:[Сс]ело|пгт|[Пп]оселок|[Пп]осёлок)\s+")
_ADJECTIVE = re.compile(r"(нский|ский|ская|ское|ской|ского|ские|цкий|цкая)$")
_ENDING = re.compile(r"(ка|а|о|е|у|ы|и|я)$")  # -ово → -ов, -ка → stem


def fold(text: str) -> str:
    """Lower case with ё/ө/ү/ң folded, so Kyrgyz and Russian spellings of a name meet."""
    return folding.fold(clean_name(text)[0])


def place_key(name: str) -> str:
    """A village's name as compared: "с. Кара-Булак" and "Кара Булак" meet."""
    text = re.sub(r"\(.*?\)", " ", fold(name)).strip()
    text = _PREFIX.sub("", text)
    return re.sub(r"[^а-яa-z0-9]", "", text)


def stem_key(key: str) -> str:
    """A looser form: the Russian endings -ка, -ово, -ино and final vowels dropped."""
    return _ENDING.sub("", key) if len(key) > 4 else key


def name_key(name: str) -> str:
    """A unit's name without its kind words and adjective endings, loosely spelled.

    "Тепкенский айылный аймак", "Тепке айыл аймагы" and "айылный аймак Тепке" meet; so do
    "г. Кант" and "Кант шаары". Used to tell a new spelling from a new name.
    """
    text = re.sub(r"\(.*?\)", " ", fold(name))
    text = _PREFIX.sub("", text.strip())
    text = _GENERIC.sub(" ", text)
    words = []
    for word in re.split(r"[\s\-–.]+", text):
        word = re.sub(r"[^а-яa-z0-9]", "", word)
        if not word:
            continue
        word = _ADJECTIVE.sub("", word) if len(word) > 6 else word
        words.append(stem_key(word))
    return "".join(words)


# Russian spellings of Kyrgyz name parts (as in the names derived for the 453 ayil aimaks).
_KY_PARTS = [
    (r"\bДж", "Ж"), (r"\bдж", "ж"), (r"\bКек\b", "Көк"), (r"\bКок\b", "Көк"),
    (r"\bКек-", "Көк-"), (r"\bКок-", "Көк-"), (r"\bТюп", "Түп"), (r"\bУч\b", "Үч"),
    (r"\bУч-", "Үч-"), (r"\bМин-", "Миң-"), (r"\bЧон-", "Чоң-"), (r"\bТерт-", "Төрт-"),
    (r"-Тюбе\b", "-Төбө"), (r"-Куль\b", "-Көл"), (r"-Кель\b", "-Көл"), (r"\bКель-", "Көл-"),
    (r"Гюль", "Гүл"), (r"\bУзген", "Өзгөн"), (r"\bИссык", "Ысык"), (r"\bЖаны-", "Жаңы-"),
    (r"-Дебе\b", "-Дөбө"), (r"Булун\b", "Булуң"), (r"-Огуз\b", "-Өгүз"), (r"(?<=[лн])ь", ""),
]
_KY_SUFFIX = {
    "ayil_aimak": "айыл аймагы",
    "city_republican": "шаары",
    "city_oblast": "шаары",
    "city_rayon": "шаары",
    "rayon": "району",
    "city_district": "району",
    "oblast": "облусу",
}
_RU_ADJECTIVE = re.compile(
    r"^(?P<stem>[А-ЯЁа-яё\-.]+?)(?P<end>уйский|уйская|ский|ская|ское|цкий|цкая)$"
)


def _noun_from_adjective(word: str, places: Iterable[str]) -> str:
    """"Кара-Булакский" → "Кара-Булак"; a village of the unit with the same stem wins."""
    match = _RU_ADJECTIVE.match(word)
    if not match:
        return word
    wanted = name_key(word)
    for place in places:
        cleaned = _PREFIX.sub("", clean_name(place)[0]).strip()
        if name_key(cleaned) == wanted and cleaned:
            return cleaned
    stem, end = match.group("stem"), match.group("end")
    if end.startswith("уй"):
        return stem + "уу"  # Ак-Суйский → Ак-Суу
    if stem.endswith("ын") and len(stem) > 4:
        return stem[:-1]  # Суу-Башынский → Суу-Башы
    if stem.endswith("дин") and len(stem) > 5:
        return stem[:-2] + _high_vowel(stem[:-3])  # Кулундинский → Кулунду
    if stem.endswith("ин") and len(stem) > 5:
        return stem[:-2] + "а"  # Ала-Арчинский → Ала-Арча
    if stem.endswith("ян") and len(stem) > 5:
        return stem[:-1]  # Кара-Дарыянский → Кара-Дарыя
    if stem.endswith("ен") and len(stem) > 4:
        return stem[:-1]  # Тепкенский → Тепке
    return stem


def _high_vowel(stem: str) -> str:
    """The Kyrgyz close vowel that harmonises with the stem's last vowel (ы, и, у, ү)."""
    for letter in reversed(stem.lower()):
        if letter in "аы":
            return "ы"
        if letter in "еиэ":
            return "и"
        if letter in "оу":
            return "у"
        if letter in "өү":
            return "ү"
    return "ы"


def kyrgyz_name_by_rule(name_ru: str, kind: str, places: Iterable[str] = ()) -> str:
    """A Kyrgyz name derived from the Russian one, for a person to check.

    The Russian adjective becomes the place name (taken from one of the unit's own villages
    when one matches), Russian spellings of Kyrgyz words are undone for the common parts
    (Дж → Ж, Кек → Көк, Уч → Үч …) and the Kyrgyz kind word is added:
    "Кара-Булакский айылный аймак" → "Кара-Булак айыл аймагы", "г. Кант" → "Кант шаары".
    """
    places = list(places)
    text = clean_name(name_ru)[0]
    text = re.sub(r"^(г|с)\.\s*", "", text)
    text = re.sub(
        r"\s*\b(айылный аймак|а/а|район|область|город)\b\s*", " ", text, flags=re.IGNORECASE
    )
    named_after = re.search(r"\bим(\.|ени)\s*", text) is not None
    text = re.sub(r"\s*\bим(\.|ени)\s*", " ", text).strip()
    words = [_noun_from_adjective(word, places) for word in text.split()]
    if named_after:  # "имени Суймонкула Чокморова": the genitive back to the nominative
        words = [re.sub(r"(?<=[бвгджзклмнпрстфхцчшщ])а$", "", word) for word in words]
    base = " ".join(words)
    for pattern, replacement in _KY_PARTS:
        base = re.sub(pattern, replacement, base)
    suffix = _KY_SUFFIX.get(kind, "")
    return f"{base} {suffix}".strip() if base else ""


# --- codes -----------------------------------------------------------------------------------


def digits(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\D", "", str(value))


def _population(value) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return round(value) if value >= 0 else None
    text = re.sub(r"[\s\u00a0]", "", str(value))
    return int(text) if text.isdigit() else None


def classify(code: str, name: str) -> tuple[str, str, str]:
    """(kind, unit code for a village, reason for a skipped row) of a fixed 14-digit code."""
    oo, rrr, aaa, vvv = code[3:5], code[5:8], code[8:11], code[11:14]
    folded = fold(name)
    if oo == "00":
        return "skip", "", "the republic's total, not a unit"
    if oo in CAPITALS:
        capital = CAPITALS[oo]
        if code == capital:
            return "city_republican", "", ""
        if rrr[0] == "2" and aaa == vvv == "000":
            return "city_district", "", ""
        if vvv != "000":
            return "village", capital, ""
        return "skip", "", "a grouping row of the capital, not a unit"
    if rrr == aaa == vvv == "000":
        return "oblast", "", ""
    if rrr[0] == "4":  # a city of oblast significance and its villages
        city = code[:8] + "000010"
        if aaa == "000" and vvv == "010":
            return "city_oblast", "", ""
        if aaa == "800" and vvv == "000":
            return "skip", "", "a grouping row (villages under the city), not a unit"
        return "village", city, ""
    if aaa == vvv == "000":
        return "rayon", "", ""
    if aaa[0] == "8":
        if vvv == "000":
            return "ayil_aimak", "", ""
        return "village", code[:11] + "000", ""
    if aaa[0] in "456":
        is_settlement = aaa[0] == "5" or folded.startswith(("пгт", "п.", "поселок", "посёлок"))
        if vvv[0] == "0" and vvv != "000":
            if is_settlement and not folded.startswith("г."):
                return "skip", "", "an urban-type settlement (пгт), not a self-governing unit"
            return "city_rayon", "", ""
        if vvv == "800":
            return "skip", "", "a grouping row (villages under the town), not a unit"
        return "village", "", ""  # its town is found from the rows above it
    return "skip", "", "a code of no known kind"


def fix_code(raw: str, name: str) -> tuple[str, list[str]]:
    fixes = []
    if raw == ARAVAN_WRONG and "район" in fold(name):
        fixes.append(f"Aravan rayon's known wrong code {ARAVAN_WRONG} read as {ARAVAN}")
        return ARAVAN, fixes
    if raw.startswith(NARYN_PREFIX_WRONG) and raw != NARYN_PREFIX_WRONG + "000000":
        fixed = NARYN_PREFIX + raw[8:]
        fixes.append(f"Naryn city's code {raw} (without its 4xx segment) read as {fixed}")
        return fixed, fixes
    return raw, fixes


# --- reading ---------------------------------------------------------------------------------


def _read_sheets(path: Path) -> list[tuple[str, list[list]]]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError as error:  # pragma: no cover - a dependency of the project
        raise NscFileError("python-calamine is not installed (pip install .)") from error
    if not path.is_file():
        raise NscFileError(f"{path}: no such file")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return [
            (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except Exception as error:  # calamine raises its own errors and a few of Python's
        raise NscFileError(
            f"{path.name}: not a readable Excel workbook (.xls or .xlsx): {error}"
        ) from error


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_workbook(path: Path) -> NscWorkbook:
    """Every row of every sheet with a SOATE code, classified; raises NscFileError."""
    sheets = _read_sheets(Path(path))
    rows: list[NscRow] = []
    skipped: list[NscRow] = []
    titles: list[str] = []
    seen: dict[str, NscRow] = {}
    for sheet, cells in sheets:
        last_town: dict[str, str] = {}  # 11-digit prefix -> the town row above
        for index, raw_row in enumerate(cells):
            values = [_text(v) for v in raw_row]
            position = next(
                (i for i, v in enumerate(values) if v and _CODE_LIKE.match(v)), None
            )
            if position is None:
                if index < 12:
                    titles.extend(v for v in values if len(v) > 20)
                continue
            raw = digits(values[position])
            rest = raw_row[position + 1 :]
            name_at = next(
                (i for i, v in enumerate(rest) if _text(v) and not _CODE_LIKE.match(_text(v))
                 and re.search(r"[^\d\s.,-]", _text(v))),
                None,
            )
            name, replaced = (
                clean_name(_text(rest[name_at])) if name_at is not None else ("", False)
            )
            population = None
            if name_at is not None:
                for value in rest[name_at + 1 :]:
                    if _text(value):
                        population = _population(value)
                        break
            row = NscRow(sheet=sheet, line=index + 1, code=raw, name=name,
                         population=population, kind="skip", raw_code=values[position])
            if len(raw) != 14:
                row.reason = f"code «{values[position]}» has {len(raw)} digits, not 14"
                skipped.append(row)
                continue
            if not name:
                row.reason = f"code {raw} has no name beside it"
                skipped.append(row)
                continue
            if " " in values[position].strip():
                row.fixes.append(f"code «{values[position]}» written with spaces")
            if replaced:
                row.fixes.append("Latin letters in the name read as Cyrillic")
            row.code, code_fixes = fix_code(raw, name)
            row.fixes.extend(code_fixes)
            row.kind, row.unit_code, row.reason = classify(row.code, name)
            if row.kind == "city_rayon":
                last_town[row.code[:11]] = row.code
            elif row.kind == "village" and not row.unit_code:
                row.unit_code = last_town.get(row.code[:11], "")
                if not row.unit_code:
                    row.kind, row.reason = "skip", "a village of a town not listed above it"
            if row.kind == "skip":
                skipped.append(row)
                continue
            if row.kind == "village":
                row.name = _PREFIX.sub("", row.name).strip() or row.name
            earlier = seen.get(row.code)
            if earlier is not None:
                if name_key(earlier.name) != name_key(row.name):
                    row.kind = "skip"
                    row.reason = (
                        f"code {row.code} again, with another name than on {earlier.where} "
                        f"(«{earlier.name}»); the first is used"
                    )
                    skipped.append(row)
                continue  # the republic's sheet repeats the oblast rows
            seen[row.code] = row
            rows.append(row)
    if not any(row.is_unit for row in rows):
        raise NscFileError(
            f"{Path(path).name}: no row with a 14-digit SOATE code and a unit's name was "
            "found. Is this the statistics office's workbook «Численность постоянного "
            "населения областей, районов, городов, айылных аймаков и айылов (сел)»?"
        )
    return NscWorkbook(path=Path(path), sheets=[name for name, _ in sheets], rows=rows,
                       titles=titles, skipped=skipped)
