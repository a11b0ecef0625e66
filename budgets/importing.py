"""Budget spreadsheets: the template we offer (CSV and XLSX, Kyrgyz or Russian headers) and
the checks an upload passes before anything is saved.

Problems are kept as codes with parameters and turned into sentences when shown, so the
uploader reads them in the language of the page. Row numbers are spreadsheet rows (the header
is row 1); columns are spreadsheet letters.
"""

import csv
import io
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from decimal import InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.utils.translation import pgettext_lazy

from portal.exports import csv_bytes
from portal.exports import xlsx_bytes

from .models import ClassificationCode
from .models import Direction

MAX_ROWS = 2000
MAX_AMOUNT = Decimal("99999999999999.99")
COLUMNS = ["section", "code", "name_ky", "name_ru", "approved", "revised", "executed"]
AMOUNT_COLUMNS = ["approved", "revised", "executed"]
# The spreadsheet's own words carry a context, so that no other section's translation of
# "Section" or "Revenue" can change what the template says and the parser expects.
COLUMN_LABELS = {
    "section": pgettext_lazy("budget spreadsheet", "Section"),
    "code": pgettext_lazy("budget spreadsheet", "Code"),
    "name_ky": pgettext_lazy("budget spreadsheet", "Name in Kyrgyz"),
    "name_ru": pgettext_lazy("budget spreadsheet", "Name in Russian"),
    "approved": pgettext_lazy("budget spreadsheet", "Approved, som"),
    "revised": pgettext_lazy("budget spreadsheet", "Revised, som"),
    "executed": pgettext_lazy("budget spreadsheet", "Executed, som"),
}
SECTION_LABELS = {
    "revenue": pgettext_lazy("budget spreadsheet", "Revenue"),
    "expenditure": pgettext_lazy("budget spreadsheet", "Expenditure"),
    "revenue_total": pgettext_lazy("budget spreadsheet", "Revenue total"),
    "expenditure_total": pgettext_lazy("budget spreadsheet", "Expenditure total"),
}
MESSAGES = {
    "file_unreadable": gettext_noop("The file could not be read as %(kind)s."),
    "file_type": gettext_noop("Upload a .csv or .xlsx file made from the template."),
    "xlsx_unavailable": gettext_noop(
        "XLSX files cannot be read on this server yet; save the sheet as CSV and upload that."
    ),
    "too_many_rows": gettext_noop("The file has more than %(max)s rows."),
    "missing_column": gettext_noop("The column “%(column)s” is missing from the header row."),
    "no_lines": gettext_noop("The file has no budget lines with amounts."),
    "unknown_section": gettext_noop(
        "“%(value)s” is not a section; use Revenue, Expenditure, Revenue total or "
        "Expenditure total."
    ),
    "code_missing": gettext_noop("The code is empty."),
    "unknown_code": gettext_noop("The code %(value)s is not in the budget classification."),
    "code_wrong_section": gettext_noop(
        "The code %(value)s belongs to the other section of the budget."
    ),
    "duplicate_code": gettext_noop("The code %(value)s appears again (first in row %(first)s)."),
    "not_a_number": gettext_noop("“%(value)s” is not a number."),
    "negative": gettext_noop("Amounts cannot be negative (%(value)s)."),
    "too_precise": gettext_noop("Use at most two digits after the decimal mark (%(value)s)."),
    "too_large": gettext_noop("The amount %(value)s is too large."),
    "approved_missing": gettext_noop("The approved amount is empty but other amounts are filled."),
    "total_missing": gettext_noop("The row “%(section)s” is missing."),
    "total_mismatch": gettext_noop(
        "The total %(total)s does not equal the sum of the lines, %(sum)s."
    ),
    "total_repeated": gettext_noop("The row “%(section)s” appears twice."),
}


@dataclass
class Problem:
    code: str
    row: int | None = None
    column: str | None = None
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"code": self.code, "row": self.row, "column": self.column, "params": self.params}


def column_letter(column: str | None) -> str:
    if column not in COLUMNS:
        return ""
    return "ABCDEFG"[COLUMNS.index(column)]


def describe(problem: dict) -> dict:
    """A stored problem as the page shows it, in the active language."""
    params = dict(problem.get("params") or {})
    if params.get("column") in COLUMN_LABELS:
        params["column"] = str(COLUMN_LABELS[params["column"]])
    if "section" in params:
        params["section"] = str(SECTION_LABELS.get(params["section"], params["section"]))
    column = problem.get("column")
    return {
        "row": problem.get("row"),
        "column": column_letter(column),
        "column_label": str(COLUMN_LABELS[column]) if column in COLUMN_LABELS else "",
        "message": _(MESSAGES[problem["code"]]) % params,
    }


def _normalise(text) -> str:
    return " ".join(str(text or "").replace("\u00a0", " ").split()).casefold()


def _labels_in_all_languages(labels: dict) -> dict[str, str]:
    """label text (ky, ru, the English original, or the key itself) -> key."""
    found = {}
    for key, label in labels.items():
        found[_normalise(key)] = key
        for language in ("en", "ky", "ru"):
            with translation.override(language):
                found[_normalise(str(label))] = key
    return found


def parse_amount(raw) -> Decimal | str | None:
    """A cell as Decimal; None when empty; the string itself when it is not a number."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = str(raw).replace("\u00a0", "").replace(" ", "").replace("'", "").strip()
    if not text:
        return None
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return str(raw)
    if not value.is_finite():
        return str(raw)
    return value


# --- reading files ------------------------------------------------------------------------


def read_csv(content: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("encoding")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_xlsx(content: bytes) -> list[list]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def xlsx_available() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def read_upload(name: str, content: bytes) -> tuple[list[list] | None, list[Problem]]:
    lower = name.lower()
    if lower.endswith(".csv"):
        try:
            return read_csv(content), []
        except (ValueError, csv.Error):
            return None, [Problem("file_unreadable", params={"kind": "CSV"})]
    if lower.endswith(".xlsx"):
        if not xlsx_available():
            return None, [Problem("xlsx_unavailable")]
        try:
            return read_xlsx(content), []
        except Exception:
            return None, [Problem("file_unreadable", params={"kind": "XLSX"})]
    return None, [Problem("file_type")]


# --- checking rows ------------------------------------------------------------------------


def _amount_text(value: Decimal) -> str:
    from . import formatting

    return formatting.som(value)


def check_rows(table: list[list], codes: dict[str, ClassificationCode]) -> tuple[list, list]:
    """(lines ready to publish, problems). Lines are only good when problems is empty."""
    problems: list[Problem] = []
    if len(table) > MAX_ROWS + 1:
        return [], [Problem("too_many_rows", params={"max": MAX_ROWS})]
    header_map = _labels_in_all_languages(COLUMN_LABELS)
    section_map = _labels_in_all_languages(SECTION_LABELS)
    header = [header_map.get(_normalise(cell)) for cell in (table[0] if table else [])]
    positions = {key: index for index, key in enumerate(header) if key}
    missing = [c for c in ("section", "code", "approved") if c not in positions]
    if missing:
        return [], [Problem("missing_column", 1, c, {"column": c}) for c in missing]

    def cell(row: list, key: str):
        index = positions.get(key)
        if index is None or index >= len(row):
            return None
        value = row[index]
        return value.strip() if isinstance(value, str) else value

    lines: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    totals: dict[str, tuple[int, dict]] = {}
    for number, row in enumerate(table[1:], start=2):
        if not any(str(v).strip() for v in row if v is not None):
            continue
        section_raw = cell(row, "section")
        section = section_map.get(_normalise(section_raw))
        if section is None:
            problems.append(
                Problem("unknown_section", number, "section", {"value": str(section_raw or "")})
            )
            continue
        amounts: dict[str, Decimal | None] = {}
        row_ok = True
        for key in AMOUNT_COLUMNS:
            value = parse_amount(cell(row, key))
            if isinstance(value, str):
                problems.append(Problem("not_a_number", number, key, {"value": value}))
                row_ok = False
                continue
            if value is not None:
                shown = str(value)
                if value < 0:
                    problems.append(Problem("negative", number, key, {"value": shown}))
                    row_ok = False
                elif value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
                    problems.append(Problem("too_precise", number, key, {"value": shown}))
                    row_ok = False
                elif value > MAX_AMOUNT:
                    problems.append(Problem("too_large", number, key, {"value": shown}))
                    row_ok = False
                else:
                    value = value.quantize(Decimal("0.01"))
            amounts[key] = value
        if section.endswith("_total"):
            if section in totals:
                problems.append(Problem("total_repeated", number, "section", {"section": section}))
            totals[section] = (number, amounts)
            continue
        if all(amounts.get(k) is None for k in AMOUNT_COLUMNS) and row_ok:
            continue  # a template row left empty: no such line in this budget
        code = str(cell(row, "code") or "").strip()
        if code.endswith(".0") and code[:-2].isdigit():
            code = code[:-2]  # spreadsheet programs turn codes into numbers
        if not code:
            problems.append(Problem("code_missing", number, "code"))
            continue
        reference = codes.get(code)
        if reference is None:
            problems.append(Problem("unknown_code", number, "code", {"value": code}))
            continue
        if reference.direction != section:
            problems.append(Problem("code_wrong_section", number, "code", {"value": code}))
            continue
        if (section, code) in seen:
            problems.append(
                Problem(
                    "duplicate_code", number, "code", {"value": code, "first": seen[section, code]}
                )
            )
            continue
        seen[section, code] = number
        if not row_ok:
            continue
        if amounts.get("approved") is None:
            problems.append(Problem("approved_missing", number, "approved"))
            continue
        lines.append(
            {
                "row": number,
                "direction": section,
                "category": reference.category,
                "code": code,
                "name_ky": str(cell(row, "name_ky") or "") or reference.name_ky or "",
                "name_ru": str(cell(row, "name_ru") or "") or reference.name_ru or "",
                "approved": str(amounts["approved"]),
                "revised": None if amounts.get("revised") is None else str(amounts["revised"]),
                "executed": None if amounts.get("executed") is None else str(amounts["executed"]),
            }
        )
    if not lines and not problems:
        problems.append(Problem("no_lines"))
    if not problems:
        problems.extend(_check_totals(lines, totals))
    return lines, problems


def _check_totals(lines: list[dict], totals: dict) -> list[Problem]:
    problems = []
    for direction in (Direction.REVENUE.value, Direction.EXPENDITURE.value):
        section = f"{direction}_total"
        if section not in totals:
            problems.append(Problem("total_missing", None, "section", {"section": section}))
            continue
        number, amounts = totals[section]
        for key in AMOUNT_COLUMNS:
            stated = amounts.get(key)
            values = [
                Decimal(line[key])
                for line in lines
                if line["direction"] == direction and line[key] is not None
            ]
            if stated is None and not values:
                continue
            actual = sum(values, Decimal(0))
            if stated is None or stated != actual:
                problems.append(
                    Problem(
                        "total_mismatch",
                        number,
                        key,
                        {
                            "total": _amount_text(stated) if stated is not None else "—",
                            "sum": _amount_text(actual),
                        },
                    )
                )
    return problems


def known_codes() -> dict[str, ClassificationCode]:
    return {c.code: c for c in ClassificationCode.objects.all()}


def parse_upload(name: str, content: bytes) -> tuple[list[dict], list[dict]]:
    table, problems = read_upload(name, content)
    if table is None:
        return [], [p.as_json() for p in problems]
    lines, problems = check_rows(table, known_codes())
    return lines, [p.as_json() for p in problems]


# --- the template -------------------------------------------------------------------------


def template_rows(language: str) -> list[list[str]]:
    """Header, one row per known code (amounts empty), and the two total rows."""
    with translation.override(language):
        rows = [[str(COLUMN_LABELS[c]) for c in COLUMNS]]
        codes = ClassificationCode.objects.order_by("direction", "code")
        for direction in (Direction.REVENUE.value, Direction.EXPENDITURE.value):
            label = str(SECTION_LABELS[direction])
            for code in codes:
                if code.direction != direction:
                    continue
                rows.append([label, code.code, code.name_ky, code.name_ru, "", "", ""])
            rows.append([str(SECTION_LABELS[f"{direction}_total"]), "", "", "", "", "", ""])
    return rows


def template_csv(language: str) -> bytes:
    return csv_bytes(template_rows(language))


def template_xlsx(language: str) -> bytes:
    # Codes (column B) are text: a spreadsheet must not turn 0101 into 101.
    return xlsx_bytes(
        template_rows(language),
        sheet_title="budget",
        column_widths=(22, 12, 40, 40, 18, 18, 18),
        text_columns=(2,),
    )
