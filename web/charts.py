"""Server-side SVG charts: no CDN, no JavaScript, readable on a phone (they scale to width).

Each chart carries a <title> and an aria-label that say in words what it shows, so a
screen reader (and a test) gets the figures too.
"""

from datetime import date
from html import escape

from markupsafe import Markup

from services.dashboard import Breakdown, Trend

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 112
CHART_WIDTH = 400
PLACED_COLOUR = "#0b5cad"
SLOTS_COLOUR = "#c9d9ec"
LEGEND_HEIGHT = 20
AXIS_COLOUR = "#667085"
TARGET_COLOUR = "#b42318"


def bar_chart(breakdown: Breakdown, limit: int = 20) -> Markup:
    """Horizontal bars per row: slots offered (light) behind people placed (dark), with a
    legend. Beyond `limit` rows the chart keeps the first `limit - 1` and sums the rest as
    其他, and says so under it (the table beside it lists every row)."""
    rows, folded = _fold(breakdown.rows, limit)
    if not rows:
        # bandit B704: the only text inside is escaped with html.escape
        return Markup(f'<p class="muted">{escape(breakdown.title)}：暂无数据</p>')  # nosec B704
    if breakdown.offers_slots:
        summary = "；".join(f"{label}：已安置{placed}人，提供岗位{slots}个"
                           for label, slots, placed in rows)
        legend = [(SLOTS_COLOUR, "提供岗位（个）"), (PLACED_COLOUR, "已安置（人）")]
    else:
        summary = "；".join(f"{label}：已安置{placed}人" for label, _, placed in rows)
        legend = [(PLACED_COLOUR, "已安置（人）；岗位不按人员类别提供")]
    scale_max = max(max(slots, placed) for _, slots, placed in rows) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 70
    height = LEGEND_HEIGHT + len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    parts = [
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="{escape(breakdown.title)}：{escape(summary)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(breakdown.title)}</title>",
        legend_svg(legend, LABEL_WIDTH, 4),
    ]
    for i, (label, slots, placed) in enumerate(rows):
        y = LEGEND_HEIGHT + BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        slots_w = span * slots / scale_max
        placed_w = span * placed / scale_max
        short = label if len(label) <= 8 else label[:7] + "…"
        figure = f"{placed}人/{slots}岗" if breakdown.offers_slots else f"{placed}人"
        parts += [
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end" font-size="13">'
            f"{escape(short)}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{slots_w:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{SLOTS_COLOUR}"/>' if breakdown.offers_slots else "",
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{placed_w:.1f}" height="{BAR_HEIGHT - 8}" '
            f'fill="{PLACED_COLOUR}"/>',
            f'<text x="{LABEL_WIDTH + max(slots_w, placed_w) + 6:.1f}" y="{y + 16}" font-size="12">'
            f"{figure}</text>",
        ]
    parts.append("</svg>")
    if folded:
        parts.append(f'<p class="muted">图中列出前 {len(rows) - 1} 项，其余 {folded} 项合并为“其他”；'
                     "各项数字见下方表格。</p>")
    # bandit B704: labels and titles escaped with html.escape above
    return Markup("".join(parts))  # nosec B704


def _fold(rows: list[tuple[str, int, int]], limit: int) -> tuple[list[tuple[str, int, int]], int]:
    """The rows as drawn and how many were folded into 其他."""
    if len(rows) <= limit:
        return rows, 0
    kept, rest = rows[:limit - 1], rows[limit - 1:]
    other = (f"其他（{len(rest)}项）", sum(r[1] for r in rest), sum(r[2] for r in rest))
    return [*kept, other], len(rest)


def legend_svg(items: list[tuple[str, str]], x: float, y: float) -> str:
    """A row of colour swatches with their meaning, drawn inside a chart."""
    parts, left = [], x
    for colour, text in items:
        parts += [f'<rect x="{left:.1f}" y="{y}" width="12" height="12" fill="{colour}"/>',
                  f'<text x="{left + 16:.1f}" y="{y + 11}" font-size="12">{escape(text)}</text>']
        left += 16 + 13 * len(text) + 14
    return f'<g class="legend">{"".join(parts)}</g>'


def nice_ticks(top: float, count: int = 4) -> list[int]:
    """Whole-number axis values from 0 up to at least `top` at a round step (1, 2, 5 × 10ⁿ)."""
    raw = max(top, 1) / count
    magnitude = 10 ** max(len(str(int(raw))) - 1, 0)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = [0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def trend_chart(trend: Trend, title: str) -> Markup:
    """Cumulative placements by week against the target, with the projected completion, on
    axes that carry their values (people on the left, dates below)."""
    points = trend.points
    if not points:
        # bandit B704: labels and titles escaped with html.escape above
        return Markup(f'<p class="muted">{escape(title)}：暂无数据</p>')  # nosec B704
    width, height, left, right, top_pad, bottom = CHART_WIDTH, 260, 44, 16, 28, 44
    ticks = nice_ticks(max(trend.target if trend.floor else 0, points[-1].placed_total))
    first = points[0].week_start
    end = max(points[-1].week_start, trend.projected_completion or points[-1].week_start)
    days = max((end - first).days, 7)

    def x(day: date) -> float:
        return left + (width - left - right) * (day - first).days / days

    def y(value: float) -> float:
        return height - bottom - (height - bottom - top_pad) * value / ticks[-1]

    line = " ".join(f"{x(p.week_start):.1f},{y(p.placed_total):.1f}" for p in points)
    projected = (f"预计 {trend.projected_completion.isoformat()} 完成"
                 if trend.projected_completion else "按当前进度无法完成")
    goal = (f"不少于 {trend.target} 人，{projected}" if trend.floor
            else f"岗位上限 {trend.target} 个（按岗位数计，补缺不另占岗位）")
    label = (f"{title}：截至 {points[-1].week_start.isoformat()} 所在周累计安置 "
             f"{points[-1].placed_total} 人，{goal}")
    legend = [(PLACED_COLOUR, "累计安置（人）")]
    if trend.floor:
        legend.append((TARGET_COLOUR, f"目标：不少于 {trend.target} 人"))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        legend_svg(legend, left, 4),
        value_axis(ticks, left, width - right, y, "人"),
        date_axis([first, first + (end - first) / 2, end], x, height - bottom),
    ]
    if trend.floor:
        parts.append(f'<line x1="{left}" y1="{y(trend.target):.1f}" x2="{width - right}" '
                     f'y2="{y(trend.target):.1f}" stroke="{TARGET_COLOUR}" stroke-dasharray="4 4"/>')
    parts.append(f'<polyline points="{line}" fill="none" stroke="{PLACED_COLOUR}" stroke-width="2.5"/>')
    if trend.projected_completion and trend.projected_completion > points[-1].week_start:
        last = points[-1]
        parts.append(
            f'<line x1="{x(last.week_start):.1f}" y1="{y(last.placed_total):.1f}" '
            f'x2="{x(trend.projected_completion):.1f}" y2="{y(trend.target):.1f}" '
            f'stroke="{PLACED_COLOUR}" stroke-dasharray="6 4"/>'
        )
    parts.append(f'<text x="{width - right}" y="{height - 6}" text-anchor="end" font-size="12">'
                 f"{escape(projected if trend.floor else goal)}</text>")
    parts.append("</svg>")
    # bandit B704: labels and titles escaped with html.escape above
    return Markup("".join(parts))  # nosec B704


def value_axis(ticks: list[int], x0: float, x1: float, y, unit: str) -> str:
    """The left axis: each tick's value and a faint grid line across the plot."""
    parts = [f'<line x1="{x0}" y1="{y(0):.1f}" x2="{x0}" y2="{y(ticks[-1]):.1f}" stroke="{AXIS_COLOUR}"/>']
    for tick in ticks:
        parts += [f'<line x1="{x0}" y1="{y(tick):.1f}" x2="{x1}" y2="{y(tick):.1f}" '
                  'stroke="#e4e7ec"/>',
                  f'<text class="tick" x="{x0 - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                  f'font-size="11">{tick}</text>']
    parts.append(f'<text x="{x0 - 4}" y="{y(ticks[-1]) - 8:.1f}" text-anchor="end" '
                 f'font-size="11">{escape(unit)}</text>')
    return f'<g class="axis">{"".join(parts)}</g>'


def date_axis(days: list[date], x, baseline: float) -> str:
    """The bottom axis: a line and the dates under it."""
    anchors = ["start"] + ["middle"] * (len(days) - 2) + ["end"]
    parts = [f'<line x1="{x(days[0]):.1f}" y1="{baseline}" x2="{x(days[-1]):.1f}" y2="{baseline}" '
             f'stroke="{AXIS_COLOUR}"/>']
    parts += [f'<text class="tick" x="{x(day):.1f}" y="{baseline + 16}" text-anchor="{anchor}" '
              f'font-size="11">{day.isoformat()}</text>' for day, anchor in zip(days, anchors, strict=True)]
    return f'<g class="axis">{"".join(parts)}</g>'
