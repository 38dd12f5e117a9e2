"""Attaching the console to the bot's own web server (NoneBot's FastAPI app)."""

from pathlib import Path

import nonebot
from fastapi import FastAPI
from nonebot.log import logger
from starlette.staticfiles import StaticFiles

from console import login, web
from console.pages import PAGES

STATIC = Path(__file__).parent / "static"


def address() -> str:
    config = nonebot.get_driver().config
    return f"http://{config.host}:{config.port}{web.PREFIX}"


def attach(app: FastAPI) -> None:
    """Add the console's routes, its static files and its error pages to `app`."""
    app.include_router(login.router, prefix=web.PREFIX)
    for page in PAGES:
        app.include_router(page.router, prefix=web.PREFIX)
    app.mount(f"{web.PREFIX}/static", StaticFiles(directory=STATIC), name="console-static")
    app.add_exception_handler(web.Refusal, web.refused)
    app.add_exception_handler(web.LoginNeeded, web.login_needed)

    @nonebot.get_driver().on_startup
    async def _say_where() -> None:
        logger.info(f"控制台：{address()}")
