"""The measures service (Art. 8, 10): every measure recorded, carried out and reported up."""

from nonebot import get_driver, require
from nonebot.log import logger
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from core.schedule import every  # noqa: E402
from plugins.measures import (  # noqa: E402, F401
    anchoring,
    ban_commands,
    commands,
    daily_anchor,
    report_command,
    store,
)

__plugin_meta__ = PluginMetadata(
    name="measures",
    description="處置與記錄：每項措施先記錄、再執行、後封存結果，並依第八、十條向上報告；記錄鏈以審計金鑰封存並錨定",
    usage="/警告 /禁言 /解禁 /移出 /拉黑 /解除黑名單 /記錄 /舉報；其餘由各職責調用",
    extra={"articles": (8, 10)},
)


@get_driver().on_startup
async def _recover() -> None:
    ids = await store.recover_unconfirmed()
    if ids:
        logger.warning(f"measure records left pending by a crash, now unconfirmed: {ids}")
    await anchoring.start()
    every(daily_anchor.CHECK_SECONDS, daily_anchor.daily, daily_anchor.JOB_ID)
