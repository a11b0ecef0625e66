"""Reading the statistics office's workbook: both formats, every kind of row, its quirks, and
the name rules (spellings that meet, Kyrgyz names derived from the Russian ones)."""

import pytest

from municipalities import nsc
from tests.municipalities import nsc_workbooks as books

FORMATS = ["xls", "xlsx"]


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_reader_classifies_every_row_and_fixes_the_known_quirks(tmp_path, fmt):
    book = nsc.read_workbook(books.write(tmp_path / f"x.{fmt}", books.YEAR_2026, year=2026))
    assert book.year() == (2026, "the title «…на начало 2026…»")
    rows = {row.code: row for row in book.rows}
    # Talas codes written with spaces are read as 14 digits
    assert rows["41707215000000"].kind == "rayon"
    assert "written with spaces" in rows["41707215000000"].fixes[0]
    # Aravan rayon's wrong code, Naryn city's code without its 4xx segment
    assert rows["41706211000000"].kind == "rayon"
    assert "41706211800000" not in rows
    assert rows["41704400000010"].kind == "city_oblast"
    assert rows["41704400800010"].unit_code == "41704400000010"
    # Latin «c» for Cyrillic «с», in a unit's name and a village's prefix
    assert rows["41708203830000"].name == "Айылный аймак имени Суймонкула Чокморова"
    assert rows["41708203830010"].name == "Ала-Арча"
    # kinds and the unit each village belongs to
    assert rows["41711000000000"].kind == "city_republican"
    assert rows["41711201000000"].kind == "city_district"
    assert rows["41711000800010"].unit_code == "41711000000000"
    assert rows["41708410000010"].kind == "city_oblast"
    assert rows["41708410000020"].unit_code == "41708410000010"
    assert rows["41708213600030"].kind == "city_rayon"
    assert rows["41708213600810"].unit_code == "41708213600030"
    assert rows["41708222820020"].unit_code == "41708222820000"
    assert rows["41704000000000"].population == 316182
    # the oblast rows repeated on the republic's sheet are read once
    assert [row.code for row in book.rows].count("41708000000000") == 1
    assert book.sheets == list(books.YEAR_2026)


def test_reader_reports_rows_it_cannot_use(tmp_path):
    book = nsc.read_workbook(books.write(tmp_path / "x.xlsx", books.YEAR_2024, year=2024))
    reasons = {row.name: row.reason for row in book.skipped}
    assert reasons["Кыргызская Республика"] == "the republic's total, not a unit"
    assert reasons["с. Опечатка"] == "code «4170822283» has 10 digits, not 14"
    assert "urban-type settlement" in reasons["пгт Ак-Тюз"]
    assert "grouping row" in reasons["Сельские населенные пункты, подчиненные городу"]
    assert "41704400800010" in {row.code for row in book.villages}
    assert next(r for r in book.villages if r.code == "41704400800010").population is None


def test_year_comes_from_the_file_name_when_no_title_says_it(tmp_path):
    book = nsc.read_workbook(books.write(tmp_path / "op825_2025.xlsx", books.YEAR_2026,
                                         year=None))
    assert book.year() == (2025, "the file name op825_2025.xlsx")


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Тепкенский айылный аймак", "Тепке айыл аймагы"),
        ("Тепкенский айылный аймак", "айылный аймак Тепке"),
        ("г. Кант", "Кант шаары"),
        ("Кочкорский айылный аймак", "Кочкорка"),
        ("Боо-Терекский  айылный аймак", "Боо-Терекский айылный аймак"),
        ("Иcсык-Кульская область", "Иссык-Кульская область"),  # Latin «c»
    ],
)
def test_a_new_spelling_of_the_same_name_is_not_a_new_name(name, other):
    assert nsc.name_key(name) == nsc.name_key(other)


def test_a_new_name_is_a_new_name():
    assert nsc.name_key("Кара-Бууринский район") != nsc.name_key("Айтматовский район")
    assert nsc.name_key("г. Джалал-Абад") != nsc.name_key("г. Манас")


def test_village_names_fold_kyrgyz_letters_and_russian_endings():
    assert nsc.place_key("Көк-Жар") == nsc.place_key("с. Кок-Жар") == "кокжар"
    assert nsc.place_key("Жаңы-Жол") == nsc.place_key("Жаны-Жол")
    assert nsc.place_key("Берёзовка") == nsc.place_key("Березовка")
    assert nsc.stem_key(nsc.place_key("Петровка")) == nsc.stem_key(nsc.place_key("Петров"))
    assert nsc.stem_key(nsc.place_key("Ананьево")) == nsc.stem_key(nsc.place_key("Ананьев"))


@pytest.mark.parametrize(
    ("name_ru", "kind", "places", "name_ky"),
    [
        ("Кара-Булакский айылный аймак", "ayil_aimak", [], "Кара-Булак айыл аймагы"),
        ("Тепкенский айылный аймак", "ayil_aimak", ["Тепке", "Жаны-Жол"], "Тепке айыл аймагы"),
        ("Кулундинский айылный аймак", "ayil_aimak", [], "Кулунду айыл аймагы"),
        ("Ивановский айылный аймак", "ayil_aimak", ["Ивановка"], "Ивановка айыл аймагы"),
        ("Кек-Ташский айылный аймак", "ayil_aimak", [], "Көк-Таш айыл аймагы"),
        ("Джаны-Джольский айылный аймак", "ayil_aimak", [], "Жаңы-Жол айыл аймагы"),
        ("Айылный аймак имени Суймонкула Чокморова", "ayil_aimak", [],
         "Суймонкул Чокморов айыл аймагы"),
        ("г. Кант", "city_oblast", [], "Кант шаары"),
        ("Ак-Суйский район", "rayon", [], "Ак-Суу району"),
        ("Айтматовский район", "rayon", [], "Айтматов району"),
    ],
)
def test_kyrgyz_name_by_rule(name_ru, kind, places, name_ky):
    assert nsc.kyrgyz_name_by_rule(name_ru, kind, places) == name_ky
