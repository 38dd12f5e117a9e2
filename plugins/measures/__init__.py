"""The measures service (Art. 8, 10): every measure recorded, carried out and reported up."""

from nonebot import get_driver, require
from nonebot.adapters import Bot
from nonebot.log import logger
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from adapters.events import platform_for, platform_of  # noqa: E402
from core.schedule import every  # noqa: E402
from plugins.measures import (  # noqa: E402, F401
    ban_commands,
    ban_requests,
    commands,
    listing,
    report_command,
    retry,
    store,
    sweep,
    watchers,
)
from plugins.measures.commands import MANUAL_ARTICLE  # noqa: E402

__plugin_meta__ = PluginMetadata(
    name="measures",
    description="處置與記錄：每項措施先記錄、再執行、後封存結果，並依第八、十條向上報告",
    usage="/警告 /禁言 /解禁 /移出 /拉黑 /確認拉黑 /駁回拉黑 /解除黑名單 /記錄 /舉報；其餘由各職責調用",
    extra={"articles": (8, 10)},
)

SWEEP_JOB_ID = "measures.sweeps"


@get_driver().on_startup
async def _recover() -> None:
    ids = await store.recover_unconfirmed()
    if ids:
        logger.warning(f"measure records left pending by a crash, now unconfirmed: {ids}")
    lifted = await listing.lift_protected_entries(MANUAL_ARTICLE)
    if lifted:
        logger.warning(f"blacklist entries of accounts nobody may blacklist, lifted: {lifted}")
    every(60, _resume_sweeps, SWEEP_JOB_ID)


@get_driver().on_bot_connect
async def _resume_on_connect(bot: Bot) -> None:
    """As soon as the platform is back: recalls a lost connection left unconfirmed are tried
    again, and sweeps cut short by a crash go on."""
    platform = platform_for(bot)
    try:
        await retry.retry_unconfirmed(platform)
    except Exception:  # the sweeps must not wait on it
        logger.exception("retrying unconfirmed recalls failed")
    await sweep.resume(platform)


async def _resume_sweeps() -> None:
    platform = platform_of("")
    if platform is not None:
        await sweep.resume(platform)
