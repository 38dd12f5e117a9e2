"""The health page (the department only): every bot account, the process it is connected to,
whether that process is alive, its last event, what waits in its pacing lanes and whether its
sending is paused after a risk refusal. Any process shows all of them (core.health)."""

from zoneinfo import ZoneInfo

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from core import health, node, runtime

router = APIRouter()


@router.get("/health")
async def health_page(request: Request) -> Response:
    viewer = web.logged_in(request)
    if not viewer.department:
        raise web.Refusal(403, texts.HEALTH_ONLY)
    rows = await health.accounts_health()
    tz = ZoneInfo(runtime.org().street.timezone)
    return web.page(request, "health.html", rows=rows, node=node.name(), tz=tz)


PAGE = Page(key="health", title=texts.HEALTH, path="/health", router=router, department_only=True)
