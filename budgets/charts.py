"""Bar charts as inline SVG, drawn on the server: no script, no external library.

They show the same in the browser, the print version and PDFs. Every chart comes with a data
table in the template; the SVG itself carries a title and a description for screen readers.
Colours are presentation attributes (allowed by the strict CSP, unlike style="").
"""

from collections.abc import Callable
from collections.abc import Sequence
from decimal import Decimal
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

PALETTE = ["#1f5f8b", "#e0a030", "#3c8d5a", "#a33b3b", "#6b4c9a", "#4d4d4d"]
WIDTH = 720
LABEL_WIDTH = 230
VALUE_WIDTH = 130
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 12
LEGEND_HEIGHT = 24

_ids = count(1)


def _truncate(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(
    *,
    title: str,
    description: str,
    groups: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | None]]],
    formatter: Callable[[Decimal | None], str],
) -> SafeString:
    """Horizontal bars: one row of bars per group, one bar per series within it."""
    chart_id = f"chart-{next(_ids)}"
    values = [v for _name, vals in series for v in vals if v is not None]
    top = max(values, default=Decimal(0)) or Decimal(1)
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    legend = len(series) > 1
    y = LEGEND_HEIGHT if legend else 4
    group_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    height = y + len(groups) * (group_height + GROUP_GAP) + 4
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-family="sans-serif" font-size="12">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    if legend:
        x = LABEL_WIDTH
        for index, (name, _vals) in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{x + 16}" y="14" fill="#222">{escape(name)}</text>')
            x += 24 + 8 * len(name)
    for group_index, label in enumerate(groups):
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + group_height / 2 + 4:.1f}" '
            f'text-anchor="end" fill="#222"><title>{escape(label)}</title>'
            f"{escape(_truncate(label))}</text>"
        )
        for series_index, (_name, vals) in enumerate(series):
            value = vals[group_index]
            colour = PALETTE[series_index % len(PALETTE)]
            width = 0.0 if value is None else float(Decimal(value) / top) * bar_area
            if width > 0:
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(width, 1):.1f}" '
                    f'height="{BAR_HEIGHT}" fill="{colour}"/>'
                )
            parts.append(
                f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + BAR_HEIGHT - 3}" '
                f'fill="#222">{escape(formatter(value))}</text>'
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP - BAR_GAP
    parts.append("</svg>")
    return mark_safe("".join(parts))
