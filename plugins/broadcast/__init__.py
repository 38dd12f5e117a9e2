"""Notices to many groups (Art. 6, 13): the department picks groups by unit, type or grade, sees
who will receive the notice, confirms, and it goes out paced through each group's own account."""

from nonebot import get_driver, require
from nonebot.adapters import Bot
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from core import runtime  # noqa: E402
from core.cite import cite  # noqa: E402
from core.schedule import every  # noqa: E402
from plugins.broadcast import commands, service  # noqa: E402, F401

__plugin_meta__ = PluginMetadata(
    name="broadcast",
    description="群發通知：黨群工作部依單位、類型、等級選擇群組，預覽收件群組後確認，"
    f"經各群自己的帳號依平台速度發出，逐群記錄（{cite('broadcast')}）",
    usage="/群發 <單位|內部|群眾|一級|二級|三級|全部…> <內容>；/確認群發 <編號>",
    extra={"duties": ("broadcast",), "articles": runtime.rulebook().articles_of("broadcast")},
)

JOB_ID = "broadcast.resume"


@get_driver().on_startup
async def _schedule() -> None:
    every(60, service.resume, JOB_ID)


@get_driver().on_bot_connect
async def _resume_on_connect(bot: Bot) -> None:
    """A broadcast cut short, or waiting for this account, goes on as soon as it is back."""
    await service.resume()
