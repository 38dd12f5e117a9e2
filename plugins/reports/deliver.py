"""Writing the street report's files and sending them privately: text, chart, workbook."""

import asyncio
import time
from collections.abc import Iterable
from pathlib import Path

from adapters.port import Platform
from core import runtime
from core.org import Account
from core.people import routes
from core.script import in_script
from core.send import file_to_person, image_to_person, to_person
from plugins.reports import chart, texts
from plugins.reports.store import street_tz
from plugins.reports.street import StreetReport, totals
from plugins.reports.workbook import write_workbook

FOLDER = "workbooks"
KEEP_DAYS = 7


def folder() -> Path:
    """Where the workbooks are kept: absolute, since the platform reads them by path."""
    return (runtime.settings().qungui_data_dir / FOLDER).resolve()


def chart_bars(report: StreetReport) -> list[chart.Bar]:
    return [
        chart.Bar(texts.category_name(s.category), s.category or "manual", s.findings)
        for s in report.categories
        if s.findings
    ]


def prune(keep_days: int = KEEP_DAYS) -> None:
    """Drop the files of earlier reports: they are only needed while being sent."""
    if not folder().is_dir():
        return
    cutoff = time.time() - keep_days * 86400
    for path in folder().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


async def write_files(report: StreetReport, *, stamped: bool = True) -> tuple[Path, Path]:
    """The workbook and the chart of `report` (off the event loop: openpyxl and Pillow are CPU).

    `stamped`: the file name carries the time it was made; without, a second run for the same
    period (the weekly digest tried again) writes over the first.
    """
    tz, script = street_tz(), runtime.settings().qungui_script
    made = report.generated_at if stamped else None
    name = in_script(texts.workbook_name(report.since, report.until, made, tz), script)
    await asyncio.to_thread(prune)
    book = await asyncio.to_thread(write_workbook, report, folder() / name, tz, script)
    picture = await asyncio.to_thread(
        chart.render,
        chart_bars(report),
        in_script(texts.chart_title(report, tz), script),
        texts.chart_plain_title(report, tz),
        book.with_suffix(".png"),
        empty=in_script(texts.NO_FINDINGS, script),
        plain_empty=texts.PLAIN_NO_FINDINGS,
    )
    return book, picture


async def send_street_report(
    hint: Platform | None, people: Iterable[Account], report: StreetReport, *, stamped: bool = True
) -> int:
    """Send each person the summary, the chart and the workbook, through `hint` where they
    have an account on its platform (core.people); how many got the summary."""
    found = routes(hint, people)
    if not found:
        return 0
    book, picture = await write_files(report, stamped=stamped)
    summary = texts.street_summary(report, totals(report), street_tz(), book.name)
    delivered = 0
    for route in found:
        for person in route.user_ids:
            delivered += await _send_one(route.port, person, summary, book, picture)
    return delivered


async def _send_one(
    platform: Platform, person: int, summary: str, book: Path, picture: Path
) -> int:
    if not (await to_person(platform, person, summary)).ok:
        return 0
    shown = await image_to_person(platform, person, str(picture))
    if not shown.ok:
        await to_person(platform, person, texts.image_not_sent(str(shown)))
    sent = await file_to_person(platform, person, str(book), book.name)
    if not sent.ok:
        await to_person(platform, person, texts.file_not_sent(str(sent), str(book)))
    return 1
