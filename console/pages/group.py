"""A group's page: its filing, admins, duty switches, records, handovers and clearance batches.

A unit leader opens only the groups of the units they lead; the department opens every one.
"""

from zoneinfo import ZoneInfo

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from console.pages.group_facts import facts_of
from core import runtime
from plugins.registry import store

router = APIRouter()


@router.get("/group/{platform}/{group_id}")
async def group_page(request: Request, platform: str, group_id: int) -> Response:
    viewer = web.logged_in(request)
    group = await store.find_group(platform, group_id)
    if group is None:
        raise web.Refusal(404, texts.NOT_FOUND)
    await group.fetch_related("unit")
    if not viewer.sees(group.unit.name):
        raise web.Refusal(403, texts.NOT_YOURS)
    facts = await facts_of(group)
    tz = ZoneInfo(runtime.org().street.timezone)
    return web.page(request, "group.html", facts=facts, tz=tz)


PAGE = Page(key="group", title=texts.GROUP_PAGE, path="/group", router=router, listed=False)
