"""The group registry (Art. 3, 13): filing, approval, the profile, duty switches and roles."""

from datetime import UTC, datetime

from nonebot import get_driver, require
from nonebot.adapters import Event
from nonebot.plugin import PluginMetadata

require("nonebot_plugin_apscheduler")

from adapters.events import note_own_role, sender_of  # noqa: E402
from core import runtime  # noqa: E402
from core.cite import cite  # noqa: E402
from core.dispatch import watch  # noqa: E402
from core.schedule import every  # noqa: E402
from plugins.registry import activity, friends, matchers, revoke, store  # noqa: E402, F401

__plugin_meta__ = PluginMetadata(
    name="registry",
    description="群組登記：建群單位、群組管理員、備案與批准、分級、功能開關"
    f"（{cite('filing', 'approval')}）",
    usage="/備案 /批准 /駁回 /撤銷備案 /群檔案 /功能 /開啟 /關閉 /群規 /任務完結",
    extra={
        "duties": ("filing", "approval"),
        "articles": runtime.rulebook().articles_of("filing", "approval"),
    },
)


@get_driver().on_startup
async def _mirror_units() -> None:
    await store.sync_units(runtime.org())
    every(60, activity.flush, "registry.activity")


@get_driver().on_shutdown
async def _flush_activity() -> None:
    await activity.flush()


@watch
def _count_message(event: Event) -> None:
    if event.get_type() != "message":
        return
    sender = sender_of(event)
    if sender is not None and sender.group_id is not None:
        ident = getattr(event, "message_id", None)
        at = datetime.now(UTC)
        activity.seen(
            sender.platform, sender.group_id, at, ident if isinstance(ident, int) else None
        )


watch(note_own_role)  # the bot's own role, as group_admin notices change it
