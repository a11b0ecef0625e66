"""The directory as open data: one documented record per unit, one column per language."""

from django.utils.translation import gettext_lazy as _

from portal.urls_abs import absolute

# (field name, what it means) — the order of the CSV columns and the documentation page.
FIELDS = [
    ("soate", _("SOATE code, the stable identifier of the unit (empty if it has none yet)")),
    ("slug", _("address name of the unit on this portal")),
    ("kind", _("type: oblast, city_republican, rayon, city_district, city_oblast, "
               "city_rayon, ayil_aimak")),
    ("name_ky", _("name in Kyrgyz (empty where the reference data has none)")),
    ("name_ru", _("name in Russian")),
    ("name_en", _("name in English (empty where the reference data has none)")),
    ("parent_soate", _("SOATE code of the unit it belongs to")),
    ("parent_slug", _("address name of the unit it belongs to")),
    ("population", _("population (empty where the reference data has no figure)")),
    ("population_year", _("year of the population figure")),
    ("population_basis", _("kind of population figure: census, nsc_estimate (National "
                            "Statistical Committee, 1 January), nsc (its figure for the year), "
                            "cec (Central Election Commission); empty if not known")),
    ("population_source", _("source of the population figure, in the language of the address")),
    ("pre_reform", _("true if the reference data describes the unit as before the 2024 reform")),
    ("valid_from", _("date the unit was formed, if recorded (YYYY-MM-DD)")),
    ("valid_to", _("last day the unit existed, if it was superseded (YYYY-MM-DD)")),
    ("successors", _("address names of the units that replaced it, separated by spaces")),
    ("url", _("address of the unit's page on this portal")),
]

def unit_record(unit) -> dict:
    """One unit as open data; expects export_units() (parent and successions fetched)."""
    url = unit.get_absolute_url()
    return {
        "soate": unit.soate or "",
        "slug": unit.slug,
        "kind": unit.kind,
        "name_ky": unit.name_ky or "",
        "name_ru": unit.name_ru or "",
        "name_en": unit.english_name,
        "parent_soate": (unit.parent.soate or "") if unit.parent else "",
        "parent_slug": unit.parent.slug if unit.parent else "",
        "population": unit.population,
        "population_year": unit.population_year,
        "population_basis": unit.population_basis,
        "population_source": unit.population_note,
        "pre_reform": unit.is_pre_reform,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "successors": " ".join(s.successor.slug for s in unit.successions_out.all()),
        "url": absolute(url),
    }
