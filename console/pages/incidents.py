"""The incidents page: findings and measures, those that need a person first, the rest newest
first, one page at a time (`?before=<id>`). Evidence and reasons are shown masked only.

A unit leader reads the units they lead; the department reads every unit.
"""

from zoneinfo import ZoneInfo

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from core import runtime
from plugins.measures import incidents as found_in

router = APIRouter()
PAGE_SIZE = found_in.PAGE


@router.get("/incidents")
async def incidents_page(request: Request) -> Response:
    viewer = web.logged_in(request)
    raw = request.query_params.get("before", "")
    if raw and not raw.isdigit():
        raise web.Refusal(400, texts.BAD_PAGE)
    before = int(raw) if raw else None
    units = None if viewer.department else viewer.units
    found = await found_in.incidents(units, before=before, page=PAGE_SIZE)
    tz = ZoneInfo(runtime.org().street.timezone)
    return web.page(request, "incidents.html", found=found, before=before, tz=tz)


PAGE = Page(key="incidents", title=texts.INCIDENTS, path="/incidents", router=router)
