"""Dashboard charts as inline SVG built on the server with format_html.

No JavaScript, no library: the SVG prints like the page, its colours come from classes in
app.css (the CSP forbids style attributes), and every chart has a table with the same figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncQuarter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from minutes.models import ActionPoint

OPEN_STATUSES = [ActionPoint.Status.OPEN, ActionPoint.Status.IN_PROGRESS]
STATUS_LABELS = dict(ActionPoint.Status.choices)
NO_ORGANIZATION = "No organisation named"


@dataclass
class BarChart:
    """Open actions per owning organisation, split by status."""

    rows: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    statuses: list[str] = field(default_factory=lambda: list(OPEN_STATUSES))

    @property
    def status_labels(self) -> list[str]:
        return [STATUS_LABELS[s] for s in self.statuses]

    @property
    def table_rows(self) -> list[tuple[str, list[int], int]]:
        return [
            (label, [counts.get(s, 0) for s in self.statuses], sum(counts.values()))
            for label, counts in self.rows
        ]

    def svg(self) -> SafeString:
        if not self.rows:
            return mark_safe("")
        bar_h, gap, label_w, width = 22, 8, 190, 640
        plot_w = width - label_w - 50
        top = 30
        height = top + len(self.rows) * (bar_h + gap) + 10
        peak = max(sum(c.values()) for _, c in self.rows) or 1
        legend = format_html_join(
            "",
            '<rect x="{}" y="6" width="12" height="12" class="chart-fill--{}"></rect>'
            '<text x="{}" y="16" class="chart-text">{}</text>',
            (
                (label_w + i * 130, status, label_w + i * 130 + 18, STATUS_LABELS[status])
                for i, status in enumerate(self.statuses)
            ),
        )
        bars = []
        for index, (label, counts) in enumerate(self.rows):
            y = top + index * (bar_h + gap)
            x = label_w
            segments = []
            for status in self.statuses:
                n = counts.get(status, 0)
                if not n:
                    continue
                w = round(plot_w * n / peak, 1)
                segments.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-fill--{}">'
                        "<title>{}: {} {}</title></rect>",
                        x,
                        y,
                        w,
                        bar_h,
                        status,
                        label,
                        n,
                        STATUS_LABELS[status].lower(),
                    )
                )
                x += w
            bars.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-text" text-anchor="end">{}</text>{}'
                    '<text x="{}" y="{}" class="chart-text">{}</text>',
                    label_w - 8,
                    y + bar_h - 6,
                    label,
                    mark_safe("".join(segments)),  # noqa: S308 - each built by format_html
                    x + 6,
                    y + bar_h - 6,
                    sum(counts.values()),
                )
            )
        return format_html(
            '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-labelledby="bar-chart-title bar-chart-desc">'
            '<title id="bar-chart-title">Open action points by owning organisation</title>'
            '<desc id="bar-chart-desc">{}</desc>{}{}</svg>',
            width,
            height,
            self.description,
            legend,
            mark_safe("".join(bars)),  # noqa: S308 - each built by format_html
        )

    @property
    def description(self) -> str:
        parts = [
            f"{label}: {total} ({', '.join(f'{n} {s.lower()}' for s, n in zip(self.status_labels, counts, strict=True))})"
            for label, counts, total in self.table_rows
        ]
        return "; ".join(parts) + "."


def open_actions_by_organization(actions) -> BarChart:
    """One query: open actions grouped by owner organisation and status."""
    rows = (
        actions.open()
        .values("owner_organizations__acronym", "owner_organizations__name", "status")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        label = row["owner_organizations__acronym"] or row["owner_organizations__name"]
        counts = table.setdefault(label or NO_ORGANIZATION, {})
        counts[row["status"]] = counts.get(row["status"], 0) + row["n"]
    ordered = sorted(table.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    return BarChart(rows=ordered)


def _quarter_key(day) -> tuple[int, int]:
    return (day.year, (day.month - 1) // 3 + 1)


@dataclass
class LineChart:
    """Actions opened (agreed at a meeting) and closed, per quarter."""

    quarters: list[tuple[int, int]] = field(default_factory=list)
    opened: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [f"Q{q} {y}" for y, q in self.quarters]

    @property
    def table_rows(self) -> list[tuple[str, int, int]]:
        return list(zip(self.labels, self.opened, self.closed, strict=True))

    @property
    def description(self) -> str:
        if not self.quarters:
            return _("No action points yet.")
        return _(
            "From %(first)s to %(last)s, %(agreed)s action points were agreed and %(closed)s "
            "closed."
        ) % {
            "first": self.labels[0],
            "last": self.labels[-1],
            "agreed": sum(self.opened),
            "closed": sum(self.closed),
        }

    def svg(self) -> SafeString:
        if not self.quarters:
            return mark_safe("")
        width, height, left, bottom, top, right = 640, 260, 40, 40, 30, 36
        plot_w, plot_h = width - left - right, height - top - bottom
        peak = max([*self.opened, *self.closed, 1])
        step = plot_w / max(len(self.quarters) - 1, 1)

        def point(i: int, n: int) -> tuple[float, float]:
            return round(left + i * step, 1), round(top + plot_h - plot_h * n / peak, 1)

        parts = []
        for tick in sorted({0, peak // 2, peak}):
            _, y = point(0, tick)
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-grid"></line>'
                    '<text x="{}" y="{}" class="chart-text" text-anchor="end">{}</text>',
                    left,
                    y,
                    width - right,
                    y,
                    left - 6,
                    y + 4,
                    tick,
                )
            )
        # Label every quarter when few, else every fourth so labels never overlap.
        every = 1 if len(self.quarters) <= 8 else 4
        for i, label in enumerate(self.labels):
            if i % every == 0 or i == len(self.labels) - 1:
                x, _ = point(i, 0)
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" class="chart-text" text-anchor="middle">{}</text>',
                        x,
                        height - bottom + 18,
                        label,
                    )
                )
        for series, values, name in (
            ("opened", self.opened, "agreed"),
            ("closed", self.closed, "closed"),
        ):
            points = " ".join(f"{x},{y}" for x, y in (point(i, n) for i, n in enumerate(values)))
            parts.append(
                format_html(
                    '<polyline points="{}" class="chart-line--{}"></polyline>', points, series
                )
            )
            parts.append(
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="3.5" class="chart-dot--{}"><title>{}: {} {}</title></circle>',
                    ((*point(i, n), series, self.labels[i], n, name) for i, n in enumerate(values)),
                )
            )
        legend = format_html(
            '<line x1="{}" y1="12" x2="{}" y2="12" class="chart-line--opened"></line>'
            '<text x="{}" y="16" class="chart-text">Agreed</text>'
            '<line x1="{}" y1="12" x2="{}" y2="12" class="chart-line--closed"></line>'
            '<text x="{}" y="16" class="chart-text">Closed</text>',
            left,
            left + 24,
            left + 30,
            left + 110,
            left + 134,
            left + 140,
        )
        return format_html(
            '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
            'aria-labelledby="line-chart-title line-chart-desc">'
            '<title id="line-chart-title">Action points agreed and closed per quarter</title>'
            '<desc id="line-chart-desc">{}</desc>{}{}</svg>',
            width,
            height,
            self.description,
            legend,
            mark_safe("".join(parts)),  # noqa: S308 - each built by format_html
        )


def opened_closed_by_quarter(actions, *, today: datetime.date) -> LineChart:
    """Two queries: actions agreed per quarter of their meeting, and closed per quarter."""
    opened = {
        _quarter_key(row["q"]): row["n"]
        for row in actions.annotate(q=TruncQuarter("agenda_item__meeting__start"))
        .values("q")
        .annotate(n=Count("pk"))
        .order_by()
        if row["q"]
    }
    closed = {
        _quarter_key(row["q"]): row["n"]
        for row in actions.filter(closed_at__isnull=False)
        .annotate(q=TruncQuarter("closed_at"))
        .values("q")
        .annotate(n=Count("pk"))
        .order_by()
        if row["q"]
    }
    keys = [*opened, *closed]
    if not keys:
        return LineChart()
    first = min(keys)
    last = max([*keys, _quarter_key(today)]) if max(keys) <= _quarter_key(today) else max(keys)
    quarters = []
    year, quarter = first
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return LineChart(
        quarters=quarters,
        opened=[opened.get(q, 0) for q in quarters],
        closed=[closed.get(q, 0) for q in quarters],
    )
