"""The console's routes in-process: the login page, an idle session sent back to log in."""

import asyncio

from starlette.requests import Request

from console import web
from console.session import Session, encode


def _request(cookie: str = "") -> Request:
    headers = [(b"cookie", f"{web.COOKIE}={cookie}".encode())] if cookie else []
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/console/registry",
        "headers": headers,
        "query_string": b"",
        "scheme": "http",
        "server": ("127.0.0.1", 80),
    }
    return Request(scope)


def test_an_idle_session_is_sent_to_log_in_and_told_why() -> None:
    stale = Session("sid", web.now() - web.idle_seconds() - 5, user=10001)
    request = _request(encode(web.key(), stale))
    session = web.session_of(request)
    assert session.user is None
    assert session.sid != "sid"
    answer = asyncio.run(web.login_needed(request, web.LoginNeeded()))
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/login?ended=1"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "samesite=strict" in cookie.lower()
    assert "Secure" not in cookie  # plain http on 127.0.0.1


def test_a_live_session_is_kept_and_its_user_known() -> None:
    live = Session("sid", web.now() - 10, user=10001)
    request = _request(encode(web.key(), live))
    assert web.session_of(request).sid == "sid"
    viewer = web.viewer_of(request)
    assert viewer is not None
    assert viewer.department


def test_a_logged_out_session_is_nobody() -> None:
    live = Session("gone", web.now() - 10, user=10001)
    web.end(live)
    assert web.viewer_of(_request(encode(web.key(), live))) is None
