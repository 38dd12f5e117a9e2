"""What every console route shares: the session cookie, the viewer, forms, pages and refusals."""

import time
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from console import texts
from console.people import Viewer, viewer
from console.session import Session, csrf_ok, csrf_token, decode, encode, fresh, touched
from console.signing import session_key
from core import runtime
from core.script import in_script

PREFIX = "/console"
COOKIE = "qungui_console"
TEMPLATES = Path(__file__).parent / "templates"


class Refusal(Exception):
    """Answered with an error page of `status`; nothing was changed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class LoginNeeded(Exception):
    """Answered with the login page (the session is not logged in, or ended idle)."""


@cache
def key() -> bytes:
    from plugins.measures import keyfile

    return session_key(keyfile.current())


def idle_seconds() -> float:
    return runtime.settings().qungui_console_idle_minutes * 60


def now() -> float:
    return time.time()


def session_of(request: Request) -> Session:
    """The request's session: the cookie's when it is signed, live and not logged out, else a
    fresh one. Kept on the request, which may replace it (`request.state.session`)."""
    known = getattr(request.state, "session", None)
    if isinstance(known, Session):
        return known
    cookie = request.cookies.get(COOKIE, "")
    found = decode(key(), cookie, now(), idle_seconds()) if cookie else None
    if found is not None and ended(found.sid):
        found = None
    session = touched(found, now()) if found is not None else fresh(now())
    request.state.session = session
    request.state.idle_ended = bool(cookie) and found is None
    return session


def replace_session(request: Request, session: Session) -> None:
    request.state.session = session


_ended: dict[str, float] = {}  # session ids logged out, until they would have gone idle anyway


def end(session: Session) -> None:
    _ended[session.sid] = now() + idle_seconds()
    for sid in [s for s, until in _ended.items() if until < now()]:
        del _ended[sid]


def ended(sid: str) -> bool:
    return _ended.get(sid, 0) > now()


def viewer_of(request: Request) -> Viewer | None:
    session = session_of(request)
    if session.user is None:
        return None
    return viewer(session.user, runtime.org(), runtime.superusers())


def logged_in(request: Request) -> Viewer:
    """The console user, or LoginNeeded (also for someone the organisation file no longer names)."""
    found = viewer_of(request)
    if found is None:
        raise LoginNeeded
    return found


async def form(request: Request) -> FormData:
    """The posted form, once its CSRF token matched the session's; Refusal(403) before anything
    else happens when it does not."""
    data = await request.form()
    token = data.get("csrf")
    if not csrf_ok(key(), session_of(request), token if isinstance(token, str) else None):
        raise Refusal(403, texts.CSRF_REFUSED)
    return data


def _with_cookie(request: Request, response: Response) -> Response:
    response.set_cookie(
        COOKIE,
        encode(key(), session_of(request)),
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html",)), cache_size=50
    )
    env.globals["t"] = texts
    env.globals["prefix"] = PREFIX
    return env


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> Response:
    """`template` rendered for this request and shown in the deployment's script."""
    from console.pages import PAGES

    session = session_of(request)
    script = runtime.settings().qungui_script
    html = (
        _environment()
        .get_template(template)
        .render(
            request=request,
            viewer=viewer_of(request),
            csrf=csrf_token(key(), session),
            pages=PAGES,
            lang=script,
            **context,
        )
    )
    return _with_cookie(request, HTMLResponse(in_script(html, script), status_code=status))


def file(request: Request, response: Response) -> Response:
    """A download or a picture, the session kept alive and nothing cached."""
    return _with_cookie(request, response)


def see_other(request: Request, url: str) -> Response:
    return _with_cookie(request, RedirectResponse(url, status_code=303))


async def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refusal)
    return page(request, "refused.html", status=exc.status, message=exc.message)


async def login_needed(request: Request, exc: Exception) -> Response:
    ended_idle = getattr(request.state, "idle_ended", False)
    return see_other(request, f"{PREFIX}/login" + ("?ended=1" if ended_idle else ""))
