"""Open data: each budget and the national transfers as CSV and JSON.

Amounts are strings with two decimals and a dot ("1234567.50") so no precision is lost.
In CSV no cell may start a spreadsheet formula: text beginning with = + - @, a tab or a
carriage return gets an apostrophe in front (OWASP "CSV injection").
"""

import json

from django.utils.translation import gettext_lazy as _

from portal.exports import csv_text

from .formatting import plain

BUDGET_FIELDS = [
    ("municipality_soate", _("SOATE code of the municipality")),
    ("municipality_slug", _("address name of the municipality on the portal")),
    ("municipality_name_ky", _("name of the municipality in Kyrgyz")),
    ("municipality_name_ru", _("name of the municipality in Russian")),
    ("year", _("fiscal year")),
    ("direction", _("revenue or expenditure: “revenue” / “expenditure”")),
    ("category", _("revenue group or expenditure function (key, see the list below)")),
    ("code", _("budget classification code")),
    ("name_ky", _("name of the line in Kyrgyz")),
    ("name_ru", _("name of the line in Russian")),
    ("approved", _("approved amount, som, two decimals with a dot")),
    ("revised", _("revised amount, som; empty when not revised")),
    ("executed", _("executed amount, som; empty when no execution is reported")),
]
TRANSFER_FIELDS = [
    ("year", _("fiscal year")),
    ("municipality_soate", _("SOATE code of the recipient")),
    ("municipality_slug", _("address name of the recipient on the portal")),
    ("municipality_name_ky", _("name of the recipient in Kyrgyz")),
    ("municipality_name_ru", _("name of the recipient in Russian")),
    ("kind", _("type: equalization, target, stimulating, delegated")),
    ("amount", _("amount, som, two decimals with a dot")),
    ("purpose_ky", _("purpose in Kyrgyz")),
    ("purpose_ru", _("purpose in Russian")),
    ("legal_basis_ky", _("legal basis in Kyrgyz")),
    ("legal_basis_ru", _("legal basis in Russian")),
    ("date", _("date of the decision or payment, YYYY-MM-DD")),
]



def budget_records(budget) -> list[dict]:
    unit = budget.municipality
    return [
        {
            "municipality_soate": unit.soate or "",
            "municipality_slug": unit.slug,
            "municipality_name_ky": unit.name_ky or "",
            "municipality_name_ru": unit.name_ru or "",
            "year": budget.year,
            "direction": line.direction,
            "category": line.category,
            "code": line.code,
            "name_ky": line.name_ky or "",
            "name_ru": line.name_ru or "",
            "approved": plain(line.approved),
            "revised": plain(line.revised),
            "executed": plain(line.executed),
        }
        for line in budget.lines.all()
    ]


def transfer_records(transfers) -> list[dict]:
    return [
        {
            "year": t.year,
            "municipality_soate": t.municipality.soate or "",
            "municipality_slug": t.municipality.slug,
            "municipality_name_ky": t.municipality.name_ky or "",
            "municipality_name_ru": t.municipality.name_ru or "",
            "kind": t.kind,
            "amount": plain(t.amount),
            "purpose_ky": t.purpose_ky or "",
            "purpose_ru": t.purpose_ru or "",
            "legal_basis_ky": t.legal_basis_ky or "",
            "legal_basis_ru": t.legal_basis_ru or "",
            "date": t.date.isoformat(),
        }
        for t in transfers
    ]


def to_csv(records: list[dict], fields: list[tuple]) -> str:
    names = [name for name, _label in fields]
    return csv_text(([record[name] for name in names] for record in records), header=names)


def to_json(records: list[dict], fields: list[tuple], **meta) -> str:
    document = {
        **meta,
        "fields": {name: str(label) for name, label in fields},
        "records": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
