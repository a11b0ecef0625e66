"""Demo budgets, transfers and calendars (illustrative figures, not real budgets).

Idempotent: codes, budget years, transfers and stages are found by their natural keys, and a
budget that already has a revision is not published again. The classification codes here are
demo codes ("D-…"): the official code lists of the budget classification are not loaded.
"""

from datetime import date
from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.core.files.base import ContentFile

from municipalities.models import Municipality
from portal.models import User
from practices.demo_files import pdf_bytes

from . import services
from .models import BudgetYear
from .models import CalendarStage
from .models import ClassificationCode
from .models import Transfer

DEMO_NOTE = {
    "ky": "Демо маалымат: сандар мисал үчүн гана, муниципалитеттин чыныгы бюджети эмес.",
    "ru": "Демонстрационные данные: цифры условные, это не реальный бюджет муниципалитета.",
}
CODE_NOTE = {
    "ky": "Демо код: бюджеттик классификациянын расмий тизмеси азырынча жүктөлгөн эмес.",
    "ru": "Демо-код: официальный перечень бюджетной классификации пока не загружен.",
}

# code, direction, category, ky, ru, share of revenue (revenue) or of expenditure
REVENUE_CODES = [
    ("D-R11", "local_taxes", "Жер салыгы", "Земельный налог", "0.10"),
    ("D-R12", "local_taxes", "Мүлк салыгы", "Налог на имущество", "0.05"),
    (
        "D-R21",
        "shared_taxes",
        "Киреше салыгынан чегерүүлөр",
        "Отчисления от подоходного налога",
        "0.14",
    ),
    (
        "D-R22",
        "shared_taxes",
        "Сатуудан алынуучу салыктан чегерүүлөр",
        "Отчисления от налога с продаж",
        "0.04",
    ),
    (
        "D-R31",
        "non_tax",
        "Жерди ижарага берүүдөн түшкөн каражат",
        "Арендная плата за землю",
        "0.05",
    ),
    (
        "D-R32",
        "non_tax",
        "Жайыттарды пайдалангандыгы үчүн төлөм",
        "Плата за пользование пастбищами",
        "0.02",
    ),
    ("D-R41", "equalization", "Теңдөөчү трансферт", "Выравнивающий трансферт", "0.40"),
    ("D-R42", "target", "Максаттуу трансферт", "Целевой трансферт", "0.10"),
    ("D-R43", "stimulating", "Стимулдук грант", "Стимулирующий грант", "0.06"),
    (
        "D-R44",
        "delegated",
        "Өткөрүлүп берилген мамлекеттик ыйгарым укуктарга трансферт",
        "Трансферт на делегированные государственные полномочия",
        "0.02",
    ),
    (
        "D-R51",
        "special_funds",
        "Атайын каражаттар (акы төлөнүүчү кызматтар)",
        "Специальные средства (платные услуги)",
        "0.02",
    ),
]
EXPENDITURE_CODES = [
    (
        "D-E01",
        "general_services",
        "ЖӨБ органынын аппаратын кармоо",  # cities have a мэрия, not an айыл өкмөтү
        "Содержание аппарата органа МСУ",
        "0.30",
    ),
    ("D-E04", "economy_roads", "Жолдорду оңдоо жана кармоо", "Ремонт и содержание дорог", "0.10"),
    ("D-E05", "environment", "Таштандыларды чогултуу жана чыгаруу", "Сбор и вывоз мусора", "0.04"),
    (
        "D-E06",
        "housing_utilities",
        "Суу менен камсыздоо жана көчө жарыгы",
        "Водоснабжение и уличное освещение",
        "0.12",
    ),
    ("D-E08", "culture_sport", "Маданият үйү жана спорт", "Дом культуры и спорт", "0.10"),
    (
        "D-E09",
        "education",
        "Бала бакчалар жана мектептерди оңдоо",
        "Детские сады и ремонт школ",
        "0.28",
    ),
    (
        "D-E10",
        "social_protection",
        "Аз камсыз болгон үй-бүлөлөргө жардам",
        "Помощь малообеспеченным семьям",
        "0.06",
    ),
]

# slug, population used, revenue of the first year (som), years, who publishes
BUDGETS = [
    ("tepkenskiy-aa", 9800, Decimal("31500000"), range(2022, 2027), "staff@demo.kg"),
    ("ak-bulunskiy-aa", 7400, Decimal("24800000"), range(2023, 2027), "admin@demo.kg"),
    ("kochkorskiy-aa", 18600, Decimal("52300000"), range(2024, 2027), "admin@demo.kg"),
    ("karakol", 84000, Decimal("612000000"), range(2024, 2027), "manager@demo.kg"),
]
# A city depends less on transfers: its shares are shifted towards own revenue.
CITY_SHIFT = {"D-R21": "0.30", "D-R41": "0.14", "D-R42": "0.10", "D-R43": "0.00", "D-R12": "0.09"}
CURRENT_YEAR = 2026
GROWTH = Decimal("1.07")  # each year's plan about 7 % above the year before
EXECUTION = [Decimal("0.97"), Decimal("1.02"), Decimal("0.94"), Decimal("0.99"), Decimal("1.01")]

TRANSFER_BASIS = {
    "equalization": (
        "Бюджеттик кодекс, 54-берене; КР Министрлер Кабинетинин 17.12.2021-ж. №315 токтому",
        "Бюджетный кодекс, ст. 54; постановление Кабинета Министров КР от 17.12.2021 № 315",
    ),
    "target": (
        "Бюджеттик кодекс, 55-берене; КР Министрлер Кабинетинин 08.04.2022-ж. №201 токтому",
        "Бюджетный кодекс, ст. 55; постановление Кабинета Министров КР от 08.04.2022 № 201",
    ),
    "stimulating": (
        "КР Бюджеттик кодекси (16.05.2016-ж. №59)",
        "Бюджетный кодекс КР от 16.05.2016 № 59",
    ),
    "delegated": (
        "КР Өкмөтүнүн 19.12.2014-ж. №715 токтому",
        "Постановление Правительства КР от 19.12.2014 № 715",
    ),
}
TRANSFER_PURPOSE = {
    "equalization": ("Жергиликтүү бюджетти теңдөө", "Выравнивание бюджетной обеспеченности"),
    "target": ("Мектептин чатырын оңдоо", "Ремонт кровли школы"),
    "stimulating": ("Ичүүчү суу түтүгүн куруу долбоору", "Проект строительства водопровода"),
    "delegated": ("Айыл чарба статистикасын жүргүзүү", "Ведение сельскохозяйственного учёта"),
}


def _round(value: Decimal) -> Decimal:
    """To whole hundreds of som, as budgets are usually drawn up."""
    return (value / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 100


def _codes(stdout) -> None:
    for code, category, ky, ru, _share in REVENUE_CODES:
        _code(code, "revenue", category, ky, ru)
    for code, category, ky, ru, _share in EXPENDITURE_CODES:
        _code(code, "expenditure", category, ky, ru)
    stdout.write(f"budgets: {ClassificationCode.objects.count()} classification codes")


def _code(code, direction, category, ky, ru) -> None:
    ClassificationCode.objects.update_or_create(
        code=code,
        defaults={
            "direction": direction,
            "category": category,
            "name_ky": ky,
            "name_ru": ru,
            "note_ky": CODE_NOTE["ky"],
            "note_ru": CODE_NOTE["ru"],
        },
    )


def _lines(unit: Municipality, revenue: Decimal, year_index: int, year: int, *, revised: bool):
    city = unit.kind != Municipality.Kind.AYIL_AIMAK
    rate = EXECUTION[year_index % len(EXECUTION)]
    if year == CURRENT_YEAR:
        rate = rate * Decimal("0.78")  # ten months into the year
    lines = []
    for code, category, ky, ru, default_share in REVENUE_CODES:
        share = Decimal(CITY_SHIFT.get(code, default_share) if city else default_share)
        if not share:
            continue
        approved = _round(revenue * share)
        lines.append(_line("revenue", code, category, ky, ru, approved, rate, revised))
    total = sum(Decimal(line["approved"]) for line in lines)
    for code, category, ky, ru, expenditure_share in EXPENDITURE_CODES:
        approved = _round(total * Decimal(expenditure_share))
        lines.append(_line("expenditure", code, category, ky, ru, approved, rate, revised))
    return lines


def _line(direction, code, category, ky, ru, approved, rate, revised):
    plan = _round(approved * Decimal("1.03")) if revised else None
    # Lines are executed unevenly: a few percent either way around the year's rate.
    rate = rate * (Decimal("0.96") + Decimal(sum(map(ord, code)) % 9) / 100)
    return {
        "direction": direction,
        "code": code,
        "category": category,
        "name_ky": ky,
        "name_ru": ru,
        "approved": approved,
        "revised": plan,
        "executed": _round((plan or approved) * rate),
    }


def _budgets(stdout) -> list[BudgetYear]:
    made = []
    for slug, population, first_revenue, years, email in BUDGETS:
        unit = Municipality.objects.filter(slug=slug).first()
        if unit is None:
            stdout.write(f"budgets: no unit {slug}, skipped")
            continue
        user = User.objects.filter(email=email).first()
        revenue = first_revenue
        for index, year in enumerate(years):
            budget = BudgetYear.objects.filter(municipality=unit, year=year).first()
            if budget is None:
                budget = services.budget_year_create(
                    municipality=unit,
                    year=year,
                    population=population,
                    note_ky=DEMO_NOTE["ky"],
                    note_ru=DEMO_NOTE["ru"],
                )
            if not budget.revisions.exists():
                approved_only = [
                    {**line, "revised": None, "executed": None}
                    for line in _lines(unit, revenue, index, year, revised=False)
                ]
                services.budget_publish(
                    budget=budget,
                    lines=approved_only,
                    user=user,
                    comment_ky="Кеңеш бекиткен бюджет",
                    comment_ru="Бюджет, утверждённый кенешем",
                )
                services.budget_publish(
                    budget=budget,
                    lines=_lines(unit, revenue, index, year, revised=True),
                    user=user,
                    comment_ky="Тактоолор жана аткарылышы",
                    comment_ru="Уточнения и исполнение",
                )
            made.append(budget)
            revenue = revenue * GROWTH
    stdout.write(f"budgets: {len(made)} demo budget years")
    return made


def _transfers(budgets: list[BudgetYear], stdout) -> None:
    for budget in budgets:
        for line in budget.lines.filter(category__in=list(TRANSFER_BASIS)):
            kind = line.category
            basis_ky, basis_ru = TRANSFER_BASIS[kind]
            purpose_ky, purpose_ru = TRANSFER_PURPOSE[kind]
            transfer = Transfer.objects.filter(
                municipality=budget.municipality, year=budget.year, kind=kind
            ).first() or Transfer(municipality=budget.municipality, year=budget.year, kind=kind)
            transfer.amount = line.planned
            transfer.date = (
                date(budget.year, 2, 15) if kind == "equalization" else date(budget.year, 5, 20)
            )
            transfer.purpose_ky, transfer.purpose_ru = purpose_ky, purpose_ru
            transfer.legal_basis_ky, transfer.legal_basis_ru = basis_ky, basis_ru
            services.transfer_save(transfer=transfer)
    stdout.write(f"budgets: {Transfer.objects.count()} transfers")


def _calendar(stdout) -> None:
    unit = Municipality.objects.filter(slug="tepkenskiy-aa").first()
    budget = BudgetYear.objects.filter(municipality=unit, year=CURRENT_YEAR).first()
    if budget is None:
        return
    stages = [
        ("draft_prepared", date(2025, 6, 1), date(2025, 5, 28), ""),
        ("draft_published", date(2025, 6, 10), date(2025, 6, 12), ""),
        ("draft_hearing", date(2025, 6, 25), date(2025, 6, 25), ""),
        ("approval", date(2026, 1, 31), date(2026, 1, 17), ""),
        ("report_q1", date(2026, 4, 30), date(2026, 5, 5), ""),
        ("report_q2", date(2026, 7, 31), date(2026, 7, 30), ""),
        ("report_q3", date(2026, 10, 31), None, ""),
        ("report_annual", date(2027, 2, 28), None, ""),
        ("report_hearing", date(2027, 3, 15), None, ""),
    ]
    for stage, due, actual, url in stages:
        item = CalendarStage.objects.filter(budget=budget, stage=stage).first() or CalendarStage(
            budget=budget, stage=stage
        )
        item.due_date, item.actual_date, item.participation_url = due, actual, url
        if stage == "approval" and not item.document:
            # Served by budgets:stage-document (portal/files.py), never from /media/.
            item.document.save(
                "approval.pdf",
                ContentFile(pdf_bytes("Budget approval", ("Demo document.",))),
                save=False,
            )
        services.calendar_stage_save(stage=item)
    stdout.write("budgets: budget calendar of Tepke for 2026")


def seed(*, stdout) -> None:
    _codes(stdout)
    budgets = _budgets(stdout)
    _transfers(budgets, stdout)
    _calendar(stdout)
