"""The console in-process: its routes on a FastAPI app of their own, reached through httpx,
with a session cookie signed as the console signs it and the CSRF token of that session."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache

import httpx
from fastapi import FastAPI

from console import app as console_app
from console import web
from console.session import Session, csrf_token, encode


def session_for(account: int | None) -> Session:
    return Session(f"sid-{account}", time.time(), user=account)


def cookie_for(account: int | None) -> dict[str, str]:
    return {web.COOKIE: encode(web.key(), session_for(account))}


def csrf_for(account: int | None) -> str:
    """The token the forms of `account`'s test session carry (bound to its id)."""
    return csrf_token(web.key(), session_for(account))


@cache
def console_app_alone() -> FastAPI:
    app = FastAPI()
    console_app.attach(app)
    return app


def new_client(account: int | None) -> httpx.AsyncClient:
    """A client logged in as `account` (None: nobody); the caller closes it."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=console_app_alone()),
        base_url="http://127.0.0.1",
        cookies=cookie_for(account),
    )


@asynccontextmanager
async def console_as(account: int | None) -> AsyncIterator[httpx.AsyncClient]:
    async with new_client(account) as client:
        yield client
