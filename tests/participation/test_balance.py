"""Attendance and balance: the arithmetic, the forms, scopes, charts, tables and CSV."""

import csv
import io
from decimal import Decimal

import pytest

from participation import selectors
from participation import services
from participation.models import AttendanceCount
from participation.models import BalanceGroup
from participation.models import ReferenceShare

pytestmark = pytest.mark.django_db


def g(pk, dimension="gender", key=None):
    return BalanceGroup(pk=pk, dimension=dimension, key=key or str(pk), name=str(pk))


def test_shares_ratios_score_and_flag():
    groups = [g(1), g(2)]
    [gender] = selectors.balance_compute(
        groups=groups, counts={1: 30, 2: 70}, shares={1: Decimal("50"), 2: Decimal("50")}
    )
    women, men = gender.rows
    assert gender.total == 100
    assert (women.share, men.share) == (Decimal("0.3"), Decimal("0.7"))
    assert (women.ratio, men.ratio) == (Decimal("0.60"), Decimal("1.40"))
    assert women.under_represented
    assert not men.under_represented
    assert gender.score == Decimal("0.43")  # 0.6 / 1.4
    assert gender.under_represented == [women]


def test_exactly_point_eight_is_not_under_represented():
    [dim] = selectors.balance_compute(
        groups=[g(1), g(2)], counts={1: 40, 2: 60}, shares={1: Decimal(50), 2: Decimal(50)}
    )
    assert dim.rows[0].ratio == Decimal("0.80")
    assert not dim.rows[0].under_represented


def test_population_shares_are_normalised_over_groups_with_figures():
    # shares sum to 50, not 100: each is read relative to the sum
    [dim] = selectors.balance_compute(
        groups=[g(1), g(2)], counts={1: 50, 2: 50}, shares={1: Decimal(25), 2: Decimal(25)}
    )
    assert [row.ratio for row in dim.rows] == [Decimal("1.00"), Decimal("1.00")]
    assert dim.score == Decimal("1.00")


def test_no_participants_means_no_shares_no_ratio_no_score():
    [dim] = selectors.balance_compute(
        groups=[g(1), g(2)], counts={}, shares={1: Decimal(50), 2: Decimal(50)}
    )
    assert dim.total == 0
    assert all(row.share is None and row.ratio is None for row in dim.rows)
    assert dim.score is None
    assert dim.under_represented == []


def test_zero_population_group_has_no_ratio_and_does_not_break_the_score():
    groups = [g(1, "ethnic"), g(2, "ethnic"), g(3, "ethnic")]
    [dim] = selectors.balance_compute(
        groups=groups, counts={1: 90, 2: 10, 3: 5},
        shares={1: Decimal(90), 2: Decimal(10), 3: Decimal(0)},
    )
    assert dim.rows[2].population_share == 0
    assert dim.rows[2].ratio is None
    assert not dim.rows[2].under_represented
    assert dim.score is not None


def test_group_missing_from_the_reference_has_no_ratio():
    [dim] = selectors.balance_compute(
        groups=[g(1), g(2)], counts={1: 5, 2: 5}, shares={1: Decimal(50)}
    )
    assert dim.rows[0].ratio == Decimal("0.50")  # normalised: group 1 is the whole reference
    assert dim.rows[1].population_share is None
    assert dim.rows[1].ratio is None


def test_all_reference_shares_zero():
    [dim] = selectors.balance_compute(
        groups=[g(1), g(2)], counts={1: 5, 2: 5}, shares={1: Decimal(0), 2: Decimal(0)}
    )
    assert all(row.ratio is None for row in dim.rows)
    assert dim.score is None


def test_absent_group_gives_ratio_zero_and_score_zero():
    [dim] = selectors.balance_compute(
        groups=[g(1), g(2)], counts={1: 10}, shares={1: Decimal(50), 2: Decimal(50)}
    )
    assert dim.rows[1].ratio == Decimal("0.00")
    assert dim.rows[1].under_represented
    assert dim.score == Decimal("0.00")


def test_default_groups_and_national_census_shares_are_loaded_with_sources():
    keys = list(BalanceGroup.objects.filter(dimension="age").values_list("key", flat=True))
    assert keys == ["14-17", "18-28", "29-59", "60-plus"]
    ethnic = ReferenceShare.objects.filter(municipality=None, group__dimension="ethnic")
    assert sum(s.percent for s in ethnic) == Decimal("100.00")
    # cited for citizens in both languages (the 2022 census: "каттоо" / "перепись")
    assert all("каттоо" in s.source_ky and "ерепис" in s.source_ru
               for s in ReferenceShare.objects.all())
    assert ethnic.get(group__key="kyrgyz").percent == Decimal("77.60")


def groups_by_key():
    return {grp.key: grp for grp in BalanceGroup.objects.all()}


def test_attendance_form_records_aggregates(client, staff_of, event):
    event.status = "held"
    event.save()
    keys = groups_by_key()
    client.force_login(staff_of(event.municipality))
    data = {
        f"group_{keys['female'].pk}": "20", f"group_{keys['male'].pk}": "30",
        f"group_{keys['18-28'].pk}": "10", f"group_{keys['29-59'].pk}": "40",
        f"group_{keys['kyrgyz'].pk}": "45", f"group_{keys['uzbek'].pk}": "5",
        "villages": "Тепке: 40\nЖогорку Тепке: 10",
    }
    response = client.post(f"/ru/events/{event.pk}/attendance/", data)
    assert response.status_code == 302
    assert AttendanceCount.objects.filter(event=event).count() == 6
    balance = selectors.event_balance(event)
    gender = next(d for d in balance.dimensions if d.dimension == "gender")
    assert gender.total == 50
    assert [v["village"] for v in balance.villages] == ["Тепке", "Жогорку Тепке"]
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<svg" in html
    assert '<th scope="row">Женщины</th>' in html or "Аялдар" in html or "Women" in html


@pytest.mark.parametrize(
    "villages", ["Тепке 40", ": 5", "Тепке: много"]
)
def test_attendance_form_bad_village_lines(client, staff_of, event, villages):
    event.status = "held"
    event.save()
    client.force_login(staff_of(event.municipality))
    response = client.post(f"/ru/events/{event.pk}/attendance/", {"villages": villages})
    assert response.status_code == 200
    assert response.context["form"].errors["villages"]


def test_attendance_form_refuses_inconsistent_totals(client, staff_of, event):
    event.status = "held"
    event.save()
    keys = groups_by_key()
    client.force_login(staff_of(event.municipality))
    response = client.post(f"/ru/events/{event.pk}/attendance/", {
        f"group_{keys['female'].pk}": "20", f"group_{keys['18-28'].pk}": "25", "villages": "",
    })
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not AttendanceCount.objects.exists()


def record(event, **counts):
    keys = groups_by_key()
    event.status = "held"
    event.save()
    services.attendance_counts_save(
        event=event, counts={keys[k].pk: v for k, v in counts.items()}, villages=[]
    )


def test_scope_sums_events_under_a_rayon_and_year(event_factory, municipality_factory):
    oblast = municipality_factory(kind="oblast")
    rayon = municipality_factory(kind="rayon", parent=oblast)
    aa = municipality_factory(parent=rayon)
    elsewhere = municipality_factory()
    record(event_factory(municipality=aa), female=10, male=30)
    record(event_factory(municipality=rayon), female=20, male=20)
    record(event_factory(municipality=elsewhere), female=100, male=0)
    draft = event_factory(municipality=aa)
    record(draft, female=500)
    draft.status = "draft"
    draft.save()
    for unit in (oblast, rayon):
        balance = selectors.scope_balance(unit=unit, year=None)
        gender = next(d for d in balance.dimensions if d.dimension == "gender")
        assert [r.count for r in gender.rows] == [30, 50]
        assert balance.event_count == 2
    year = aa.events.first().starts_at.year
    assert selectors.scope_balance(unit=oblast, year=year - 1).is_empty


def test_municipal_reference_shares_override_the_national(client, staff_of, event):
    keys = groups_by_key()
    client.force_login(staff_of(event.municipality))
    url = f"/ru/participation/shares/{event.municipality.slug}/"
    response = client.post(url, {f"share_{keys['russian'].pk}": "30", "source": ""})
    assert response.status_code == 200  # a source is required
    assert not ReferenceShare.objects.filter(municipality=event.municipality).exists()
    response = client.post(url, {f"share_{keys['female'].pk}": "80",
                                 f"share_{keys['male'].pk}": "30", "source": "паспорт"})
    assert response.status_code == 200  # more than 100 %
    response = client.post(url, {f"share_{keys['russian'].pk}": "30",
                                 "source": "Паспорт айыл аймагы 2024"})
    assert response.status_code == 302
    shares, sources = selectors.reference_shares(event.municipality)
    assert shares[keys["russian"].pk] == Decimal("30")
    assert shares[keys["kyrgyz"].pk] == Decimal("77.60")  # national for the rest
    assert "Паспорт айыл аймагы 2024" in sources


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("citizen", 403),
                                              ("other_staff", 403), ("moderator", 403),
                                              ("staff", 200), ("admin", 200)])
def test_reference_shares_matrix(client, roles, event, role, status):
    if role != "anonymous":
        client.force_login(roles[role])
    url = f"/ru/participation/shares/{event.municipality.slug}/"
    assert client.get(url).status_code == status


def test_balance_csv_open_data(client, event):
    record(event, female=10, male=30, kyrgyz=40)
    response = client.get(f"/ru/events/{event.pk}/balance.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    female = next(r for r in rows if r["group"] == "female")
    assert female["participants"] == "10"
    assert female["share_participants_percent"] == "25.0"
    assert female["under_represented"] == "yes"
    national = client.get(
        f"/ru/participation/balance.csv?unit={event.municipality.slug}"
    ).content.decode()
    assert "female,10,25.0" in national
    assert any(r["scope"] == "source" for r in rows)


def test_balance_page_renders_empty_and_full(client, event):
    empty = client.get("/ru/participation/balance/")
    assert empty.status_code == 200
    assert 'class="empty"' in empty.content.decode()
    record(event, female=10, male=30)
    html = client.get("/ru/participation/balance/").content.decode()
    assert "<svg" in html
    assert '<th scope="col"' in html
    assert client.get("/ru/participation/balance/?unit=nowhere").status_code == 404


def test_csv_does_not_start_formulas_from_village_names(client, event):
    event.status = "held"
    event.save()
    services.attendance_counts_save(event=event, counts={}, villages=[("=HYPERLINK(1)", 3)])
    body = client.get(f"/ru/events/{event.pk}/balance.csv").content.decode()
    assert "'=HYPERLINK(1)" in body
    assert ",=HYPERLINK" not in body
