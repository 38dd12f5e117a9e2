"""The reports page (Art. 15, department only): the street workbook of any period, to download,
with its chart shown on the page. The same report `/全街報告` sends, for the period asked.

The period is given in days of the street's time zone, `since` to `until` inclusive, a year
at most; by default the last seven days.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from console import texts, web
from console.pages import Page
from plugins.reports import deliver, store
from plugins.reports import texts as report_texts
from plugins.reports.street import StreetReport, totals

router = APIRouter()
LONGEST = 366  # days


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive

    def bounds(self) -> tuple[datetime, datetime]:
        tz = store.street_tz()
        since = datetime.combine(self.first, time(), tz)
        return since, datetime.combine(self.last + timedelta(days=1), time(), tz)

    def query(self) -> str:
        return urlencode({"since": self.first.isoformat(), "until": self.last.isoformat()})


def period_of(since: str, until: str, today: date) -> Period | None:
    """The period asked for (pure); None when a day is malformed, in the future, or the period
    is reversed or longer than a year. Empty fields: the last seven days."""
    try:
        last = date.fromisoformat(until) if until else today
        first = date.fromisoformat(since) if since else last - timedelta(days=6)
    except ValueError:
        return None
    if first > last or last > today or (last - first).days >= LONGEST:
        return None
    return Period(first, last)


def _asked(request: Request) -> Period:
    viewer = web.logged_in(request)
    if not viewer.department:
        raise web.Refusal(403, texts.REPORTS_DEPARTMENT_ONLY)
    today = store.now().astimezone(store.street_tz()).date()
    q = request.query_params
    found = period_of(q.get("since", ""), q.get("until", ""), today)
    if found is None:
        raise web.Refusal(400, texts.BAD_PERIOD)
    return found


async def _report(period: Period) -> StreetReport:
    since, until = period.bounds()
    return await store.gather_street(since, until, store.now())


@router.get("/reports")
async def reports(request: Request) -> Response:
    period = _asked(request)
    report = await _report(period)
    summary = report_texts.street_summary(report, totals(report), store.street_tz(), "")
    lines = summary.splitlines()[:-1]  # the last line names the file sent in the chat
    return web.page(request, "reports.html", period=period, lines=lines)


@router.get("/reports/chart.png")
async def chart(request: Request) -> Response:
    _, picture = await deliver.write_files(await _report(_asked(request)))
    return web.file(request, FileResponse(picture, media_type="image/png"))


@router.get("/reports/workbook.xlsx")
async def workbook(request: Request) -> Response:
    book, _ = await deliver.write_files(await _report(_asked(request)))
    return web.file(request, FileResponse(book, filename=book.name))


PAGE = Page(
    key="reports", title=texts.REPORTS, path="/reports", router=router, department_only=True
)
