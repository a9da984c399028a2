"""Read a page's SVG charts as a browser would lay them out: each chart's title, aria-label,
the words of its legend, the values on its axes and every other text drawn in it, and
whether each drawn text lies inside the chart's viewBox (a label off the canvas is not seen)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Chart:
    label: str
    width: float
    height: float
    title: str = ""
    legend: list[str] = field(default_factory=list)
    ticks: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # texts drawn off the canvas


class _Charts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts: list[Chart] = []
        self._stack: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            _, _, width, height = (float(v) for v in attrs["viewbox"].split())
            self.charts.append(Chart(attrs.get("aria-label", ""), width, height))
        self._stack.append((tag, attrs))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._stack or not self.charts or not data.strip():
            return
        tag, attrs = self._stack[-1]
        if not any(t == "svg" for t, _ in self._stack):
            return
        chart = self.charts[-1]
        if tag == "title":
            chart.title = data
        elif tag == "text":
            chart.texts.append(data)
            if any(t == "g" and a.get("class") == "legend" for t, a in self._stack):
                chart.legend.append(data)
            if attrs.get("class") == "tick":
                chart.ticks.append(data)
            x, y = float(attrs.get("x", 0)), float(attrs.get("y", 0))
            if not (0 <= x <= chart.width and 0 <= y <= chart.height):
                chart.outside.append(data)


def charts(page: str) -> dict[str, Chart]:
    """The page's charts by their <title>."""
    parser = _Charts()
    parser.feed(page)
    return {chart.title: chart for chart in parser.charts}
