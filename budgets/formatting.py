"""Money as people read it: grouped digits and the decimal mark of the active language."""

from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.utils.formats import number_format

CENT = Decimal("0.01")


def som(value: Decimal | None, decimals: int = 2) -> str:
    """1234567.5 -> '1 234 567.50' (ky) or '1 234 567,50' (ru); '—' when there is no figure."""
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    value = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return (
        number_format(
            (Decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
            decimal_pos=1,
            use_l10n=True,
        )
        + "\u00a0%"
    )


def plain(value: Decimal | None) -> str:
    """Machine-readable amount for open data: '1234567.50', '' when there is no figure."""
    if value is None:
        return ""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))
