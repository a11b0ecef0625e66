"""Build municipalities/data/admin_units.csv from the shared reference file.

Run once when ../shared/domain/kg_admin_units.csv changes:

    python municipalities/data/build_admin_units.py ../shared/domain/kg_admin_units.csv

It assigns each unit our type, a stable address name (slug), and splits the population column
into number, year and source. It never fills a missing value: an empty cell stays empty.
"""

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).with_name("admin_units.csv")
FIELDS = [
    "kind", "soate", "slug", "name_ky", "name_ru", "english_name", "parent_soate",
    "parent_slug", "population", "population_year", "population_source", "reference_note",
    "source_block",
]
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
        year = YEAR.search(source)
        if year:
            found.append((int(year.group(0)), match.group(1), source))
    if not found:
        return "", "", ""
    year, number, source = max(found)
    return number, str(year), source


def split_english(text: str) -> tuple[str, str]:
    text = text.strip()
    if text.startswith("("):
        return "", text.strip("()")
    name, _, note = text.partition(" (")
    return name.strip(), note.rstrip(")").strip()


def main(source: str) -> None:
    with open(source, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
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
            "kind": kind, "soate": row["code"], "slug": slug, "name_ky": row["name_ky"].strip(),
            "name_ru": row["name_ru"].strip(), "english_name": english, "parent_soate": parent,
            "parent_slug": "", "population": population, "population_year": year,
            "population_source": pop_source, "reference_note": note,
            "source_block": row["source_block"],
        })
    for row in out:
        row["parent_slug"] = by_code.get(row["parent_soate"], "")
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"{len(out)} units written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/domain/kg_admin_units.csv")
