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


def bar_chart(breakdown: Breakdown, limit: int = 12) -> Markup:
    """Horizontal bars per row: slots offered (light) behind people placed (dark)."""
    rows = breakdown.rows[:limit]
    summary = "；".join(f"{label}：已安置{placed}人，提供岗位{slots}个" for label, slots, placed in rows)
    if not rows:
        # bandit B704: the only text inside is escaped with html.escape
        return Markup(f'<p class="muted">{escape(breakdown.title)}：暂无数据</p>')  # nosec B704
    scale_max = max(max(slots, placed) for _, slots, placed in rows) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    parts = [
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="{escape(breakdown.title)}：{escape(summary)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(breakdown.title)}</title>",
    ]
    for i, (label, slots, placed) in enumerate(rows):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        slots_w = span * slots / scale_max
        placed_w = span * placed / scale_max
        short = label if len(label) <= 8 else label[:7] + "…"
        parts += [
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end" font-size="13">'
            f"{escape(short)}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{slots_w:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{SLOTS_COLOUR}"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{placed_w:.1f}" height="{BAR_HEIGHT - 8}" '
            f'fill="{PLACED_COLOUR}"/>',
            f'<text x="{LABEL_WIDTH + max(slots_w, placed_w) + 6:.1f}" y="{y + 16}" font-size="12">'
            f"{placed}/{slots}</text>",
        ]
    parts.append("</svg>")
    # bandit B704: labels and titles escaped with html.escape above
    return Markup("".join(parts))  # nosec B704


def trend_chart(trend: Trend, title: str) -> Markup:
    """Cumulative placements by week against the target, with the projected completion."""
    points = trend.points
    if not points:
        # bandit B704: labels and titles escaped with html.escape above
        return Markup(f'<p class="muted">{escape(title)}：暂无数据</p>')  # nosec B704
    width, height, pad = CHART_WIDTH, 240, 36
    top = max(trend.target if trend.floor else 0, points[-1].placed_total) or 1
    first = points[0].week_start
    end = max(points[-1].week_start, trend.projected_completion or points[-1].week_start)
    days = max((end - first).days, 7)

    def x(day: date) -> float:
        return pad + (width - 2 * pad) * (day - first).days / days

    def y(value: float) -> float:
        return height - pad - (height - 2 * pad) * value / top

    line = " ".join(f"{x(p.week_start):.1f},{y(p.placed_total):.1f}" for p in points)
    projected = (f"预计 {trend.projected_completion.isoformat()} 完成"
                 if trend.projected_completion else "按当前进度无法完成")
    goal = (f"不少于 {trend.target} 人，{projected}" if trend.floor
            else f"岗位上限 {trend.target} 个（按岗位数计，补缺不另占岗位）")
    label = (f"{title}：截至 {points[-1].week_start.isoformat()} 所在周累计安置 "
             f"{points[-1].placed_total} 人，{goal}")
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<polyline points="{line}" fill="none" stroke="{PLACED_COLOUR}" stroke-width="2.5"/>',
        f'<text x="{pad}" y="{height - 10}" font-size="12">{first.isoformat()}</text>',
    ]
    if trend.floor:
        parts[2:2] = [
            f'<line x1="{pad}" y1="{y(trend.target):.1f}" x2="{width - pad}" '
            f'y2="{y(trend.target):.1f}" stroke="#b42318" stroke-dasharray="4 4"/>',
            f'<text x="{pad}" y="{y(trend.target) - 6:.1f}" font-size="12" fill="#b42318">'
            f'不少于 {trend.target} 人</text>',
        ]
    if trend.projected_completion and trend.projected_completion > points[-1].week_start:
        last = points[-1]
        parts.append(
            f'<line x1="{x(last.week_start):.1f}" y1="{y(last.placed_total):.1f}" '
            f'x2="{x(trend.projected_completion):.1f}" y2="{y(trend.target):.1f}" '
            f'stroke="{PLACED_COLOUR}" stroke-dasharray="6 4"/>'
        )
    parts.append(f'<text x="{width - pad}" y="{height - 10}" text-anchor="end" font-size="12">'
                 f"{escape(projected if trend.floor else goal)}</text>")
    parts.append("</svg>")
    # bandit B704: labels and titles escaped with html.escape above
    return Markup("".join(parts))  # nosec B704
