"""The measures service (Art. 8, 10): every measure recorded, carried out and reported up."""

from nonebot import get_driver
from nonebot.log import logger
from nonebot.plugin import PluginMetadata

from plugins.measures import ban_commands, commands, report_command, store  # noqa: F401

__plugin_meta__ = PluginMetadata(
    name="measures",
    description="處置與記錄：每項措施先記錄、再執行、後封存結果，並依第八、十條向上報告",
    usage="/警告 /禁言 /解禁 /移出 /拉黑 /解除黑名單 /記錄 /舉報；其餘由各職責調用",
    extra={"articles": (8, 10)},
)


@get_driver().on_startup
async def _recover() -> None:
    ids = await store.recover_unconfirmed()
    if ids:
        logger.warning(f"measure records left pending by a crash, now unconfirmed: {ids}")
