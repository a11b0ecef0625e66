"""Money as people read it: portal.formats for pages and PDFs, plain figures for open data."""

from decimal import ROUND_HALF_UP
from decimal import Decimal

from portal import formats

CENT = Decimal("0.01")


def som(value: Decimal | None, decimals: int = 2) -> str:
    """1234567.5 -> '1 234 567,50' (no-break spaces, decimal comma); '—' when there is no figure."""
    return formats.number(value, decimals)


def percent(value: Decimal | None) -> str:
    """0.457 -> '45,7 %'."""
    return formats.percent(value, 1)


def plain(value: Decimal | None) -> str:
    """Machine-readable amount for open data: '1234567.50', '' when there is no figure."""
    if value is None:
        return ""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))
