"""The registry page: every filed group the viewer may see, with 批准 / 駁回 for pending ones.

A decision goes through plugins.registry.decisions, as /批准 and /駁回 do: the group hears of
it, its admins are told, and the group's record names the console user as the one who decided.
"""

from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from console.pages.registry_rows import BadFilter, parse_filters, rows_for
from core import runtime
from core.accounts import any_platform, platform_for_group
from plugins.registry import decisions, store
from plugins.scanner.redact import redact

router = APIRouter()
FILTER_KEYS = ("unit", "type", "status", "grade")


@router.get("/registry")
async def registry(request: Request) -> Response:
    viewer = web.logged_in(request)
    try:
        filters = parse_filters(request.query_params)
    except BadFilter as exc:
        raise web.Refusal(400, texts.BAD_FILTER) from exc
    if filters.unit is not None and not viewer.sees(filters.unit):
        raise web.Refusal(403, texts.NOT_YOURS)
    rows = [r for r in await rows_for(viewer) if filters.keep(r)]
    units = [u.name for u in runtime.org().units if viewer.sees(u.name)]
    decided = None
    if (gid := request.query_params.get("decided", "")).isdigit():
        decided = next((r for r in rows if r.group_id == int(gid)), None)
    return web.page(
        request,
        "registry.html",
        rows=rows,
        units=units,
        filters=filters,
        query=request.url.query,
        decided=decided,
    )


@router.post("/registry/{platform}/{group_id}/decide")
async def decide(request: Request, platform: str, group_id: int) -> Response:
    data = await web.form(request)  # the CSRF token first: a refused form changes nothing
    viewer = web.logged_in(request)
    if not viewer.department:
        raise web.Refusal(403, texts.DEPARTMENT_ONLY)
    approve = data.get("decision") == "approve"
    reason = redact(str(data.get("reason", "")).strip())
    if not approve and not reason:
        raise web.Refusal(400, texts.REASON_NEEDED)
    group = await store.find_group(platform, group_id)
    problem = decisions.refusal(group, group_id, reason)
    if problem is not None or group is None:
        raise web.Refusal(409, problem or texts.NOT_FOUND)
    port = platform_for_group(platform, group_id) or any_platform(platform)
    if port is None:
        raise web.Refusal(503, texts.NO_ACCOUNT_ONLINE)
    await decisions.decide(port, group, approve=approve, by=viewer.account, reason=reason)
    back = {k: v for k, v in data.items() if k in FILTER_KEYS and isinstance(v, str) and v}
    return web.see_other(
        request, f"{web.PREFIX}/registry?{urlencode({**back, 'decided': group_id})}"
    )


PAGE = Page(key="registry", title=texts.REGISTRY, path="/registry", router=router)
