"""Municipal staff in a real browser: publish a draft event and, once it is held, record the
attendance counts; import a budget from the portal's own spreadsheet template."""

import csv
import io
from decimal import Decimal
from pathlib import Path

from budgets import services as budget_services
from budgets.models import BudgetRevision
from participation.models import AttendanceCount
from participation.models import BalanceGroup
from participation.models import Event
from tests.browser.conftest import BROWSER
from tests.browser.conftest import login
from tests.budgets.conftest import CODES
from tests.budgets.conftest import STANDARD_LINES
from tests.budgets.factories import BudgetYearFactory
from tests.budgets.factories import ClassificationCodeFactory
from tests.factories import PASSWORD
from tests.factories import StaffMembershipFactory
from tests.participation.factories import EventFactory

pytestmark = BROWSER


def status_button(page, to: str):
    return page.locator(f"form:has(input[name=to][value={to}]) button[type=submit]")


def test_staff_publish_a_draft_and_record_attendance(page, live_server):
    event = EventFactory(status=Event.Status.DRAFT, title_ky="Айыл чогулушу")
    staff = StaffMembershipFactory(municipality=event.municipality).user
    login(page, staff, PASSWORD, lang="ky")
    event_url = f"{live_server.url}/ky/events/{event.pk}/"
    page.goto(event_url)
    assert page.locator(".badge.status-draft").count() == 1

    # Publish through the status buttons of the staff panel, then open it and mark it held.
    for to in ("published", "open", "held"):
        status_button(page, to).click()
        page.wait_for_url(event_url)
        page.locator(f".badge.status-{to}").wait_for()
        event.refresh_from_db()
        assert event.status == to
    # Published means public: an anonymous visitor now sees it.
    assert page.request.get(event_url).status == 200

    # Record attendance after the event was held.
    page.get_by_role("link", name="Record attendance").or_(
        page.locator(f"a[href$='/events/{event.pk}/attendance/']")
    ).first.click()
    page.wait_for_url(f"**/events/{event.pk}/attendance/")
    counts = {"female": 20, "male": 30, "18-28": 10, "29-59": 40, "kyrgyz": 45, "uzbek": 5}
    groups = {g.key: g.pk for g in BalanceGroup.objects.filter(key__in=counts)}
    assert set(groups) == set(counts)
    for key, count in counts.items():
        page.fill(f"input[name=group_{groups[key]}]", str(count))
    page.fill("textarea[name=villages]", "Тепке: 40\nЖогорку Тепке: 10")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(event_url)
    assert AttendanceCount.objects.filter(event=event).count() == len(counts)
    # The event page now shows who took part: a chart and its data table.
    section = page.locator("section:has(#balance-title)")
    section.wait_for()
    assert section.locator("svg").count() >= 1
    assert "Тепке" in section.inner_text()


def fill_template(text: str, amounts: dict[str, str]) -> bytes:
    """Fill the downloaded CSV template as an accountant would: amounts on some lines, the
    two totals, every other row left as it came."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    approved = 4  # section, code, name_ky, name_ru, approved, revised, executed
    totals = []
    section_sum = Decimal(0)
    for row in body:
        if row[1]:
            if row[1] in amounts:
                row[approved] = amounts[row[1]]
                section_sum += Decimal(amounts[row[1]])
        else:  # a total row closes its section
            row[approved] = str(section_sum)
            totals.append(section_sum)
            section_sum = Decimal(0)
    assert len(totals) == 2, "the template has a revenue and an expenditure total"
    out = io.StringIO()
    csv.writer(out).writerows([header, *body])
    return out.getvalue().encode("utf-8-sig")


def test_staff_import_a_budget_from_the_template(page, live_server, tmp_path):
    for code, direction, category in CODES:
        ClassificationCodeFactory(code=code, direction=direction, category=category)
    membership = StaffMembershipFactory()
    unit, staff = membership.municipality, membership.user
    budget = BudgetYearFactory(municipality=unit, year=2025)
    budget_services.budget_publish(budget=budget, lines=STANDARD_LINES, user=staff)

    login(page, staff, PASSWORD, lang="ru")
    page.goto(f"/ru/budgets/{unit.slug}/2025/")
    page.locator(f"a[href$='/budgets/{unit.slug}/2025/upload/']").first.click()
    page.wait_for_url(f"**/ru/budgets/{unit.slug}/2025/upload/")

    # Download the Russian CSV template the page offers.
    with page.expect_download() as download_info:
        page.locator("a[href$='/budgets/template/ru.csv']").click()
    template = download_info.value
    assert template.suggested_filename == "budget-template-ru.csv"
    text = Path(template.path()).read_text(encoding="utf-8-sig")
    filled = tmp_path / "budget-2025.csv"
    filled.write_bytes(
        fill_template(text, {"1101": "1500000", "1401": "6000000", "2101": "7500000"})
    )

    # Upload, see the preview, confirm.
    page.set_input_files("input[type=file][name=file]", str(filled))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/ru/budgets/{unit.slug}/2025/upload/*/")
    preview = page.locator("main").inner_text()
    assert "1101" in preview
    assert "2101" in preview
    assert budget.lines.count() == len(STANDARD_LINES), "nothing is saved before confirming"
    page.fill("input[name=publish-comment_ru]", "Загрузка из шаблона")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"**/ru/budgets/{unit.slug}/2025/")
    revision = BudgetRevision.objects.filter(budget=budget).order_by("-number").first()
    assert (revision.number, revision.source, revision.published_by) == (2, "upload", staff)
    assert sorted(budget.lines.values_list("code", flat=True)) == ["1101", "1401", "2101"]
    assert page.locator(".message.success, [role=status]").count() >= 1
