"""The managers' report as files: a CSV of every row, and a PDF with a chart
per path (reportlab), both in the manager's language."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import timedelta
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from common import csv_safe
from common.dates import local_format
from learners.models import User
from training.reports import STATUS_ORDER, Status, SummaryRow

# Late in red, then grey, blue and green: the page's colours for the same.
STATUS_COLOURS = {
    Status.OVERDUE: colors.HexColor("#b3261e"),
    Status.NOT_STARTED: colors.HexColor("#8a8f98"),
    Status.IN_PROGRESS: colors.HexColor("#1d5fa8"),
    Status.DONE: colors.HexColor("#1e7a3c"),
}
# Teams per chart: more would not fit the height of a landscape page.
BARS_PER_CHART = 14
# A PDF is read, not searched: past this many rows, the CSV has the rest.
PDF_PEOPLE_LIMIT = 1000


def score_percent(score: float | None) -> int | str:
    return "" if score is None else round(score * 100)


def minutes(duration: timedelta | None) -> int | str:
    return "" if duration is None else round(duration.total_seconds() / 60)


def _status_label(value: str) -> str:
    return str(Status(value).label)


def people_csv(rows: Iterable[tuple]) -> str:
    """Every row of the report (``reports.people_for_export``'s values):
    numbers stay numbers for the spreadsheet."""
    out = io.StringIO()
    writer = csv_safe.writer(out)
    writer.writerow(
        [
            _("Name"),
            _("E-mail address"),
            _("Team"),
            _("Path"),
            _("Due date"),
            _("Status"),
            _("Items done"),
            _("Items in the path"),
            _("Average score (%)"),
            _("Time spent (minutes)"),
        ]
    )
    for (
        display_name,
        email,
        team,
        path,
        due_on,
        status,
        items_done,
        items_total,
        score,
        time_spent,
    ) in rows:
        writer.writerow(
            [
                User.name_from(display_name, email),
                email or "",
                team or "",
                path,
                due_on.isoformat(),
                _status_label(status),
                items_done,
                items_total,
                score_percent(score),
                minutes(time_spent),
            ]
        )
    return out.getvalue()


def _chart(rows: list[SummaryRow]) -> Drawing:
    """One stacked bar per team: its people at each status."""
    bar_height, width = 18, 24 * cm
    height = len(rows) * (bar_height + 8) + 60
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 5 * cm, 40
    chart.width, chart.height = width - 6 * cm, height - 60
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [_team_label(row) for row in rows]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.data = [[row.count(status) for row in rows] for status in STATUS_ORDER]
    for index, status in enumerate(STATUS_ORDER):
        chart.bars[index].fillColor = STATUS_COLOURS[status]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 5 * cm, 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = "Helvetica"
    legend.colorNamePairs = [
        (STATUS_COLOURS[status], _status_label(status)) for status in STATUS_ORDER
    ]
    drawing.add(legend)
    return drawing


def _team_label(row: SummaryRow) -> str:
    return row.team_name or _("No team")


def _grid(data: list[list], widths: list[float] | None = None) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _summary_block(path_name: str, rows: list[SummaryRow], styles) -> list:
    header = [_("Team"), *(_status_label(s) for s in STATUS_ORDER), _("People")]
    data = [header] + [
        [_team_label(row), *(row.count(s) for s in STATUS_ORDER), row.total]
        for row in rows
    ]
    charts = [
        _chart(rows[start : start + BARS_PER_CHART])
        for start in range(0, len(rows), BARS_PER_CHART)
    ]
    return [
        KeepTogether([Paragraph(escape(path_name), styles["Heading2"]), charts[0]]),
        *charts[1:],
        _grid(data),
        Spacer(1, 0.5 * cm),
    ]


def _by_path(summary: list[SummaryRow]) -> dict[str, list[SummaryRow]]:
    paths: dict[tuple, list[SummaryRow]] = {}
    for row in summary:
        paths.setdefault((row.path_id, row.path_name), []).append(row)
    return {name: rows for (_id, name), rows in paths.items()}


def _people_table(rows: list) -> Table:
    header = [
        _("Name"),
        _("Team"),
        _("Path"),
        _("Due date"),
        _("Status"),
        _("Progress"),
        _("Average score (%)"),
        _("Time spent (minutes)"),
    ]
    data = [header] + [
        [
            str(row.user),
            row.team_name or "",
            row.assignment.path.name,
            local_format(row.assignment.due_on),
            _status_label(row.status),
            f"{row.items_done} / {row.items_total}",
            score_percent(row.score),
            minutes(row.time_spent),
        ]
        for row in rows
    ]
    return _grid(data)


def report_pdf(
    *, organisation, summary: list[SummaryRow], people: Iterable, filters_text: str
) -> bytes:
    """The report to print or send: a chart and a table per path, then the
    people (the first ``PDF_PEOPLE_LIMIT``)."""
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = "Helvetica-Bold" if "Heading" in style.name else "Helvetica"
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        title=_("Training report") + f" — {organisation.name}",
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
    )
    made = local_format(timezone.now(), "j F Y, H:i")
    story = [
        Paragraph(
            escape(_("Training report") + f" — {organisation.name}"), styles["Title"]
        ),
        Paragraph(escape(_("Made on %(when)s.") % {"when": made}), styles["Normal"]),
        Paragraph(escape(filters_text), styles["Normal"]),
        Spacer(1, 0.5 * cm),
    ]
    for path_name, rows in _by_path(summary).items():
        story += _summary_block(path_name, rows, styles)
    listed = list(people[: PDF_PEOPLE_LIMIT + 1])
    story.append(Paragraph(escape(_("People")), styles["Heading2"]))
    if listed:
        story.append(_people_table(listed[:PDF_PEOPLE_LIMIT]))
    if len(listed) > PDF_PEOPLE_LIMIT:
        story.append(
            Paragraph(
                escape(
                    _("The first %(count)s people only: the CSV file lists them all.")
                    % {"count": PDF_PEOPLE_LIMIT}
                ),
                styles["Normal"],
            )
        )
    document.build(story)
    return out.getvalue()
