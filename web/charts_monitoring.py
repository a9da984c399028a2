"""SVG charts of the unemployment monitoring page （十五）: months along the bottom.

Drawn like web/charts.py (no script, a legend, values on the axes, an aria-label that says
the figures in words) and with its axis and legend helpers.
"""

from html import escape

from markupsafe import Markup

from services.monitoring import Cell, Month
from web.charts import CHART_WIDTH, PLACED_COLOUR, legend_svg, nice_ticks, value_axis

NEW_COLOUR = "#b54708"
EXIT_COLOUR = "#12b76a"
HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 250, 44, 12, 30, 40


def flow_chart(months: list[Month], cells: list[Cell], title: str) -> Markup:
    """New registrations and exits per month, side by side."""
    summary = "；".join(f"{m.label}：新增{c.new}人，退出{c.exits}人"
                       for m, c in zip(months, cells, strict=True))
    ticks = nice_ticks(max([max(c.new, c.exits) for c in cells] + [1]))
    slot = (CHART_WIDTH - LEFT - RIGHT) / len(months)
    bar = min(slot * 0.35, 18)
    parts = _open(title, summary, ticks,
                  [(NEW_COLOUR, "当月新增登记（人）"), (EXIT_COLOUR, "当月退出登记（人）")])
    for i, cell in enumerate(cells):
        middle = LEFT + slot * (i + 0.5)
        for offset, value, colour in ((-bar, cell.new, NEW_COLOUR), (0, cell.exits, EXIT_COLOUR)):
            top = _y(value, ticks)
            parts.append(f'<rect x="{middle + offset:.1f}" y="{top:.1f}" width="{bar:.1f}" '
                         f'height="{_y(0, ticks) - top:.1f}" fill="{colour}"/>')
    parts += _month_labels(months, slot)
    parts.append("</svg>")
    # bandit B704: every text inside is escaped with html.escape
    return Markup("".join(parts))  # nosec B704


def stock_chart(months: list[Month], cells: list[Cell], title: str) -> Markup:
    """Registered unemployed at each month's end, as a line."""
    summary = "；".join(f"{m.label}月末：{c.registered}人" for m, c in zip(months, cells, strict=True))
    ticks = nice_ticks(max([c.registered for c in cells] + [1]))
    slot = (CHART_WIDTH - LEFT - RIGHT) / len(months)
    points = [(LEFT + slot * (i + 0.5), _y(c.registered, ticks)) for i, c in enumerate(cells)]
    parts = _open(title, summary, ticks, [(PLACED_COLOUR, "月末登记失业人数（人）")])
    parts.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}" '
                 f'fill="none" stroke="{PLACED_COLOUR}" stroke-width="2.5"/>')
    parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PLACED_COLOUR}"/>' for x, y in points]
    parts += _month_labels(months, slot)
    parts.append("</svg>")
    # bandit B704: every text inside is escaped with html.escape
    return Markup("".join(parts))  # nosec B704


def _open(title: str, summary: str, ticks: list[int], legend: list[tuple[str, str]]) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}：{escape(summary)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        legend_svg(legend, LEFT, 4),
        value_axis(ticks, LEFT, CHART_WIDTH - RIGHT, lambda v: _y(v, ticks), "人"),
    ]


def _y(value: float, ticks: list[int]) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / ticks[-1]


def _month_labels(months: list[Month], slot: float) -> list[str]:
    """Every month's number under its bars; the year where it starts or changes."""
    labels = []
    for i, month in enumerate(months):
        x = LEFT + slot * (i + 0.5)
        labels.append(f'<text class="tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" '
                      f'text-anchor="middle" font-size="11">{month.first.month}月</text>')
        if i == 0 or month.first.month == 1:
            labels.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 28}" text-anchor="middle" '
                          f'font-size="11">{month.first.year}年</text>')
    return labels
