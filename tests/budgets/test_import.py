"""Spreadsheet uploads: the template, every kind of problem, preview then confirm, atomicity."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from budgets import importing
from budgets import services
from budgets.models import BudgetLine
from budgets.models import BudgetRevision
from budgets.models import PendingImport
from tests.budgets.conftest import STANDARD_LINES

pytestmark = pytest.mark.django_db


def csv_bytes(rows: list[list], header=None) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    with translation.override("ru"):
        writer.writerow(header or [str(importing.COLUMN_LABELS[c]) for c in importing.COLUMNS])
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


GOOD_ROWS = [
    ["Доход", "1101", "", "Земельный налог", "1 000 000,50", "", "900000"],
    ["Доход", "1401", "", "", "6000000", "6500000", ""],
    ["Доход", "1102", "", "", "", "", ""],  # template row left empty: skipped
    ["Итого доходов", "", "", "", "7 000 000,50", "6500000", "900000"],
    ["Расход", "2101", "", "", "7000000.50", "", ""],
    ["Итого расходов", "", "", "", "7000000,50", "", ""],
]


def parse(rows, header=None):
    return importing.parse_upload("budget.csv", csv_bytes(rows, header))


def codes_of(problems):
    return [(p["code"], p["row"], p["column"]) for p in problems]


def test_a_good_file_gives_lines_and_no_problems(codes):
    lines, problems = parse(GOOD_ROWS)
    assert problems == []
    assert [(ln["code"], ln["approved"], ln["revised"], ln["executed"]) for ln in lines] == [
        ("1101", "1000000.50", None, "900000.00"),
        ("1401", "6000000.00", "6500000.00", None),
        ("2101", "7000000.50", None, None),
    ]
    assert lines[1]["category"] == "equalization"
    assert lines[1]["name_ru"] == codes["1401"].name_ru  # empty name: taken from the code list


def test_kyrgyz_headers_and_sections_are_understood(codes):
    with translation.override("ky"):
        header = [str(importing.COLUMN_LABELS[c]) for c in importing.COLUMNS]
        rev, rev_total = translation.gettext("Revenue"), translation.gettext("Revenue total")
        exp, exp_total = (
            translation.gettext("Expenditure"),
            translation.gettext("Expenditure total"),
        )
    assert header[0] != "Section"
    rows = [
        [rev, "1101", "", "", "10", "", ""],
        [rev_total, "", "", "", "10", "", ""],
        [exp, "2101", "", "", "10", "", ""],
        [exp_total, "", "", "", "10", "", ""],
    ]
    lines, problems = parse(rows, header)
    assert problems == []
    assert len(lines) == 2


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["Доход", "1101", "", "", "abc", "", ""], ("not_a_number", 2, "approved")),
        (["Доход", "1101", "", "", "100", "-5", ""], ("negative", 2, "revised")),
        (["Доход", "1101", "", "", "100", "", "1 000,25"], None),  # decimal comma is fine
        (["Доход", "1101", "", "", "1.234", "", ""], ("too_precise", 2, "approved")),
        (["Доход", "9999", "", "", "100", "", ""], ("unknown_code", 2, "code")),
        (["Доход", "2101", "", "", "100", "", ""], ("code_wrong_section", 2, "code")),
        (["Доход", "", "", "", "100", "", ""], ("code_missing", 2, "code")),
        (["Прочее", "1101", "", "", "100", "", ""], ("unknown_section", 2, "section")),
        (["Доход", "1101", "", "", "", "100", ""], ("approved_missing", 2, "approved")),
        (["Доход", "1101", "", "", "1e20", "", ""], ("too_large", 2, "approved")),
    ],
)
def test_each_kind_of_cell_problem_is_reported_by_row_and_column(codes, row, expected):
    rows = [
        row,
        ["Итого доходов", "", "", "", "", "", ""],
        ["Расход", "2101", "", "", "1", "", ""],
        ["Итого расходов", "", "", "", "1", "", ""],
    ]
    _lines, problems = parse(rows)
    if expected is None:
        assert not [p for p in problems if p["row"] == 2]
    else:
        assert expected in codes_of(problems)


def test_duplicate_codes_are_reported_with_the_first_row(codes):
    rows = [["Доход", "1101", "", "", "1", "", ""], ["Доход", "1101", "", "", "2", "", ""]]
    _lines, problems = parse(rows)
    assert ("duplicate_code", 3, "code") in codes_of(problems)
    assert problems[0]["params"]["first"] == 2


def test_totals_must_add_up_and_be_present(codes):
    rows = [
        ["Доход", "1101", "", "", "100", "", ""],
        ["Итого доходов", "", "", "", "101", "", ""],
        ["Расход", "2101", "", "", "100", "", ""],
    ]
    _lines, problems = parse(rows)
    assert ("total_mismatch", 3, "approved") in codes_of(problems)
    assert ("total_missing", None, "section") in codes_of(problems)


def test_a_missing_column_and_a_wrong_file_are_reported(codes):
    _lines, problems = parse(GOOD_ROWS, header=["Раздел", "Код", "Наименование"])
    assert ("missing_column", 1, "approved") in codes_of(problems)
    _lines, problems = importing.parse_upload("budget.pdf", b"%PDF")
    assert codes_of(problems) == [("file_type", None, None)]
    _lines, problems = importing.parse_upload("budget.xlsx", b"not a zip")
    assert problems[0]["code"] in ("file_unreadable", "xlsx_unavailable")
    _lines, problems = parse([])
    assert codes_of(problems) == [("no_lines", None, None)]


def test_problems_are_described_in_the_language_of_the_page(codes):
    _lines, problems = parse([["Доход", "1101", "", "", "abc", "", ""]])
    with translation.override("ru"):
        ru = importing.describe(problems[0])
    with translation.override("ky"):
        ky = importing.describe(problems[0])
    assert ru["row"] == 2
    assert ru["column"] == "E"
    assert ru["column_label"] == "Утверждено, сом"
    assert "abc" in ru["message"]
    assert "abc" in ky["message"]
    assert ru["message"] != ky["message"]


def test_cp1251_and_comma_separated_files_are_read(codes):
    text = ("Раздел,Код,Утверждено, сом\n").encode("cp1251")
    _lines, problems = importing.parse_upload("b.csv", text)
    # "Утверждено, сом" split by the comma delimiter: the column is not found, said clearly
    assert problems[0]["code"] == "missing_column"
    content = (
        'Раздел,Код,"Утверждено, сом"\n'
        "Доход,1101,5\nИтого доходов,,5\nРасход,2101,5\nИтого расходов,,5\n"
    )
    lines, problems = importing.parse_upload("b.csv", content.encode("cp1251"))
    assert problems == []
    assert len(lines) == 2


def test_xlsx_template_round_trip(codes):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(io.BytesIO(importing.template_xlsx("ky")))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    with translation.override("ky"):
        assert header[0] == "Бөлүм"
    # Fill in amounts for two lines and the totals, the way a user would.
    for row in sheet.iter_rows(min_row=2):
        code = row[1].value
        if code in ("1101", "2101") or (row[0].value and not code):
            row[4].value = 1500.25
    out = io.BytesIO()
    workbook.save(out)
    lines, problems = importing.parse_upload("filled.xlsx", out.getvalue())
    assert problems == []
    assert {ln["code"]: ln["approved"] for ln in lines} == {"1101": "1500.25", "2101": "1500.25"}


def test_csv_template_has_every_code_and_both_totals(codes):
    text = importing.template_csv("ru").decode("utf-8-sig")
    for code in codes:
        assert f",{code}," in text
    assert "Итого доходов" in text
    assert "Итого расходов" in text


# --- through the pages ---------------------------------------------------------------------


def upload(client, budget, content: bytes, name="budget.csv"):
    url = reverse("budgets:upload", kwargs={"slug": budget.municipality.slug, "year": budget.year})
    file = io.BytesIO(content)
    file.name = name
    return client.post(url, {"file": file})


def test_upload_preview_confirm_publishes_a_revision(client, published, staff_of, codes):
    user = staff_of(published.municipality)
    client.force_login(user)
    response = upload(client, published, csv_bytes(GOOD_ROWS))
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/upload/{pending.pk}/")
    # Nothing is saved before confirmation.
    assert published.lines.count() == len(STANDARD_LINES)
    preview = client.get(response["Location"].replace("/ky/", "/ru/"))
    assert preview.status_code == 200
    assert "Земельный налог" in preview.content.decode()
    confirm = client.post(response["Location"], {"publish-comment_ru": "Загрузка"})
    assert confirm.status_code == 302
    assert published.lines.count() == 3
    revision = BudgetRevision.objects.filter(budget=published).order_by("-number").first()
    assert (revision.number, revision.source, revision.published_by) == (2, "upload", user)
    pending.refresh_from_db()
    assert pending.confirmed_at is not None
    # A second confirmation publishes nothing more.
    client.post(response["Location"], {})
    assert published.revisions.count() == 2


def test_an_upload_with_problems_cannot_be_confirmed_and_saves_nothing(
    client, published, staff_of, codes
):
    client.force_login(staff_of(published.municipality))
    bad = [*GOOD_ROWS, ["Расход", "2901", "", "", "-1", "", ""]]
    with translation.override("ru"):
        response = upload(client, published, csv_bytes(bad))
    preview_url = response["Location"].replace("/ky/", "/ru/")
    page = client.get(preview_url).content.decode()
    assert "Строка" in page or "Row" in page
    assert "Суммы не могут быть отрицательными" in page
    before = list(published.lines.values_list("code", "approved"))
    client.post(preview_url, {})
    assert list(published.lines.values_list("code", "approved")) == before
    assert published.revisions.count() == 1


def test_publishing_is_all_or_nothing(published, staff_of):
    before = list(published.lines.values_list("code", "approved"))
    lines = [
        {
            "direction": "revenue",
            "category": "local_taxes",
            "code": "1101",
            "name_ky": "a",
            "name_ru": "a",
            "approved": Decimal("1"),
            "revised": None,
            "executed": None,
        },
        {
            "direction": "revenue",
            "category": "local_taxes",
            "code": "1102",
            "name_ky": "",
            "name_ru": "",
            "approved": Decimal("1"),
            "revised": None,
            "executed": None,
        },
    ]
    with pytest.raises(Exception):  # noqa: B017, PT011 - a validation error of the second line
        services.budget_publish(budget=published, lines=lines, user=None)
    assert list(published.lines.values_list("code", "approved")) == before
    assert published.revisions.count() == 1
    assert BudgetLine.objects.filter(budget=published, code="1102").count() == 0


def test_someone_else_cannot_confirm_an_upload(client, published, staff_of, codes):
    client.force_login(staff_of(published.municipality))
    response = upload(client, published, csv_bytes(GOOD_ROWS))
    client.force_login(staff_of(published.municipality))  # a colleague
    assert client.get(response["Location"]).status_code == 403
    assert client.post(response["Location"], {}).status_code == 403
    assert published.revisions.count() == 1


def test_a_superuser_cannot_confirm_someone_elses_upload(
    client, published, staff_of, codes, user_factory
):
    """The uploader answers for the figures: a site administrator is refused like a colleague,
    on the page and in the service."""
    from django.core.exceptions import PermissionDenied

    client.force_login(staff_of(published.municipality))
    response = upload(client, published, csv_bytes(GOOD_ROWS))
    admin = user_factory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(response["Location"]).status_code == 403
    assert client.post(response["Location"], {}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.import_confirm(pending=PendingImport.objects.get(), user=admin)
    assert published.revisions.count() == 1


def test_the_upload_form_rejects_other_file_types(client, published, staff_of):
    client.force_login(staff_of(published.municipality))
    response = upload(client, published, b"data", name="budget.txt")
    assert response.status_code == 200
    assert PendingImport.objects.count() == 0
    assert 'class="error"' in response.content.decode()


def test_unconfirmed_uploads_are_purged_after_a_week_confirmed_ones_stay(
    client, published, staff_of, codes
):
    import datetime

    from django.utils import timezone

    from budgets.tasks import purge_pending_imports_task

    user = staff_of(published.municipality)
    stale = services.import_stage(
        budget=published, user=user, filename="old.csv", content=csv_bytes(GOOD_ROWS)
    )
    confirmed = services.import_stage(
        budget=published, user=user, filename="used.csv", content=csv_bytes(GOOD_ROWS)
    )
    services.import_confirm(pending=confirmed, user=user)
    fresh = services.import_stage(
        budget=published, user=user, filename="new.csv", content=csv_bytes(GOOD_ROWS)
    )
    week_ago = timezone.now() - datetime.timedelta(days=services.PENDING_IMPORT_DAYS, hours=1)
    PendingImport.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(created=week_ago)

    assert purge_pending_imports_task() == 1
    assert set(PendingImport.objects.values_list("pk", flat=True)) == {confirmed.pk, fresh.pk}
    # The purged preview is gone for its uploader, not an error page.
    client.force_login(user)
    url = reverse("budgets:upload-preview", args=[published.municipality.slug, published.year,
                                                   stale.pk])
    assert client.get(url).status_code == 404
