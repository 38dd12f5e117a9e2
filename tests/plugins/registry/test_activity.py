"""Message counts: kept in memory, written once however the flushes overlap."""

import asyncio
from datetime import UTC, datetime

from nonebug import App

from models.registry import ActivityDay
from plugins.registry import activity
from tests import accounts
from tests.plugins.registry.helpers import filed_group


async def test_overlapping_flushes_write_each_message_once(app: App) -> None:
    group = await filed_group()
    now = datetime.now(UTC)
    for _ in range(200):
        activity.seen("qq", accounts.GROUP, now)
    await asyncio.gather(activity.flush(), activity.flush(), activity.flush())
    assert [d.messages for d in await ActivityDay.filter(group=group)] == [200]
    assert await activity.messages_7d(group) == 200
    activity.seen("qq", accounts.GROUP, now)
    await activity.flush()
    assert [d.messages for d in await ActivityDay.filter(group=group)] == [201]
