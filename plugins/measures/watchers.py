"""Without a command: a blacklisted account that speaks in, or joins, a managed group is removed.

The checks read the blacklist from memory (`blacklist.is_listed`): every message passes here.
"""

from nonebot.adapters import Bot, Event

from adapters.events import member_joined, platform_for, posted_of
from core.dispatch import on_message, on_notice
from plugins.measures import blacklist
from plugins.measures.presence import managed_group, remove_listed
from plugins.registry import store as registry

# The real-name duty removes a blacklisted account on joining where it is on (its own record).
REALNAME = "realname"


async def _listed_speaker(bot: Bot, event: Event) -> bool:
    posted = posted_of(event)
    return (
        posted is not None
        and not posted.from_self
        and await blacklist.is_listed(posted.platform, posted.user_id)
    )


async def _listed_joiner(bot: Bot, event: Event) -> bool:
    joined = member_joined(event)
    return joined is not None and await blacklist.is_listed(joined.platform, joined.user_id)


speaks = on_message(_listed_speaker, priority=1)
joins = on_notice(_listed_joiner, priority=5)


@speaks.handle()
async def _spoke(bot: Bot, event: Event) -> None:
    posted = posted_of(event)
    if posted is None:
        return
    group = await managed_group(posted.platform, posted.group_id)
    if group is not None:
        await remove_listed(platform_for(bot), group, posted.user_id, "spoke")


@joins.handle()
async def _joined(bot: Bot, event: Event) -> None:
    joined = member_joined(event)
    if joined is None or str(joined.user_id) == bot.self_id:
        return
    if REALNAME in await registry.enabled_duties(joined.platform, joined.group_id):
        return
    group = await managed_group(joined.platform, joined.group_id)
    if group is not None:
        await remove_listed(platform_for(bot), group, joined.user_id, "joined")
