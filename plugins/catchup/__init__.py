"""Catching up on connect: what happened while no bot was connected is not lost.

NapCat pushes nothing later of a time when no bot was connected (ONEBOT.md, "Connection"). When
an account connects, each managed group it is in gets its member count and the bot's role read
again, its history since the last message the bot saw read back (bounded) and handed to the
duties as if it had just arrived, and the join requests still waiting are decided. A platform
that keeps what came meanwhile and delivers it itself (`history` off: Telegram's getUpdates) has
nothing to catch up on.
"""

import asyncio

from nonebot import get_driver
from nonebot.adapters import Bot
from nonebot.log import logger
from nonebot.plugin import PluginMetadata

from adapters.events import platform_for
from core import runtime
from plugins.catchup.run import catch_up

__plugin_meta__ = PluginMetadata(
    name="catchup",
    description="重新連線後補做：離線期間的訊息與入群申請照常處理，並更新群人數與機器人權限",
    usage="（自動）",
    extra={
        "duties": ("realname", "content", "confidential"),
        "articles": runtime.rulebook().articles_of("realname", "content", "confidential"),
    },
)

_running: set[asyncio.Task[None]] = set()


@get_driver().on_bot_connect
async def _connected(bot: Bot) -> None:
    if runtime.settings().qungui_catch_up_messages == 0:
        return
    try:
        platform = platform_for(bot)
    except TypeError:
        return  # a platform without a port has nothing to catch up on
    task = asyncio.create_task(catch_up(platform))  # the connection does not wait for it
    _running.add(task)
    task.add_done_callback(_finished)


def _finished(task: asyncio.Task[None]) -> None:
    _running.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.opt(exception=task.exception()).error("catch-up after connect failed")
