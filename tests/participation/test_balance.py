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


def one(counts, shares, *, national=(), events=1, dimension="gender", unit_id=1):
    """One municipality's attendance and shares, as the selectors read them from the DB."""
    return selectors.UnitAttendance(unit_id, counts, {dimension: events}, shares,
                                    frozenset(national))


def compute(groups, *units, minimum=5):
    return selectors.balance_compute(groups=groups, units=list(units), minimum=minimum)


def test_shares_expected_ratios_score_and_flags():
    [gender] = compute([g(1), g(2)], one({1: 30, 2: 70}, {1: Decimal("50"), 2: Decimal("50")}))
    women, men = gender.rows
    assert gender.total == 100
    assert (women.share, men.share) == (Decimal("0.3"), Decimal("0.7"))
    assert (women.expected, men.expected) == (Decimal(50), Decimal(50))
    assert (women.ratio, men.ratio) == (Decimal("0.60"), Decimal("1.40"))
    assert women.assessment == selectors.Assessment.UNDER
    assert men.over_represented
    assert men.assessment == selectors.Assessment.OVER
    assert gender.score == Decimal("0.43")  # 0.6 / 1.4
    assert gender.under_represented == [women]
    assert gender.over_represented == [men]


def test_thresholds_are_not_flags():
    [dim] = compute([g(1), g(2)], one({1: 40, 2: 60}, {1: Decimal(50), 2: Decimal(50)}))
    assert dim.rows[0].ratio == Decimal("0.80")
    assert not dim.rows[0].under_represented
    assert dim.rows[0].assessment == selectors.Assessment.FAIR
    [dim] = compute([g(1), g(2)], one({1: 50, 2: 30}, {1: Decimal(50), 2: Decimal(50)}))
    assert dim.rows[0].ratio == Decimal("1.25")
    assert not dim.rows[0].over_represented


def test_population_shares_are_normalised_over_groups_with_figures():
    # shares sum to 50, not 100: each is read relative to the sum
    [dim] = compute([g(1), g(2)], one({1: 50, 2: 50}, {1: Decimal(25), 2: Decimal(25)}))
    assert [row.ratio for row in dim.rows] == [Decimal("1.00"), Decimal("1.00")]
    assert [row.population_share for row in dim.rows] == [Decimal("0.5"), Decimal("0.5")]
    assert dim.score == Decimal("1.00")


def test_no_participants_means_no_shares_no_ratio_no_score():
    [dim] = compute([g(1), g(2)], one({}, {1: Decimal(50), 2: Decimal(50)}))
    assert dim.total == 0
    assert all(row.share is None and row.ratio is None and row.expected is None
               for row in dim.rows)
    assert all(row.assessment == selectors.Assessment.NO_DATA for row in dim.rows)
    assert dim.score is None
    assert dim.under_represented == []
    assert dim.too_few == []
    [dim] = compute([g(1), g(2)])  # no unit at all
    assert dim.total == 0
    assert dim.score is None


def test_zero_population_group_is_too_few_and_does_not_break_the_score():
    groups = [g(1, "ethnic"), g(2, "ethnic"), g(3, "ethnic")]
    [dim] = compute(groups, one({1: 90, 2: 10, 3: 5},
                                {1: Decimal(90), 2: Decimal(10), 3: Decimal(0)},
                                dimension="ethnic"))
    third = dim.rows[2]
    assert third.population_share == 0
    assert third.ratio is None
    assert third.assessment == selectors.Assessment.TOO_FEW
    assert not third.under_represented
    assert dim.score is not None


def test_group_missing_from_the_reference_has_no_ratio():
    [dim] = compute([g(1), g(2)], one({1: 50, 2: 50}, {1: Decimal(50)}))
    assert dim.rows[0].ratio == Decimal("0.50")  # normalised: group 1 is the whole reference
    assert dim.rows[1].population_share is None
    assert dim.rows[1].ratio is None
    assert dim.rows[1].assessment == selectors.Assessment.NO_FIGURE
    assert dim.score is None  # one judged group cannot be compared with another


def test_all_reference_shares_zero():
    [dim] = compute([g(1), g(2)], one({1: 5, 2: 5}, {1: Decimal(0), 2: Decimal(0)}))
    assert all(row.ratio is None for row in dim.rows)
    assert dim.score is None


def test_absent_group_with_enough_expected_gives_ratio_zero_and_score_zero():
    [dim] = compute([g(1), g(2)], one({1: 10}, {1: Decimal(50), 2: Decimal(50)}))
    assert dim.rows[1].expected == Decimal(5)  # exactly the minimum: judged
    assert dim.rows[1].ratio == Decimal("0.00")
    assert dim.rows[1].under_represented
    assert dim.score == Decimal("0.00")


def test_a_tiny_group_is_too_few_to_judge_and_stays_out_of_the_score():
    # 0.2 % of 140 participants: 0.28 expected people, nobody came. Before, this group was
    # "under-represented" with ratio 0 and dragged the score to 0.
    groups = [g(1, "ethnic"), g(2, "ethnic"), g(3, "ethnic")]
    [dim] = compute(groups, one({1: 100, 2: 40},
                                {1: Decimal("70"), 2: Decimal("29.8"), 3: Decimal("0.2")},
                                dimension="ethnic"))
    tiny = dim.rows[2]
    assert tiny.expected == Decimal("0.28")
    assert tiny.ratio == Decimal("0.00")
    assert tiny.too_few
    assert not tiny.under_represented
    assert tiny.assessment == selectors.Assessment.TOO_FEW
    assert dim.too_few == [tiny]
    # judged: 100 / 98 = 1.0204 and 40 / 41.72 = 0.9588 -> score 0.94
    assert [row.ratio for row in dim.rows[:2]] == [Decimal("1.02"), Decimal("0.96")]
    assert dim.score == Decimal("0.94")


def test_the_minimum_is_a_setting(settings):
    settings.PARTICIPATION_BALANCE_MIN_EXPECTED = 1
    groups = [g(1), g(2)]
    [dim] = selectors.balance_compute(
        groups=groups, units=[one({1: 1, 2: 3}, {1: Decimal(50), 2: Decimal(50)})]
    )
    assert all(row.judged for row in dim.rows)  # 2 expected each: judged with minimum 1
    settings.PARTICIPATION_BALANCE_MIN_EXPECTED = 5
    [dim] = selectors.balance_compute(
        groups=groups, units=[one({1: 1, 2: 3}, {1: Decimal(50), 2: Decimal(50)})]
    )
    assert not any(row.judged for row in dim.rows)
    assert dim.score is None


def test_expected_people_are_summed_over_units_each_with_its_own_shares():
    # North: women 40 % of the unit, 10 of 100 came. South: women 60 %, 30 of 50 came.
    north = one({1: 10, 2: 90}, {1: Decimal(40), 2: Decimal(60)}, unit_id=1)
    south = one({1: 30, 2: 20}, {1: Decimal(60), 2: Decimal(40)}, unit_id=2, events=2)
    [dim] = compute([g(1), g(2)], north, south)
    women, men = dim.rows
    assert (women.expected, men.expected) == (Decimal(70), Decimal(80))  # 40 + 30, 60 + 20
    assert (women.ratio, men.ratio) == (Decimal("0.57"), Decimal("1.38"))  # 40/70, 110/80
    assert women.population_share == Decimal(70) / Decimal(150)
    assert dim.events == 3
    assert dim.national_events == 0


def test_units_using_national_shares_are_counted():
    own = one({1: 10, 2: 10}, {1: Decimal(50), 2: Decimal(50)}, unit_id=1, events=2)
    national = one({1: 10, 2: 10}, {1: Decimal(50), 2: Decimal(50)}, national={1, 2},
                   unit_id=2, events=3)
    part = one({1: 10, 2: 10}, {1: Decimal(50), 2: Decimal(50)}, national={2}, unit_id=3)
    [dim] = compute([g(1), g(2)], own, national, part)
    assert (dim.national_events, dim.events) == (4, 6)
    assert dim.national_unit_ids == [2, 3]


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


# --- North and south: the same definition for an event, a region and the country -------------

KARAKOL = {"kyrgyz": 70, "russian": 20, "uzbek": 1, "dungan": 4, "uyghur": 2, "tajik": 0,
           "other": 3}
KARA_SUU = {"kyrgyz": 58, "uzbek": 40, "russian": "0.5", "dungan": 0, "uyghur": "0.2",
            "tajik": 1, "other": "0.3"}


def own_shares(unit, shares: dict) -> None:
    keys = groups_by_key()
    for key, percent in shares.items():
        ReferenceShare.objects.create(municipality=unit, group=keys[key],
                                      percent=Decimal(str(percent)), source=f"Паспорт {unit.slug}")


@pytest.fixture
def north_south(event_factory, municipality_factory):
    """Karakol (Russians 20 %) and an ayil aimak of Osh oblast (Uzbeks 40 %), each with its own
    figures; an ayil aimak of Kochkor with none (national census shares)."""
    issyk_kul = municipality_factory(kind="oblast", slug="issyk-kul", name_ru="Иссык-Кульская")
    karakol = municipality_factory(kind="city_regional", parent=issyk_kul, slug="karakol",
                                   name_ky="Каракол", name_ru="Каракол")
    osh = municipality_factory(kind="oblast", slug="osh-oblast")
    kara_suu = municipality_factory(kind="rayon", parent=osh, slug="kara-suu")
    aa_south = municipality_factory(parent=kara_suu, slug="south-aa")
    naryn = municipality_factory(kind="oblast", slug="naryn")
    kochkor = municipality_factory(parent=naryn, slug="kochkor-aa", name_ky="Кочкор айыл аймагы",
                                   name_ru="Кочкорский айылный аймак")
    own_shares(karakol, KARAKOL)
    own_shares(aa_south, KARA_SUU)
    north = event_factory(municipality=karakol)
    record(north, kyrgyz=83, russian=15, uzbek=1, dungan=1)
    south = event_factory(municipality=aa_south)
    record(south, kyrgyz=120, uzbek=78, tajik=2)
    return {"north": north, "south": south, "kochkor": kochkor, "naryn": naryn,
            "issyk_kul": issyk_kul, "karakol": karakol}


def ethnic(balance):
    dim = next(d for d in balance.dimensions if d.dimension == "ethnic")
    return dim, {row.group.key: row for row in dim.rows}


def test_each_event_alone_with_its_own_shares(north_south):
    dim, rows = ethnic(selectors.event_balance(north_south["north"]))
    assert rows["russian"].expected == Decimal(20)
    assert rows["russian"].ratio == Decimal("0.75")  # 15 of 20 expected
    assert rows["russian"].under_represented
    assert rows["kyrgyz"].ratio == Decimal("1.19")  # 83 / 70
    # Uzbeks: 1 % of Karakol, one person expected: too few to judge, not "0.10".
    assert rows["uzbek"].assessment == selectors.Assessment.TOO_FEW
    assert dim.score == Decimal("0.63")  # 0.75 / 1.1857
    assert dim.national_events == 0
    dim, rows = ethnic(selectors.event_balance(north_south["south"]))
    assert (rows["kyrgyz"].ratio, rows["uzbek"].ratio) == (Decimal("1.03"), Decimal("0.98"))
    assert rows["uyghur"].expected == Decimal("0.4")  # 0.2 % of 200: not judged
    assert rows["uyghur"].too_few
    assert dim.score == Decimal("0.94")  # 0.975 / 1.0345, the small groups do not drag it


def test_national_balance_sums_observed_and_expected_over_events(north_south):
    dim, rows = ethnic(selectors.scope_balance(unit=None, year=None))
    # expected: Karakol 100 × its shares + south 200 × its shares
    assert rows["russian"].expected == Decimal(21)  # 20 + 1
    assert rows["uzbek"].expected == Decimal(81)  # 1 + 80
    assert rows["kyrgyz"].expected == Decimal(186)  # 70 + 116
    assert rows["russian"].count == 15
    # Russians stay under-represented nationally (15 / 21), where summing attendance and
    # comparing it with the national 4.1 % made them "over-represented" (5 % ÷ 4.1 % = 1.22,
    # 3.66 for Karakol alone).
    assert rows["russian"].ratio == Decimal("0.71")
    assert rows["russian"].under_represented
    assert not rows["russian"].over_represented
    assert rows["uzbek"].ratio == Decimal("0.98")  # 79 / 81, not "over-represented 1.85"
    assert rows["kyrgyz"].ratio == Decimal("1.09")  # 203 / 186
    assert rows["russian"].share_percent == Decimal("5.0")
    assert rows["russian"].population_percent == Decimal("7.0")  # 21 of 300 expected
    for key in ("dungan", "uyghur", "tajik", "other"):
        assert rows[key].too_few, key
    assert dim.score == Decimal("0.65")  # 0.7143 / 1.0914
    assert (dim.events, dim.national_events) == (2, 0)


def test_regional_balance_is_the_regions_events_only(north_south):
    _dim, rows = ethnic(selectors.scope_balance(unit=north_south["issyk_kul"], year=None))
    assert rows["russian"].ratio == Decimal("0.75")


def test_national_shares_where_a_unit_has_none_and_the_page_says_so(client, north_south,
                                                                    event_factory):
    record(event_factory(municipality=north_south["kochkor"]), kyrgyz=50)
    balance = selectors.scope_balance(unit=None, year=None)
    dim, rows = ethnic(balance)
    # Kochkor's 50 are split by the national census shares: 77.6 % Kyrgyz -> 38.8 ...
    assert rows["kyrgyz"].expected == Decimal("224.8")  # 70 + 116 + 38.8
    assert rows["russian"].expected == Decimal("23.05")  # 20 + 1 + 2.05
    assert rows["uzbek"].expected == Decimal("88.1")  # 1 + 80 + 7.1
    assert (rows["kyrgyz"].ratio, rows["uzbek"].ratio, rows["russian"].ratio) == (
        Decimal("1.13"), Decimal("0.90"), Decimal("0.65"))
    assert rows["dungan"].too_few  # 4 + 0 + 0.5 = 4.5 < 5
    assert dim.score == Decimal("0.58")
    assert (dim.national_events, dim.events) == (1, 3)
    assert [u.slug for u in dim.national_units] == ["kochkor-aa"]
    assert any("каттоо" in source or "ерепис" in source for source in balance.sources)
    assert "Паспорт karakol" in balance.sources
    for lang, words in (("ru", ("национальные доли переписи", "Кочкорский айылный аймак",
                                "слишком мало для оценки")),
                        ("ky", ("Кочкор айыл аймагы", "баа берүүгө өтө аз"))):
        html = client.get(f"/{lang}/participation/balance/").content.decode()
        for word in words:
            assert word in html, (lang, word)
    _dim, rows = ethnic(selectors.event_balance(
        north_south["kochkor"].events.get()))
    assert rows["kyrgyz"].ratio == Decimal("1.29")  # 50 / 38.8: over-represented
    assert rows["kyrgyz"].over_represented


def test_event_page_and_csv_show_the_same_figures(client, north_south):
    north = north_south["north"]
    html = client.get(f"/ru/events/{north.pk}/").content.decode()
    assert "0,75" in html or "0.75" in html
    assert "слишком мало для оценки" in html
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/ru/events/{north.pk}/balance.csv").content.decode())))
    russian = next(r for r in rows if r["group"] == "russian")
    assert russian["expected_participants"] == "20.0"
    assert russian["representation_ratio"] == "0.75"
    assert russian["assessment"] == "under_represented"
    uzbek = next(r for r in rows if r["group"] == "uzbek")
    assert uzbek["assessment"] == "too_few_to_judge"
    assert uzbek["under_represented"] == "no"
    assert any(r["scope"] == "parameter" and r["participants"] == "5" for r in rows)
    national = list(csv.DictReader(io.StringIO(
        client.get("/ru/participation/balance.csv").content.decode())))
    russian = next(r for r in national if r["group"] == "russian")
    assert (russian["expected_participants"], russian["representation_ratio"]) == ("21.0", "0.71")
    assert (russian["events"], russian["events_with_national_shares"]) == ("2", "0")


def test_print_and_pdf_protocol_show_the_method(client, north_south):
    from portal.reports import registry
    from portal.reports.services import render_report_html

    printed = client.get("/ky/participation/balance/?print=1").content.decode()
    assert "bal-method" in printed
    report_type = registry.get("event-protocol")
    html = render_report_html(report_type, report_type.load(north_south["north"].pk),
                              language="ru")
    assert "Ожидаемое число участников" in html
    assert "слишком мало для оценки" in html


def test_balance_costs_the_same_queries_for_one_event_or_many(
    event_factory, municipality_factory, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    oblast = municipality_factory(kind="oblast")
    first = municipality_factory(parent=oblast)
    own_shares(first, KARAKOL)
    record(event_factory(municipality=first), kyrgyz=10, russian=5, female=7, male=8)
    with CaptureQueriesContext(connection) as one_event:
        selectors.scope_balance(unit=None, year=None)
    with CaptureQueriesContext(connection) as page_one:
        selectors.event_balance(first.events.get())
    for n in range(25):
        unit = municipality_factory(parent=oblast)
        if n % 2:
            own_shares(unit, KARA_SUU)
        for _ in range(2):
            record(event_factory(municipality=unit), kyrgyz=10 + n, uzbek=n, female=5, male=5 + n)
    with django_assert_num_queries(len(one_event.captured_queries)):
        balance = selectors.scope_balance(unit=None, year=None)
    with django_assert_num_queries(len(one_event.captured_queries)):
        selectors.scope_balance(unit=oblast, year=None)
    with django_assert_num_queries(len(page_one.captured_queries)):
        selectors.event_balance(first.events.get())
    assert balance.event_count == 51
    dim, _rows = ethnic(balance)
    assert (dim.events, dim.national_events) == (51, 26)  # 13 units of 26 have own figures
    assert len(one_event.captured_queries) == 6


def test_empty_scope_has_nothing_to_judge(client):
    balance = selectors.scope_balance(unit=None, year=None)
    assert balance.is_empty
    assert all(d.total == 0 and d.score is None for d in balance.dimensions)
    rows = list(csv.DictReader(io.StringIO(
        client.get("/ky/participation/balance.csv").content.decode())))
    assert {r["assessment"] for r in rows if r["scope"] not in ("parameter", "source")} == {
        "no_participants"}


BALANCE_PAGES = {
    # anonymous reads: groups, attendance by unit × group, events per unit and dimension,
    # shares of those units, names of units on national shares, villages, the page's own
    "/ky/participation/balance/": 10,
    "/ru/participation/": 9,
    "/ky/participation/balance.csv": 8,
}


@pytest.mark.parametrize("url", list(BALANCE_PAGES))
def test_balance_pages_are_constant(client, url, event_factory, municipality_factory,
                                    django_assert_max_num_queries):
    from tests.participation.test_queries import count_queries

    oblast = municipality_factory(kind="oblast")
    first = municipality_factory(parent=oblast)
    record(event_factory(municipality=first), kyrgyz=10, female=4, male=6)
    one_event = count_queries(client, url)
    for n in range(15):
        unit = municipality_factory(parent=oblast)
        if n % 3:
            own_shares(unit, KARA_SUU)
        record(event_factory(municipality=unit), kyrgyz=10 + n, uzbek=n, female=n, male=10)
    with django_assert_max_num_queries(one_event):
        response = client.get(url)
    assert response.status_code == 200
    assert one_event <= BALANCE_PAGES[url]


def test_groups_taken_out_of_use_leave_the_rest_working(north_south):
    BalanceGroup.objects.filter(dimension="ethnic").update(is_active=False)
    balance = selectors.scope_balance(unit=None, year=None)
    # only ethnic counts were recorded: the other dimensions are shown, empty
    assert [(d.dimension, d.total) for d in balance.dimensions] == [("gender", 0), ("age", 0)]
    assert balance.event_count == 0
    assert balance.is_empty
    BalanceGroup.objects.update(is_active=False)
    assert selectors.scope_balance(unit=None, year=None).dimensions == []
    assert selectors.event_balance(north_south["north"]).is_empty
