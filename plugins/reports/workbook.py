"""The street-wide workbook (.xlsx): a summary row per group, the period's measures, the findings
by category with a bar chart, and a sheet of notes. Times are the street's local time.

When the street's groups are on several platforms, both the summary and the measures carry a
last column naming each row's platform (QQ, Telegram); a street on one platform has none.

Written with openpyxl in write-only mode: rows stream to the file, so a month of a street's
records takes a fraction of a second. Every row goes through `core.sheets.row`: a group name or
a reason that starts with `=` is text in the workbook, never a formula.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from core import sheets
from core.script import Script, in_script
from plugins.registry.platforms import label as platform_label
from plugins.reports import texts
from plugins.reports.scorecard import CategoryStat, RecordFact, Scorecard
from plugins.reports.street import StreetReport, mixed

BOLD = Font(bold=True)
PERCENT = "0.0%"


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _sheet(
    book: Workbook, title: str, headers: Sequence[str], widths: Sequence[int], script: Script
) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(in_script(title, script))
    assert isinstance(sheet, WriteOnlyWorksheet)
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    head = sheets.row(sheet, (in_script(header, script) for header in headers))
    for cell in head:
        cell.font = BOLD
    sheet.append(head)
    return sheet


def summary_row(card: Scorecard, sheet: WriteOnlyWorksheet, script: Script) -> list[Any]:
    f = card.facts
    rate = WriteOnlyCell(sheet, f.realname.rate)
    rate.number_format = PERCENT
    return [
        f.group_id,
        f.name,
        f.unit,
        f.type.value,
        in_script(f.status, script),
        in_script(card.grade, script),
        "、".join(str(a) for a in f.admins),
        f.member_count,
        f.realname.missing,
        rate,
        f.open_clearance,
        card.findings,
        card.measures,
        card.unsettled,
        _seconds(card.mean_seconds),
        f.handovers_done,
        f.handovers_pending,
        in_script(texts.ACTIVITY_NAMES[card.activity], script),
        card.silent_days,
        "、".join(in_script(d, script) for d in f.duties_off),
        "、".join(in_script(texts.PROBLEM_NAMES[p], script) for p in card.problems),
    ]


def measure_row(r: RecordFact, tz: ZoneInfo, script: Script) -> list[Any]:
    return [
        r.id,
        r.created_at.astimezone(tz).replace(tzinfo=None),
        r.group_id,
        r.unit,
        in_script(texts.kind_name(r.action), script),
        r.article,
        in_script(texts.category_name(r.category), script),
        in_script(texts.BOT, script) if r.actor is None else r.actor,
        r.target,
        r.reason or None,
        in_script(texts.status_name(r.status), script),
        _seconds(r.seconds),
    ]


def category_rows(stats: Iterable[CategoryStat], script: Script) -> list[list[Any]]:
    rows = [
        [
            in_script(texts.category_name(s.category), script),
            s.findings,
            s.measures,
            _seconds(s.mean_seconds),
            _seconds(s.max_seconds),
        ]
        for s in stats
    ]
    return rows or [[in_script(texts.NO_FINDINGS, script), 0, 0, None, None]]


def _chart(sheet: WriteOnlyWorksheet, rows: int, title: str) -> BarChart:
    """Findings by category: the first `rows` data rows (those with findings come first)."""
    chart = BarChart()
    chart.type = "bar"  # horizontal: category names are long
    chart.style = 10
    chart.title = title
    chart.legend = None
    chart.height = max(7.5, 0.8 * rows + 3)
    chart.width = 18
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # the largest at the top
    data = Reference(sheet, min_col=2, min_row=1, max_row=rows + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows + 1))
    return chart


def write_workbook(report: StreetReport, path: Path, tz: ZoneInfo, script: Script) -> Path:
    book = Workbook(write_only=True)
    several = mixed(report)  # then a last column names each row's platform
    more = (texts.PLATFORM_HEADER,) if several else ()
    summary = _sheet(
        book,
        texts.SHEET_SUMMARY,
        (*texts.SUMMARY_HEADERS, *more),
        (12, 20, 12, 6, 9, 6, 16, *(9,) * 12, 12, 24, *(10,) * len(more)),
        script,
    )
    for card in report.cards:
        row = summary_row(card, summary, script)
        summary.append(
            sheets.row(summary, [*row, platform_label(card.facts.platform)] if several else row)
        )
    measures = _sheet(
        book,
        texts.SHEET_MEASURES,
        (*texts.MEASURE_HEADERS, *more),
        (8, 19, 12, 12, 10, 6, 18, 12, 12, 30, 10, 10, *(10,) * len(more)),
        script,
    )
    for record in report.records:
        row = measure_row(record, tz, script)
        measures.append(
            sheets.row(measures, [*row, platform_label(record.platform)] if several else row)
        )
    categories = _sheet(
        book, texts.SHEET_CATEGORIES, texts.CATEGORY_HEADERS, (24, 8, 8, 18, 12), script
    )
    rows = category_rows(report.categories, script)
    for row in rows:
        categories.append(sheets.row(categories, row))
    with_findings = sum(1 for s in report.categories if s.findings) or 1
    title = in_script(texts.chart_title(report, tz), script)
    categories.add_chart(_chart(categories, with_findings, title), "G2")
    notes = _sheet(book, texts.SHEET_NOTES, texts.NOTES_HEADERS, (14, 90), script)
    for label, text in texts.notes(report, tz):
        notes.append(sheets.row(notes, (in_script(label, script), in_script(text, script))))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
