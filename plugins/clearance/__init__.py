"""Clearance duty (Art. 4, 14): the weekly member check, confirmed removal and finished groups."""

from nonebot import get_driver, require
from nonebot.adapters import Event
from nonebot.log import logger
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from adapters.events import posted_of  # noqa: E402
from core import runtime  # noqa: E402
from core.cite import cite  # noqa: E402
from core.dispatch import watch  # noqa: E402
from core.schedule import every  # noqa: E402
from plugins.clearance import commands, jobs, keep, seen  # noqa: E402, F401

__plugin_meta__ = PluginMetadata(
    name="clearance",
    description="成員清理：每週成員檢查、確認後移出無關人員與調離人員、完結與閒置群組的解散提醒"
    f"（{cite('clearance', 'departed', 'dissolution')}）",
    usage="/清理檢查 /清理確認 <批次號> /保留 @成員 <原因> /取消保留 @成員 /清理設定；每週自動檢查",
    extra={
        "duties": ("clearance", "departed", "dissolution"),
        "articles": runtime.rulebook().articles_of("clearance", "departed", "dissolution"),
    },
)


@get_driver().on_startup
async def _schedule() -> None:
    seconds = runtime.settings().qungui_clearance_check_seconds
    every(seconds, jobs.run_due, jobs.JOB_ID)
    every(60, jobs.flush_seen, jobs.SEEN_JOB_ID)
    # Shutdown hooks run in the reverse order of registration: added now, after bot.py's
    # close_db, the last sightings are written while the database is still open.
    get_driver().on_shutdown(_flush_seen)


async def _flush_seen() -> None:
    try:
        await seen.flush()
    except Exception:  # a failing shutdown hook would stop the hooks after it
        logger.exception("clearance: sightings not written at shutdown")


@watch
def _seen(event: Event) -> None:
    """Remember who spoke where and when (in memory: it never holds a message up)."""
    posted = posted_of(event)
    if posted is not None and not posted.from_self:
        seen.seen(posted.platform, posted.group_id, posted.user_id, posted.at)
