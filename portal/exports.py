"""The one place that writes CSV and XLSX: open data, reports and spreadsheet templates.

Every cell goes through `spreadsheet_safe`, so no text a person typed can start a formula
(OWASP "CSV injection"). A CSV meant to be opened in a spreadsheet starts with a byte-order
mark: without it Excel reads UTF-8 as a legacy code page and Kyrgyz/Russian text comes out
garbled. XLSX is written with openpyxl, the library the budget import already reads with.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from collections.abc import Sequence

from django.http import HttpResponse

BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[object]


def spreadsheet_safe(value: object) -> str:
    """A cell that no spreadsheet will run as a formula: such text gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(
    rows: Iterable[Row],
    *,
    header: Sequence[str] | None = None,
    bom: bool = False,
    lineterminator: str = "\r\n",
) -> str:
    """The rows as CSV text, every cell made spreadsheet-safe."""
    out = io.StringIO()
    if bom:
        out.write(BOM)
    _write_csv(out, rows, header=header, lineterminator=lineterminator)
    return out.getvalue()


def csv_bytes(
    rows: Iterable[Row],
    *,
    header: Sequence[str] | None = None,
    bom: bool = True,
    lineterminator: str = "\r\n",
) -> bytes:
    """The rows as a UTF-8 CSV file (with a byte-order mark unless told otherwise)."""
    return csv_text(rows, header=header, bom=bom, lineterminator=lineterminator).encode("utf-8")


def csv_response(
    filename: str,
    rows: Iterable[Row],
    *,
    header: Sequence[str] | None = None,
    bom: bool = True,
    lineterminator: str = "\r\n",
) -> HttpResponse:
    """A CSV download; the rows are written straight into the response."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    attach(response, filename)
    if bom:
        response.write(BOM)
    _write_csv(response, rows, header=header, lineterminator=lineterminator)
    return response


def xlsx_bytes(
    rows: Iterable[Row],
    *,
    sheet_title: str,
    column_widths: Sequence[int] = (),
    text_columns: Sequence[int] = (),
    freeze_header: bool = True,
) -> bytes:
    """The rows as an XLSX workbook with one sheet.

    `column_widths` sets the widths of the first columns; `text_columns` (1-based) are
    formatted as text below the header, so a code such as 0101 stays 0101.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = sheet_title
    for row in rows:
        sheet.append([spreadsheet_safe(value) for value in row])
    for index, width in enumerate(column_widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for column in text_columns:
        for cells in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            for cell in cells:
                cell.number_format = "@"
    if freeze_header:
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def file_response(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    """A ready file (CSV, XLSX, JSON) as a download."""
    response = HttpResponse(content, content_type=content_type)
    attach(response, filename)
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return file_response(content, filename, XLSX_CONTENT_TYPE)


def attach(response: HttpResponse, filename: str) -> None:
    """Mark the response as a download under this (ASCII) file name."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'


def _write_csv(
    out: io.StringIO | HttpResponse,
    rows: Iterable[Row],
    *,
    header: Sequence[str] | None,
    lineterminator: str,
) -> None:
    writer = csv.writer(out, lineterminator=lineterminator)
    if header is not None:
        writer.writerow([spreadsheet_safe(name) for name in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
