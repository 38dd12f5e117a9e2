"""The bot's accounts and processes: which account is in which group, which process is alive.

At start the process takes its node name (QUNGUI_NODE) for this incarnation, then keeps a
heartbeat and reads every account's groups back every few seconds (core.accounts). An account
that connects is marked online on this node, and offline when it goes; the groups it is in are
learned by the catch-up (its group list) and from every event it receives.
"""

from datetime import timedelta

from nonebot import get_driver, require
from nonebot.adapters import Bot
from nonebot.log import logger
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from adapters.actions import Refused  # noqa: E402
from adapters.events import platform_for  # noqa: E402
from core import accounts, commands, lease, node, runtime  # noqa: E402
from core.schedule import every  # noqa: E402
from models.db import STORAGE_ERRORS  # noqa: E402

__plugin_meta__ = PluginMetadata(
    name="accounts",
    description="多帳號與多進程：記住每個帳號在哪些群、哪個進程在線，群的工作只經群內的帳號",
    usage="（自動）",
    extra={
        "duties": ("filing", "approval"),
        "articles": runtime.rulebook().articles_of("filing", "approval"),
    },
)

BEAT_JOB_ID = "accounts.heartbeat"
REFRESH_JOB_ID = "accounts.refresh"
PRUNE_JOB_ID = "accounts.prune"
LEASES_KEPT = timedelta(days=60)


@get_driver().on_startup
async def _start() -> None:
    await node.start()
    await lease.free_past_lives()
    await accounts.refresh()
    every(node.beat_seconds(), node.beat, BEAT_JOB_ID)
    every(accounts.refresh_seconds(), _refresh, REFRESH_JOB_ID)
    every(3600, _prune, PRUNE_JOB_ID)


async def _refresh() -> None:
    try:
        await accounts.refresh()
    except STORAGE_ERRORS as exc:
        logger.warning(f"the accounts' groups were not read again: {exc}")


async def _prune() -> None:
    await accounts.prune_claims()
    await lease.prune(LEASES_KEPT)


@get_driver().on_bot_connect
async def _connected(bot: Bot) -> None:
    try:
        platform = platform_for(bot)
    except TypeError:
        return
    await node.connected(platform.name, platform.self_id)
    if not runtime.settings().qungui_command_menu:
        return
    offered = await platform.offer_commands(commands.menu())
    if isinstance(offered, Refused):
        logger.warning(f"{platform.self_id}'s command menu was not set: {offered}")


@get_driver().on_bot_disconnect
async def _disconnected(bot: Bot) -> None:
    try:
        platform = platform_for(bot)
    except TypeError:
        return
    await node.disconnected(platform.name, platform.self_id)
