"""The street-wide blacklist (Art. 8, 10): entries kept here, acted on through `carry_out`.

An account is blacklisted while it has an entry whose `lifted_at` is null; the real-name duty
refuses and removes such accounts on joining, and `presence` removes them where they speak. There
is one active entry per account at most, and none for an account nobody may blacklist (the
department, the unit leaders, the superusers). `enter` and `lift` are what `service.carry_out`
runs for the measures `blacklist` and `unblacklist`, between writing the record and sealing it,
as it runs a platform action for others.
"""

import asyncio
import time
from collections.abc import Collection
from datetime import UTC, datetime

from models.measures import BlacklistEntry
from models.registry import Group
from plugins.measures.measure import Measure
from plugins.registry.roles import decides_for_unit, is_protected

BLACKLIST = "blacklist"
UNBLACKLIST = "unblacklist"

_lock = asyncio.Lock()  # one active entry per account: check and write as one step
PROTECTED = "an account nobody may blacklist"

# The listed accounts by platform, for the per-message check: read once, dropped whenever this
# process changes an entry, and read again after a minute (another process may have changed one).
_listed: dict[str, tuple[float, frozenset[int]]] = {}
_changes = 0  # a read that overlapped a change is not kept
CACHE_SECONDS = 60.0


async def is_listed(platform: str, user_id: int) -> bool:
    """Whether `user_id` has an active entry (from memory: every message asks)."""
    cached = _listed.get(platform)
    if cached is None or time.monotonic() - cached[0] > CACHE_SECONDS:
        seen = _changes
        rows = await BlacklistEntry.filter(platform=platform, lifted_at=None).values_list(
            "user_id", flat=True
        )
        cached = (time.monotonic(), frozenset(int(str(u)) for u in rows))
        if seen == _changes:
            _listed[platform] = cached
    return user_id in cached[1]


def _changed(platform: str) -> None:
    global _changes
    _changes += 1
    _listed.pop(platform, None)


def forget_cache() -> None:
    _listed.clear()


async def active(platform: str, user_id: int) -> BlacklistEntry | None:
    return await BlacklistEntry.get_or_none(platform=platform, user_id=user_id, lifted_at=None)


async def enter(measure: Measure) -> tuple[bool, str]:
    """Put `measure.target` on the blacklist; (False, why) when it already is."""
    if measure.target is None:
        return False, "no account"
    if is_protected(measure.platform, measure.target):
        return False, PROTECTED
    async with _lock:
        found = await active(measure.platform, measure.target)
        if found is not None:
            return False, f"already on the blacklist (entry {found.id})"
        entry = await BlacklistEntry.create(
            platform=measure.platform,
            user_id=measure.target,
            reason=measure.reason[:200],
            added_by=measure.actor,
            source_group=measure.group_id,
        )
        _changed(measure.platform)
    return True, f"entry {entry.id}"


async def lift(measure: Measure) -> tuple[bool, str]:
    """Lift the active entry of `measure.target`, with the measure's actor and reason."""
    if measure.target is None:
        return False, "no account"
    async with _lock:
        entry = await active(measure.platform, measure.target)
        if entry is None:
            return False, "not on the blacklist"
        entry.lifted_by = measure.actor
        entry.lifted_at = datetime.now(UTC)
        entry.lift_reason = measure.reason[:200]
        await entry.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
        _changed(measure.platform)
    return True, f"entry {entry.id}"


async def unit_of(entry: BlacklistEntry) -> str:
    """The unit of the group the entry was made in ("" when unknown)."""
    if entry.source_group is None:
        return ""
    group = await Group.get_or_none(platform=entry.platform, group_id=entry.source_group)
    if group is None:
        return ""
    await group.fetch_related("unit")
    return group.unit.name


def may_lift(*, department: bool, led_units: Collection[str], entry_unit: str) -> bool:
    """The department lifts any entry, or decides any request; a unit leader those made in the
    unit's groups."""
    return decides_for_unit(department=department, led_units=led_units, unit=entry_unit)
