"""The console in-process: its routes on a FastAPI app of their own, reached through httpx,
with a session cookie signed as the console signs it."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from console import app as console_app
from console import web
from console.session import Session, encode


def cookie_for(account: int | None) -> dict[str, str]:
    session = Session("test-session", time.time(), user=account)
    return {web.COOKIE: encode(web.key(), session)}


@asynccontextmanager
async def console_as(account: int | None) -> AsyncIterator[httpx.AsyncClient]:
    """A client logged in as `account` (None: nobody)."""
    app = FastAPI()
    console_app.attach(app)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1", cookies=cookie_for(account)
    ) as client:
        yield client
