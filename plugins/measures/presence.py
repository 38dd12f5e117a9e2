"""A blacklisted account found in a managed group (it speaks, or joins) is removed there and then.

The sweep removes an account from the groups the platform lists it in when it is blacklisted;
one it missed (a group the bot could not read, a sweep cut short, a join while the bot was away)
is removed the first time the account shows itself. One removal at a time per group and account:
a burst of its messages asks once, and a removal the platform refused is not asked again for a
while. The real-name duty removes a blacklisted account on joining where it is on; here, joins
count only in groups where it is off.
"""

import time

from adapters.actions import Kick
from adapters.port import Platform
from core.send import to_people
from models.measures import MeasureRecord, RecordStatus
from models.registry import Group
from plugins.measures import blacklist, texts
from plugins.measures.articles import manual_article
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.measures.sweep import UNMANAGED
from plugins.registry import store as registry
from plugins.registry.roles import is_protected

QUIET_SECONDS = 600.0  # after a removal (done or refused), the same one is not asked again

_recent: dict[tuple[str, int, int], float] = {}  # (platform, group, account) -> when last asked


def due(key: tuple[str, int, int], now: float, recent: dict[tuple[str, int, int], float]) -> bool:
    """Whether to remove now: not asked within QUIET_SECONDS (the map is pruned as it goes)."""
    for old in [k for k, at in recent.items() if now - at > QUIET_SECONDS]:
        del recent[old]
    return key not in recent


def forget() -> None:
    _recent.clear()


async def managed_group(platform: str, group_id: int) -> Group | None:
    group = await registry.find_group(platform, group_id)
    return None if group is None or group.status in UNMANAGED else group


async def _article_of(platform: str, user_id: int) -> int:
    """The article of the blacklisting on record (in the default rulebook 8 for illegal content,
    10 otherwise); the measures duty's when no record says which."""
    last = (
        await MeasureRecord.filter(platform=platform, target=user_id, action=blacklist.BLACKLIST)
        .order_by("-id")
        .first()
    )
    return last.article if last is not None else manual_article()


async def remove_listed(platform: Platform, group: Group, user_id: int, seen: str) -> bool:
    """Remove a blacklisted `user_id` who `seen` ("spoke", "joined") in `group`; whether it ran."""
    key = (group.platform, group.group_id, user_id)
    if is_protected(group.platform, user_id, platform.self_id) or not due(
        key, time.monotonic(), _recent
    ):
        return False
    entry = await blacklist.active(group.platform, user_id)
    if entry is None:
        return False
    _recent[key] = time.monotonic()
    measure = Measure.in_group(
        group,
        kind="kick",
        article=await _article_of(group.platform, user_id),
        action=Kick(group.group_id, user_id, refuse_future=True),
        target=user_id,
        category="blacklist",
        reason=texts.REASON_LISTED_PRESENT,
        detail={"blacklisted": True, "entry": entry.id, "seen": seen},
    )
    record = await carry_out(platform, measure)
    _recent[key] = time.monotonic()
    done = record.status == RecordStatus.DONE
    notice = texts.listed_removed_notice(group.group_id, group.unit.name, user_id, seen, done)
    await to_people(platform, await registry.admin_ids(group), notice)
    return True
