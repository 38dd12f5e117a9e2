"""Carrying out the catch-up for one account (plugins/catchup/__init__.py says what and why)."""

import asyncio
from datetime import datetime

import nonebot
from nonebot.log import logger

from adapters.actions import Refused
from adapters.port import Platform
from core import accounts, runtime
from models.measures import MeasureRecord
from models.registry import Group
from plugins.catchup.plan import to_replay
from plugins.registry import activity

# Between two groups: a street's few hundred groups are read over a minute or two, not in one
# rush of queries that QQ may take for a runaway client.
GROUP_PAUSE = 0.2


async def _since(group: Group) -> datetime | None:
    """The last moment the bot is known to have seen the group: its last message counted, or
    the last measure recorded there (a measure is recorded after the message it answers)."""
    seen = [activity.last_message(group.platform, group.group_id), group.last_message_at]
    last = (
        await MeasureRecord.filter(platform=group.platform, group_id=group.group_id)
        .order_by("-id")
        .first()
    )
    if last is not None:
        seen.append(last.created_at)
    known = [at for at in seen if at is not None]
    return max(known) if known else None


async def catch_up(platform: Platform) -> None:
    if not platform.can.history:
        # Nothing to read back (Telegram keeps what came meanwhile in getUpdates and delivers
        # it as usual), and no group list to learn from: the account's groups are learnt from
        # their events (core.accounts.admits).
        logger.info(f"catch-up for {platform.self_id}: nothing to read back on {platform.name}")
        return
    joined = await platform.groups()
    if isinstance(joined, Refused):
        logger.warning(f"catch-up: {platform.self_id} could not list its groups: {joined}")
        return
    here = {g.group_id: g for g in joined}
    accounts.learn_groups(platform.name, platform.self_id, list(here))
    managed = [g for g in await Group.filter(platform=platform.name) if g.group_id in here]
    starts = nonebot.get_driver().config.command_start
    depth = runtime.settings().qungui_catch_up_messages
    replayed = 0
    for n, group in enumerate(managed):
        if n:
            await asyncio.sleep(GROUP_PAUSE)
        await Group.filter(id=group.id).update(member_count=here[group.group_id].member_count)
        await platform.member(group.group_id, int(platform.self_id))  # its role, read again
        past = await platform.history(group.group_id, depth)
        if isinstance(past, Refused):
            continue
        handled = activity.recent_ids(group.platform, group.group_id)
        since = await _since(group)
        for message in to_replay(past, since, int(platform.self_id), starts, handled):
            await platform.redeliver(message)
            replayed += 1
    waiting = await platform.pending_joins()
    answered = 0
    if not isinstance(waiting, Refused):
        ids = {g.group_id for g in managed}
        for join in waiting:
            if not join.answered and join.group_id in ids:
                await platform.redeliver(join)
                answered += 1
    await accounts.refresh()  # the roles read again, for every process to see
    logger.info(
        f"catch-up for {platform.self_id}: {len(managed)} groups, "
        f"{replayed} missed messages, {answered} waiting join requests"
    )
