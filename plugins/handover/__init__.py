"""Admin handover (Art. 3, 5, 14): /交接管理員 with confirmation, the admin history, departures."""

from nonebot import get_driver, require
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from core import runtime  # noqa: E402
from core.cite import cite  # noqa: E402
from core.schedule import every  # noqa: E402
from plugins.handover import commands, departures, jobs  # noqa: E402, F401

__plugin_meta__ = PluginMetadata(
    name="handover",
    description="管理員交接：指定新管理員、確認交接、轉移權限、通知黨群工作部更新備案、"
    f"管理員記錄；原管理員調離時提醒退群（{cite('filing', 'handover', 'departed')}）",
    usage="/交接管理員 @新管理員 [原因] /確認交接 /管理員記錄；最後一位管理員退群時通知單位與黨群工作部",
    extra={
        "duties": ("handover", "departed"),
        "articles": runtime.rulebook().articles_of("handover", "departed"),
    },
)


@get_driver().on_startup
async def _schedule_expiry() -> None:
    every(jobs.EVERY_MINUTES * 60, jobs.expire, jobs.JOB_ID)
