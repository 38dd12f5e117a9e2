"""Counting the messages a group sees: kept in memory, written to the database once a minute."""

import asyncio
from collections import Counter, deque
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.expressions import F

from core import runtime
from models.registry import ActivityDay, Group


def _local_day(at: datetime) -> date:
    """The street's calendar day of `at` (the organisation file names its time zone)."""
    return at.astimezone(ZoneInfo(runtime.org().street.timezone)).date()


_counts: Counter[tuple[str, int, date]] = Counter()
_last_seen: dict[tuple[str, int], datetime] = {}
RECENT_IDS = 64  # message ids remembered per group, so a catch-up does not hand one over twice
_recent: dict[tuple[str, int], deque[int]] = {}
# The minute's flush and the shutdown flush can overlap: one at a time, or a count is added twice.
_flushing = asyncio.Lock()


def seen(platform: str, group_id: int, at: datetime, message_id: int | None = None) -> None:
    _counts[(platform, group_id, _local_day(at))] += 1
    _last_seen[(platform, group_id)] = at
    if message_id is not None:
        _recent.setdefault((platform, group_id), deque(maxlen=RECENT_IDS)).append(message_id)


def recent_ids(platform: str, group_id: int) -> frozenset[int]:
    """The ids of the group's latest messages this process counted."""
    return frozenset(_recent.get((platform, group_id), ()))


def last_message(platform: str, group_id: int) -> datetime | None:
    """The group's last message counted and not yet written (None: all written)."""
    return _last_seen.get((platform, group_id))


async def flush() -> None:
    """Write the counts gathered so far; a count is dropped from memory only once it is written."""
    async with _flushing:
        await _write()


async def _write() -> None:
    for (platform, group_id, day), n in list(_counts.items()):
        group = await Group.get_or_none(platform=platform, group_id=group_id)
        if group is not None:
            row, created = await ActivityDay.get_or_create(
                group=group, day=day, defaults={"messages": n}
            )
            if not created:
                await ActivityDay.filter(id=row.id).update(messages=F("messages") + n)
        _counts[(platform, group_id, day)] -= n
        if _counts[(platform, group_id, day)] <= 0:
            del _counts[(platform, group_id, day)]
    for (platform, group_id), at in list(_last_seen.items()):
        await Group.filter(platform=platform, group_id=group_id).update(last_message_at=at)
        if _last_seen.get((platform, group_id)) == at:
            del _last_seen[(platform, group_id)]


async def messages_7d(group: Group, today: date | None = None) -> int:
    today = today or _local_day(datetime.now(UTC))
    since = today - timedelta(days=6)
    stored = [d.messages for d in await ActivityDay.filter(group=group, day__gte=since)]
    here = (group.platform, group.group_id)
    unflushed = sum(n for (p, g, d), n in _counts.items() if (p, g) == here and d >= since)
    return sum(stored) + unflushed


def forget() -> None:
    """Drop what is not yet written (tests start from nothing)."""
    _counts.clear()
    _last_seen.clear()
    _recent.clear()
