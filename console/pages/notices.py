"""Notices to many groups from the console (department only): write one notice, pick groups by
unit, type or grade, see who will receive it, confirm; it goes out paced through each group's
own account, on record, through the same service as /群發 and /確認群發 (plugins.broadcast).

Confirming starts the sending in the background (a street's groups take minutes at QQ's pace);
the notice's page shows each group's outcome as it comes in.
"""

import asyncio

from fastapi import APIRouter
from nonebot.log import logger
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.pages import Page
from core import runtime
from core.duties import BY_KEY, unbound
from models.broadcast import BroadcastStatus
from models.registry import GroupType
from plugins.broadcast import service, store
from plugins.broadcast import texts as notice_texts
from plugins.broadcast.select import GRADES, Filters

DUTY = "broadcast"

router = APIRouter()
_sending: set[asyncio.Task[object]] = set()


def filters_of(data: FormData) -> Filters:
    """The groups picked in the form (pure): units the organisation file names, types, grades."""
    known = {u.name for u in runtime.org().units}
    return Filters(
        units=frozenset(str(u) for u in data.getlist("unit") if u in known),
        types=frozenset(t for t in GroupType if t.name.lower() in data.getlist("type")),
        grades=frozenset(g for n, g in enumerate(GRADES, 1) if str(n) in data.getlist("grade")),
        everything=data.get("everything") == "1",
    )


def _department(request: Request) -> int:
    """The department member asking; refused too where the rulebook has no broadcast duty."""
    viewer = web.logged_in(request)
    if not viewer.department:
        raise web.Refusal(403, texts.NOTICES_DEPARTMENT_ONLY)
    if not runtime.rulebook().binds(DUTY):
        raise web.Refusal(404, unbound(BY_KEY[DUTY].name))
    return viewer.account


def _form(request: Request, *, problem: str = "", text: str = "", status: int = 200) -> Response:
    units = [u.name for u in runtime.org().units]
    return web.page(request, "notices.html", units=units, problem=problem, text=text, status=status)


@router.get("/notices")
async def notices(request: Request) -> Response:
    _department(request)
    return _form(request)


@router.post("/notices")
async def preview(request: Request) -> Response:
    data = await web.form(request)
    by = _department(request)
    text = str(data.get("text", ""))
    filters = filters_of(data)
    if filters.empty:
        return _form(request, problem=notice_texts.NO_SELECTOR, text=text, status=400)
    made = await service.preview(filters, text, by)
    if isinstance(made, service.Problem):
        told = notice_texts.problem(made.why, made.kinds, filters.shown(), len(text))
        return _form(request, problem=told, text=text, status=400)
    return web.see_other(request, f"{web.PREFIX}/notices/{made.broadcast.id}")


@router.get("/notices/{number}")
async def one(request: Request, number: int) -> Response:
    _department(request)
    broadcast = await store.find(number)
    if broadcast is None:
        raise web.Refusal(404, texts.NOT_FOUND)
    targets = await store.targets(broadcast)
    waiting = broadcast.status == BroadcastStatus.PREVIEW and broadcast.expires_at > store.now()
    return web.page(
        request,
        "notice.html",
        broadcast=broadcast,
        notice=service.notice_of(broadcast.text),
        targets=targets,
        confirmable=waiting,
        tally=await service.tally_of(broadcast),
    )


@router.post("/notices/{number}/confirm")
async def confirm(request: Request, number: int) -> Response:
    await web.form(request)
    by = _department(request)
    task: asyncio.Task[object] = asyncio.create_task(service.confirm(number, by))
    _sending.add(task)
    task.add_done_callback(_finished)
    await asyncio.sleep(0.2)  # the claim is one statement: the page then shows it sending
    return web.see_other(request, f"{web.PREFIX}/notices/{number}")


def _finished(task: asyncio.Task[object]) -> None:
    _sending.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.opt(exception=task.exception()).error("a notice confirmed in the console failed")


PAGE = Page(
    key="notices", title=texts.NOTICES, path="/notices", router=router, department_only=True
)
