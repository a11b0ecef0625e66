"""The one export module: safe cells, the byte-order mark, line ends, XLSX and downloads."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from portal import exports


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("Ош шаары", "Ош шаары"),
        (None, ""),
        (True, "true"),
        (False, "false"),
        (1200, "1200"),
        (Decimal("12.50"), "12.50"),
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
    ],
)
def test_spreadsheet_safe(value, cell):
    assert exports.spreadsheet_safe(value) == cell


def test_csv_text_without_bom_by_default_and_crlf():
    text = exports.csv_text([["Бишкек", 1], ["=1+1", None]], header=["name", "count"])
    assert text == "name,count\r\nБишкек,1\r\n'=1+1,\r\n"


def test_csv_text_bom_and_line_terminator():
    text = exports.csv_text([["a"]], bom=True, lineterminator="\n")
    assert text == "\ufeffa\n"


def test_csv_text_quotes_like_the_csv_module():
    text = exports.csv_text([['say "salam", please', "line\nbreak"]])
    assert list(csv.reader(io.StringIO(text))) == [['say "salam", please', "line\nbreak"]]


def test_csv_bytes_have_a_bom_for_spreadsheets():
    content = exports.csv_bytes([["Жалал-Абад"]], header=["name"])
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig") == "name\r\nЖалал-Абад\r\n"


def test_csv_response_is_a_download_with_bom():
    response = exports.csv_response("units.csv", iter([["Ош", "-5"]]), header=["a", "b"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="units.csv"'
    assert response.content.decode("utf-8") == "\ufeffa,b\r\nОш,'-5\r\n"


def test_csv_response_without_bom():
    response = exports.csv_response("x.csv", [[1]], bom=False)
    assert response.content == b"1\r\n"


def test_xlsx_bytes_are_a_workbook_with_safe_text_cells():
    content = exports.xlsx_bytes(
        [["code", "name"], ["0101", "=cmd"], ["0202", "Нарын"]],
        sheet_title="codes",
        column_widths=(12, 40),
        text_columns=(1,),
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "codes"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["code", "name"], ["0101", "'=cmd"], ["0202", "Нарын"],
    ]
    assert sheet["A2"].number_format == "@"
    assert sheet["B2"].number_format != "@"
    assert sheet.column_dimensions["A"].width == 12
    assert sheet.column_dimensions["B"].width == 40
    assert sheet.freeze_panes == "A2"


def test_xlsx_response():
    response = exports.xlsx_response(b"PK", "budget.xlsx")
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="budget.xlsx"'
    assert response.content == b"PK"


def test_file_response_takes_text():
    response = exports.file_response("{}", "data.json", "application/json; charset=utf-8")
    assert response.content == b"{}"
    assert response["Content-Disposition"] == 'attachment; filename="data.json"'
