"""Logging in without a password: an account number, then the code the bot sent privately.

Whoever types an account gets the same answer: only someone the console serves is sent a code
(in the background, so the answer takes as long either way). Failures are limited per account
and per client address; code requests per account too, so nobody is flooded with codes.
"""

import asyncio
from functools import cache

from fastapi import APIRouter
from nonebot.log import logger
from starlette.requests import Request
from starlette.responses import Response

from console import texts, web
from console.codes import VALID_SECONDS, CodeBook, Verdict
from console.limits import Window
from console.people import PLATFORM, viewer
from console.session import Session, fresh, logged_in
from core import runtime
from core.accounts import any_platform
from core.send import to_person
from plugins.registry.people import masked_account

router = APIRouter()

WINDOW = 15 * 60.0
failed_by_account = Window(limit=5, seconds=WINDOW)
failed_by_address = Window(limit=20, seconds=WINDOW)
codes_by_account = Window(limit=3, seconds=WINDOW)
_sending: set[asyncio.Task[None]] = set()


@cache
def book() -> CodeBook:
    return CodeBook(web.key())


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _limited(request: Request, account: int | None) -> bool:
    now = web.now()
    if failed_by_address.full(_address(request), now):
        return True
    return account is not None and failed_by_account.full(str(account), now)


def _failed(request: Request, account: int | None) -> None:
    now = web.now()
    failed_by_address.hit(_address(request), now)
    if account is not None:
        failed_by_account.hit(str(account), now)


async def _send_code(account: int, code: str) -> None:
    platform = any_platform(PLATFORM)  # a QQ number: never through another platform's account
    if platform is None:
        logger.warning("控制台登入：沒有已連線的帳號，驗證碼無法發送")
        return
    await to_person(platform, account, texts.code_message(code, int(VALID_SECONDS // 60)))


def _in_background(account: int, code: str) -> None:
    task = asyncio.create_task(_send_code(account, code))
    _sending.add(task)
    task.add_done_callback(_sending.discard)


@router.get("")
async def home(request: Request) -> Response:
    target = "/registry" if web.viewer_of(request) else "/login"
    return web.see_other(request, web.PREFIX + target)


@router.get("/login")
async def login_form(request: Request) -> Response:
    notice = texts.IDLE_ENDED if request.query_params.get("ended") else ""
    return web.page(request, "login.html", notice=notice)


@router.post("/login")
async def ask_code(request: Request) -> Response:
    data = await web.form(request)
    typed = str(data.get("account", "")).strip()
    if not typed.isdigit() or len(typed) > 20:
        return web.page(request, "login.html", status=400, error=texts.BAD_ACCOUNT)
    account = int(typed)
    if _limited(request, account):
        return web.page(request, "login.html", status=429, error=texts.TOO_MANY)
    session = web.session_of(request)
    now = web.now()
    if viewer(account, runtime.org(), runtime.superusers()) is None:
        _failed(request, None)  # counts against the address only: nobody to protect
    elif not codes_by_account.full(str(account), now):
        codes_by_account.hit(str(account), now)
        _in_background(account, book().issue(account, session.sid, now))
    web.replace_session(request, Session(session.sid, session.seen, None, account))
    return web.see_other(request, f"{web.PREFIX}/login/code")


@router.get("/login/code")
async def code_form(request: Request) -> Response:
    session = web.session_of(request)
    if session.pending is None:
        return web.see_other(request, f"{web.PREFIX}/login")
    return web.page(request, "code.html", account=masked_account(session.pending))


@router.post("/login/code")
async def check_code(request: Request) -> Response:
    data = await web.form(request)
    session = web.session_of(request)
    account = session.pending
    if account is None:
        return web.see_other(request, f"{web.PREFIX}/login")
    shown = masked_account(account)
    if _limited(request, account):
        return web.page(request, "code.html", status=429, account=shown, error=texts.TOO_MANY)
    verdict = book().check(account, session.sid, str(data.get("code", "")), web.now())
    if verdict is Verdict.OK and viewer(account, runtime.org(), runtime.superusers()):
        web.replace_session(request, logged_in(session, account, web.now()))
        logger.info(f"控制台登入：{shown}")
        return web.see_other(request, f"{web.PREFIX}/registry")
    _failed(request, account)
    error = texts.CODE_WRONG if verdict is Verdict.WRONG else texts.CODE_SPENT
    return web.page(request, "code.html", status=400, account=shown, error=error)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await web.form(request)
    web.end(web.session_of(request))
    web.replace_session(request, fresh(web.now()))
    return web.see_other(request, f"{web.PREFIX}/login")
