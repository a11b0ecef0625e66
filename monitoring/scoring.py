"""The honest arithmetic of scorecards: mixed scales on one 0–100 scale, missing stays missing."""

from decimal import ROUND_HALF_UP
from decimal import Decimal

from .models import Indicator


def normalise(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    """A value on the common 0–100 scale where 100 is best; None when it cannot be honest.

    score 1–5 → (v − 1) / 4; percentage as is; yes/no as the share of "yes"; counts only
    against the catalogue's reference maximum (otherwise None). "Lower is better" flips it.
    """
    if value is None:
        return None
    scale = indicator.scale
    if scale == Indicator.Scale.SCORE:
        result = (value - 1) / 4 * 100
    elif scale == Indicator.Scale.PERCENT:
        result = value
    elif scale == Indicator.Scale.YES_NO:
        result = value * 100
    elif indicator.reference_max:
        result = value / indicator.reference_max * 100
    else:
        return None
    result = min(max(result, Decimal(0)), Decimal(100))
    if indicator.direction == Indicator.Direction.LOWER:
        result = 100 - result
    return result.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mean(values) -> Decimal | None:
    """The mean of the values that exist; None (not zero) when there are none."""
    present = [value for value in values if value is not None]
    if not present:
        return None
    total = sum(present, Decimal(0)) / len(present)
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def delta(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous is None:
        return None
    return current - previous
