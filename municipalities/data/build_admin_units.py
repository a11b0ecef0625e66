"""Build municipalities/data/admin_units.csv from the shared reference files.

Run once when ../shared/domain/kg_admin_units.csv or kg_ayil_aimaks_ky.csv changes:

    python municipalities/data/build_admin_units.py ../shared/domain/kg_admin_units.csv \
        ../shared/domain/kg_ayil_aimaks_ky.csv

It assigns each unit our type, a stable address name (slug), and splits the population column
into number, year, source and the kind of figure (census, statistics office estimate ...). It
never fills a missing number: an empty cell stays empty.

Kyrgyz names keep their provenance in three columns: ``name_ky_origin`` (``source``: found in a
Kyrgyz-language source; ``rule``: derived from the Russian form, to be checked by a person),
``name_ky_source`` (a URL or citation) and ``name_ky_note`` (doubts). Oblasts, rayons and
cities take theirs from the main file; the 453 ayil aimaks from kg_ayil_aimaks_ky.csv, matched
by SOATE code; the 17 towns of rayon significance, which have none in either file, get one
derived here by rule (``TOWN_STEMS_KY``), marked to be checked.
"""

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).with_name("admin_units.csv")
FIELDS = [
    "kind", "soate", "slug", "name_ky", "name_ru", "english_name", "parent_soate",
    "parent_slug", "population", "population_year", "population_source", "reference_note",
    "source_block", "name_ky_origin", "name_ky_source", "name_ky_note", "population_basis",
]
# Where the main file's Kyrgyz names come from, per block (kg_admin_units_SOURCES.md).
BLOCK_NAME_SOURCES = {
    "A": "kg_admin_units.csv, block A: Wikipedia \"Regions of Kyrgyzstan\"; Jalal-Abad as "
    "written in Kyrgyz-language news (eltr.kg, 24.kg)",
    "B": "kg_admin_units.csv, block B: Wikipedia \"Districts of Kyrgyzstan\" and district "
    "pages; report.stat.kg client (Kyrgyz names with SOATE prefixes)",
    "C": "kg_admin_units.csv, block C: report.stat.kg client (\"ш.\" written out as \"шаары\")",
}
RULE_SOURCE = "derived by rule from the Russian name"
# Towns of rayon significance (block D) have Russian names only: "г. X" -> "X шаары", with the
# Kyrgyz spelling of the stem where it differs from the Russian one (as in the rayon's
# Kyrgyz name or the common Kyrgyz form). Marked "rule": a person is to check them.
TOWN_STEMS_KY = {
    "Узген": "Өзгөн",  # as the rayon: Өзгөн району
    "Каинды": "Кайыңды",
    "Кок-Жангак": "Көк-Жаңгак",
}
TOWN_NOTES = {
    "Исфана": "renamed Раззаков per Wikipedia (see the reference note); the name is kept as the "
    "Russian one has it",
}
TOWN_PREFIX = "г. "
TRANSLIT = dict(zip(
    "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "ng", "o",
     "o", "p", "r", "s", "t", "u", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
     "yu", "ya"],
    strict=True,
))
GENERIC = re.compile(r"\b(г\.|айылный аймак|район|область)", re.IGNORECASE)
KIND_SUFFIX = {
    "oblast": "-oblast",
    "rayon": "-rayon",
    "city_district": "-district",
    "city_rayon": "-town",
    "ayil_aimak": "-aa",
}
POPULATION = re.compile(r"(\d+)\s*\(")
YEAR = re.compile(r"\b(19|20)\d{2}\b")


def slugify(text: str) -> str:
    text = GENERIC.sub("", text.lower())
    latin = "".join(TRANSLIT.get(ch, ch) for ch in text)
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")


def kind_of(row: dict) -> str:
    level, block = row["level"], row["source_block"]
    if level == "rayon" and "city district" in row["name_en"]:
        return "city_district"
    if level == "city":
        return "city_oblast" if block == "C" else "city_rayon"
    return level


def split_population(text: str) -> tuple[str, str, str]:
    """The latest figure of the cell: '44080 (2009 census); 49955 (2021, NSC)' -> 2021's."""
    found = []
    for match in POPULATION.finditer(text):
        depth, end = 1, match.end()
        while end < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        source = text[match.end() : end - 1 if depth == 0 else end].strip()
        year_match = YEAR.search(source)
        if year_match:
            found.append((int(year_match.group(0)), match.group(1), source))
    if not found:
        return "", "", ""
    year, number, source = max(found)
    return number, str(year), source


def population_basis(source: str) -> str:
    """What kind of figure the population source describes; empty when not recognised."""
    text = source.casefold()
    if "census" in text:
        return "census"
    if "nsc est" in text:
        return "nsc_estimate"  # the statistics office's estimate at 1 January of the year
    if "nsc" in text:
        return "nsc"
    return ""


def town_name_ky(name_ru: str) -> str:
    stem = name_ru.removeprefix(TOWN_PREFIX).strip()
    return f"{TOWN_STEMS_KY.get(stem, stem)} шаары"


def read_kyrgyz_names(path: str | None) -> dict[str, dict]:
    """SOATE code -> the ky names file's row (name_ky, method, source, note)."""
    if not path:
        return {}
    with open(path, encoding="utf-8") as fh:
        return {row["soate"].strip(): row for row in csv.DictReader(fh)}


def name_provenance(row: dict, kind: str, kyrgyz: dict[str, dict]) -> dict:
    """The unit's Kyrgyz name and where it comes from."""
    found = kyrgyz.get(row["code"]) if row["code"] else None
    if found and found["name_ky"].strip():
        method = found["method"].strip()
        if method not in ("source", "rule"):
            raise ValueError(f"{row['code']}: unknown method {method!r}")
        source = found["source"].strip()
        return {
            "name_ky": found["name_ky"].strip(),
            "name_ky_origin": method,
            "name_ky_source": source if method == "source" else f"kg_ayil_aimaks_ky.csv: "
            f"{RULE_SOURCE}",
            "name_ky_note": found["note"].strip(),
        }
    if row["name_ky"].strip():
        return {
            "name_ky": row["name_ky"].strip(),
            "name_ky_origin": "source",
            "name_ky_source": BLOCK_NAME_SOURCES.get(row["source_block"], "kg_admin_units.csv"),
            "name_ky_note": "",
        }
    if kind == "city_rayon" and row["name_ru"].startswith(TOWN_PREFIX):
        stem = row["name_ru"].removeprefix(TOWN_PREFIX).strip()
        return {
            "name_ky": town_name_ky(row["name_ru"]),
            "name_ky_origin": "rule",
            "name_ky_source": f"build_admin_units.py: {RULE_SOURCE} (\"г. X\" -> \"X шаары\")",
            "name_ky_note": TOWN_NOTES.get(stem, ""),
        }
    return {"name_ky": "", "name_ky_origin": "", "name_ky_source": "", "name_ky_note": ""}


def split_english(text: str) -> tuple[str, str]:
    text = text.strip()
    if text.startswith("("):
        return "", text.strip("()")
    name, _, note = text.partition(" (")
    return name.strip(), note.rstrip(")").strip()


def main(source: str, names_ky: str | None = None) -> None:
    with open(source, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    kyrgyz = read_kyrgyz_names(names_ky)
    slugs: dict[str, int] = {}
    by_code: dict[str, str] = {}
    out = []
    for row in rows:
        kind = kind_of(row)
        base = slugify(row["name_ru"]) or row["code"]
        # The kind in the address keeps a rayon, its seat and its ayil aimak apart.
        base += KIND_SUFFIX.get(kind, "")
        slug = base
        while slug in slugs:
            slugs[base] += 1
            slug = f"{base}-{slugs[base]}"
        slugs[slug] = 1
        if row["code"]:
            by_code[row["code"]] = slug
        population, year, pop_source = split_population(row["population"])
        english, note = split_english(row["name_en"])
        parent = row["parent_code_or_name"] if row["parent_code_or_name"] != "KG" else ""
        out.append({
            "kind": kind, "soate": row["code"], "slug": slug,
            "name_ru": row["name_ru"].strip(), "english_name": english, "parent_soate": parent,
            "parent_slug": "", "population": population, "population_year": year,
            "population_source": pop_source, "reference_note": note,
            "source_block": row["source_block"],
            "population_basis": population_basis(pop_source),
            **name_provenance(row, kind, kyrgyz),
        })
    for row in out:
        row["parent_slug"] = by_code.get(row["parent_soate"], "")
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    used = {row["soate"] for row in out} & set(kyrgyz)
    if unused := sorted(set(kyrgyz) - used):
        raise ValueError(f"Kyrgyz names for unknown SOATE codes: {', '.join(unused[:10])}")
    print(f"{len(out)} units written to {OUT}")


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "../shared/domain/kg_admin_units.csv",
        sys.argv[2] if len(sys.argv) > 2 else "../shared/domain/kg_ayil_aimaks_ky.csv",
    )
