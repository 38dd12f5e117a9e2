"""Real-name duty (Art. 4, 7): card format, roster matching, join screening, member cap."""

from nonebot import get_driver, require
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from core import runtime  # noqa: E402
from core.cite import cite  # noqa: E402
from core.schedule import every  # noqa: E402
from plugins.realname import asking, commands, deadlines, matchers  # noqa: E402, F401

__plugin_meta__ = PluginMetadata(
    name="realname",
    description="實名制：群名片格式、名冊比對、入群申請審核、成員人數上限、改名片期限"
    f"（{cite('realname')}）",
    usage="/實名檢查 /名片格式 /實名設定；入群申請、新成員、名片變更時自動處理",
    extra={"duties": ("realname",), "articles": runtime.rulebook().articles_of("realname")},
)


@get_driver().on_startup
async def _schedule_jobs() -> None:
    seconds = runtime.settings().qungui_card_recheck_seconds
    every(seconds, deadlines.recheck, deadlines.JOB_ID)
    every(asking.CHECK_SECONDS, asking.expire, asking.JOB_ID)
