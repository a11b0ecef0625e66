"""Public pages of the budgets section (staff pages: staff_views.py). Views read through
selectors; downloads go through portal.exports."""

from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal import files
from portal.exports import CSV_CONTENT_TYPE
from portal.exports import file_response
from portal.exports import xlsx_response
from portal.permissions import can
from portal.views import section_landing

from . import charts
from . import exports
from . import formatting
from . import importing
from . import selectors
from .forms import BudgetListFilterForm
from .models import Category
from .models import Direction
from .models import Transfer


def _som0(value):
    return formatting.som(value, 0)


def _year_param(request) -> int | None:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


# --- public pages ---------------------------------------------------------------------------


def landing(request):
    overview = selectors.transfer_overview(None)
    chart = None
    if overview.total:
        chart = charts.bar_chart(
            title=_("Transfers from the republican budget in %(year)s, som")
            % {"year": overview.year},
            description=_("Total amount of each type of transfer."),
            groups=[str(label) for _key, label in overview.kinds],
            series=[(_("amount"), [overview.by_kind[key] for key, _label in overview.kinds])],
            formatter=_som0,
        )
    return section_landing(
        request,
        "budgets",
        {
            "overview": overview,
            "transfer_chart": chart,
            "latest_budgets": selectors.latest_budgets(10),
            "areas": selectors.budget_areas(),
        },
    )


def budget_list(request):
    units = list(
        Municipality.objects.filter(kind__in=("oblast", "city_republican", "rayon"))
        .only("pk", "slug", "name", "name_ky", "name_ru", "kind")
        .order_by("kind", "name")
    )
    form = BudgetListFilterForm(
        request.GET or None, units=units, years=selectors.published_budget_years()
    )
    page = Paginator(
        selectors.published_budgets(form.filters()), settings.PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "budgets/budget_list.html", {"form": form, "page": page})


def transfers(request):
    overview = selectors.transfer_overview(_year_param(request))
    if request.GET.get("year") and overview.year not in overview.years:
        raise Http404
    kinds = overview.kinds
    type_chart = trend_chart = None
    if overview.total:
        type_chart = charts.bar_chart(
            title=_("Transfers by type in %(year)s, som") % {"year": overview.year},
            description=_("Total amount of each type of transfer for the year."),
            groups=[str(label) for _key, label in kinds],
            series=[(_("amount"), [overview.by_kind[key] for key, _label in kinds])],
            formatter=_som0,
        )
    if overview.by_year:
        trend_chart = charts.bar_chart(
            title=_("Transfers by year, som"),
            description=_("Total amount of transfers to local budgets, each year."),
            groups=[str(row["year"]) for row in overview.by_year],
            series=[(_("total"), [row["total"] for row in overview.by_year])],
            formatter=_som0,
        )
    return render(
        request,
        "budgets/transfer_overview.html",
        {
            "overview": overview,
            "type_chart": type_chart,
            "trend_chart": trend_chart,
            "can_add": can(request.user, "budgets.add_transfer"),
        },
    )


def transfers_export(request, fmt: str):
    if fmt not in ("csv", "json"):
        raise Http404
    year = _year_param(request)
    records = exports.transfer_records(selectors.transfers_for_export(year))
    name = f"transfers-{year}" if year else "transfers"
    return _data_response(
        records, exports.TRANSFER_FIELDS, fmt, name, dataset="transfers", year=year
    )


def _data_response(records, fields, fmt, name, **meta):
    if fmt not in ("csv", "json"):
        raise Http404
    if fmt == "csv":
        return file_response(
            exports.to_csv(records, fields), f"{name}.csv", CSV_CONTENT_TYPE
        )
    return file_response(
        exports.to_json(records, fields, **meta),
        f"{name}.json",
        "application/json; charset=utf-8",
    )


def open_data(request):
    return render(
        request,
        "budgets/open_data.html",
        {
            "budget_fields": exports.BUDGET_FIELDS,
            "transfer_fields": exports.TRANSFER_FIELDS,
            "categories": Category.choices,
            "transfer_kinds": Transfer.Kind.choices,
            "xlsx": importing.xlsx_available(),
        },
    )


def spreadsheet_template(request, lang: str, fmt: str):
    if lang not in ("ky", "ru") or fmt not in ("csv", "xlsx"):
        raise Http404
    filename = f"budget-template-{lang}.{fmt}"
    if fmt == "xlsx":
        if not importing.xlsx_available():
            raise Http404
        return xlsx_response(importing.template_xlsx(lang), filename)
    return file_response(importing.template_csv(lang), filename, CSV_CONTENT_TYPE)


def compare(request, slug: str):
    area = selectors.area_for_comparison(slug)
    data = selectors.comparison(area, _year_param(request))
    rows = data["rows"]
    from .models import EXPENDITURE_CATEGORIES

    functions = [
        c for c in EXPENDITURE_CATEGORIES if any(r["figures"].expenditure[c].planned for r in rows)
    ]
    for row in rows:
        per = row["figures"].function_per_resident()
        row["per_function"] = [per[c] for c in functions]
    spending_chart = share_chart = None
    if rows:
        names = [str(r["unit"]) for r in rows]
        spending_chart = charts.bar_chart(
            title=_("Planned spending per resident in %(year)s, som") % {"year": data["year"]},
            description=_("Planned expenditure divided by population, for each unit."),
            groups=names,
            series=[(_("per resident"), [r["figures"].expenditure_per_resident for r in rows])],
            formatter=_som0,
        )
        share_chart = charts.bar_chart(
            title=_("Own-revenue share in %(year)s, %%") % {"year": data["year"]},
            description=_("Revenue other than transfers, as a share of all planned revenue."),
            groups=names,
            series=[
                (
                    _("own revenue"),
                    [
                        None
                        if r["figures"].own_revenue_share is None
                        else r["figures"].own_revenue_share * 100
                        for r in rows
                    ],
                )
            ],
            formatter=lambda v: "—" if v is None else formatting.som(v, 1) + " %",
        )
    return render(
        request,
        "budgets/compare.html",
        {
            "area": area,
            "data": data,
            "functions": [(c.value, c.label) for c in functions],
            "spending_chart": spending_chart,
            "share_chart": share_chart,
        },
    )


def municipality(request, slug: str):
    unit = selectors.municipality_for_budgets(slug)
    years = selectors.municipality_budget_years(unit)
    trend_chart = None
    if years:
        trend_chart = charts.bar_chart(
            title=_("Revenue and expenditure by year, som"),
            description=_("Planned and executed revenue and expenditure of each year."),
            groups=[str(y["year"]) for y in years],
            series=[
                (_("revenue, plan"), [y["figures"].revenue_planned for y in years]),
                (_("revenue, executed"), [y["figures"].revenue_executed for y in years]),
                (_("expenditure, plan"), [y["figures"].expenditure_planned for y in years]),
                (_("expenditure, executed"), [y["figures"].expenditure_executed for y in years]),
            ],
            formatter=_som0,
        )
    areas = [
        a
        for a in (unit.parent, unit.parent.parent if unit.parent else None)
        if a is not None and a.kind in (Municipality.Kind.OBLAST, Municipality.Kind.RAYON)
    ]
    return render(
        request,
        "budgets/municipality_budgets.html",
        {
            "unit": unit,
            "years": years,
            "trend_chart": trend_chart,
            "areas": areas,
            "can_add": can(request.user, "budgets.add_budgetyear", unit),
        },
    )


def _structure_chart(figures, direction: str, year: int):
    rows = figures.revenue_rows() if direction == Direction.REVENUE else figures.expenditure_rows()
    if not rows:
        return None
    title = (
        _("Revenue by source in %(year)s, som")
        if direction == Direction.REVENUE
        else _("Expenditure by function in %(year)s, som")
    ) % {"year": year}
    return charts.bar_chart(
        title=title,
        description=_("Planned and executed amount of each group."),
        groups=[str(r.label) for r in rows],
        series=[
            (_("plan"), [r.planned for r in rows]),
            (_("executed"), [r.executed for r in rows]),
        ],
        formatter=_som0,
    )


def budget_detail(request, slug: str, year: int):
    budget = selectors.budget_for_page(slug=slug, year=year)
    figures = selectors.budget_figures(budget)
    stages = selectors.budget_calendar(budget)
    transfers_list = selectors.budget_transfers(budget)
    revisions = list(selectors.budget_revisions(budget)[:1])
    return render(
        request,
        "budgets/budget_detail.html",
        {
            "budget": budget,
            "unit": budget.municipality,
            "figures": figures,
            "lines": selectors.budget_lines_by_direction(budget),
            "revenue_chart": _structure_chart(figures, Direction.REVENUE, year),
            "expenditure_chart": _structure_chart(figures, Direction.EXPENDITURE, year),
            "stages": stages,
            "missing_stages": selectors.missing_stages(stages),
            "transfers": transfers_list,
            "transfers_total": sum((t.amount for t in transfers_list), Decimal(0)),
            "latest_revision": revisions[0] if revisions else None,
            "can_change": can(request.user, "budgets.change_budgetyear", budget),
        },
    )


def stage_document(request, slug: str, year: int, pk: int):
    """A budget-calendar document; budgets are public, the stage must belong to this budget."""
    budget = selectors.budget_for_page(slug=slug, year=year)
    stage = get_object_or_404(budget.calendar_stages, pk=pk)
    document = stage.document
    extension = document.name.rsplit(".", 1)[-1].lower() if "." in (document.name or "") else "bin"
    return files.serve(
        request,
        document,
        filename=f"{budget.municipality.slug}-{budget.year}-{stage.stage}.{extension}",
        content_type=files.content_type_of(document),
    )


def citizen_budget(request, slug: str, year: int):
    budget = selectors.budget_for_page(slug=slug, year=year)
    figures = selectors.budget_figures(budget)
    top_spending = sorted(figures.expenditure_rows(), key=lambda r: -r.planned)[:5]
    chart = None
    if top_spending:
        chart = charts.bar_chart(
            title=_("Where the money goes, som"),
            description=_("The five largest areas of planned spending."),
            groups=[str(r.label) for r in top_spending],
            series=[(_("plan"), [r.planned for r in top_spending])],
            formatter=_som0,
        )
    sources = None
    if figures.revenue_planned:
        sources = charts.bar_chart(
            title=_("Where the money comes from, som"),
            description=_("Own revenue of the municipality against transfers from the republic."),
            groups=[_("own revenue"), _("transfers from the republican budget")],
            series=[(_("plan"), [figures.own_revenue_planned, figures.transfers_planned])],
            formatter=_som0,
        )
    return render(
        request,
        "budgets/citizen_budget.html",
        {
            "budget": budget,
            "unit": budget.municipality,
            "figures": figures,
            "top_spending": [(r, figures.share_of_expenditure(r)) for r in top_spending],
            "spending_chart": chart,
            "sources_chart": sources,
        },
    )


def budget_export(request, slug: str, year: int, fmt: str):
    budget = selectors.budget_for_page(slug=slug, year=year)
    records = exports.budget_records(budget)
    return _data_response(
        records,
        exports.BUDGET_FIELDS,
        fmt,
        f"budget-{slug}-{year}",
        dataset="budget",
        municipality=slug,
        year=year,
    )


def revisions(request, slug: str, year: int):
    budget = selectors.budget_for_page(slug=slug, year=year)
    page = Paginator(selectors.budget_revisions(budget), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "budgets/revision_list.html",
        {"budget": budget, "unit": budget.municipality, "page": page},
    )


def revision_detail(request, slug: str, year: int, number: int):
    budget = selectors.budget_for_page(slug=slug, year=year)
    older, newer = selectors.revision_pair(budget, number)
    if newer is None:
        raise Http404
    changes = selectors.revision_diff(older, newer)
    for change in changes:
        for field in change["fields"]:
            if field["field"] in ("approved", "revised", "executed"):
                for key in ("old", "new"):
                    if field[key] is not None:
                        field[key] = formatting.som(Decimal(field[key]))
    return render(
        request,
        "budgets/revision_detail.html",
        {
            "budget": budget,
            "unit": budget.municipality,
            "revision": newer,
            "older": older,
            "changes": changes,
            "field_labels": _diff_labels(),
        },
    )


def _diff_labels() -> dict:
    return {
        "name_ky": _("Name in Kyrgyz"),
        "name_ru": _("Name in Russian"),
        "category": _("category"),
        "approved": _("Approved, som"),
        "revised": _("Revised, som"),
        "executed": _("Executed, som"),
    }
