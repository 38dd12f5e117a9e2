"""The measures service (Art. 8, 10): every measure recorded, carried out and reported up."""

from nonebot import get_driver, require
from nonebot.adapters import Bot
from nonebot.log import logger
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from adapters.actions import Refused  # noqa: E402
from adapters.events import platform_for  # noqa: E402
from adapters.port import Platform  # noqa: E402
from core import accounts, runtime  # noqa: E402
from core.schedule import every  # noqa: E402
from core.send import on_undelivered  # noqa: E402
from models.db import STORAGE_ERRORS  # noqa: E402
from plugins.measures import (  # noqa: E402, F401
    anchoring,
    ban_commands,
    ban_requests,
    commands,
    daily_anchor,
    journal,
    listing,
    report_command,
    retry,
    store,
    sweep,
    texts,
    watchers,
)
from plugins.measures.articles import manual_article  # noqa: E402

__plugin_meta__ = PluginMetadata(
    name="measures",
    description="處置與記錄：每項措施先記錄、再執行、後封存結果，並依群規向上報告；記錄鏈以審計金鑰封存並錨定",
    usage="/警告 /禁言 /解禁 /移出 /拉黑 /確認拉黑 /駁回拉黑 /解除黑名單 /記錄 /舉報；其餘由各職責調用",
    extra={"duties": ("measures",), "articles": runtime.rulebook().articles_of("measures")},
)

SWEEP_JOB_ID = "measures.sweeps"


async def _record_undelivered(
    platform: Platform, user_id: int, about: int | None, refused: Refused
) -> None:
    try:
        await store.note_undelivered(platform.name, user_id, about, str(refused))
    except STORAGE_ERRORS:
        logger.error(f"an undelivered notice to {user_id} could not be recorded either")


on_undelivered(_record_undelivered)


@get_driver().on_startup
async def _recover() -> None:
    if not await store.key_fits():
        message = texts.key_differs(runtime.settings().audit_key_file)
        logger.error(message)
        raise SystemExit(message)  # no record is written under a key the chain does not use
    ids = await store.recover_unconfirmed()
    if ids:
        logger.warning(f"measure records left pending by a crash, now unconfirmed: {ids}")
    await anchoring.start()  # before any new record: the first anchor pins the older ones
    await journal.replay()  # what a full disk or a lost database kept back
    lifted = await listing.lift_protected_entries(manual_article())
    if lifted:
        logger.warning(f"blacklist entries of accounts nobody may blacklist, lifted: {lifted}")
    every(60, _every_minute, SWEEP_JOB_ID)
    every(journal.REPLAY_SECONDS, journal.replay, journal.JOB_ID)
    every(daily_anchor.CHECK_SECONDS, daily_anchor.daily, daily_anchor.JOB_ID)


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


async def _every_minute() -> None:
    """Sweeps go on; records a dead process left pending are sealed unconfirmed."""
    platform = accounts.any_platform()
    if platform is not None:
        await sweep.resume(platform)
    ids = await store.recover_dead_nodes()
    if ids:
        logger.warning(f"measure records a stopped process left pending, now unconfirmed: {ids}")
    await anchoring.anchor(anchoring.SEAL)  # what other processes sealed (only when it moved)
