"""How a private notice reaches a person: directly to a friend, else through a shared group.

QQ delivers a private message to a non-friend only as a temporary session opened from a group
both are in (NapCat's `send_private_msg` with `group_id`, ob/action/msg/SendMsg.ts createContext).
The group the notice is about comes first when the person is in it; then the groups the person
was last seen speaking in, then the groups they are a registered admin of. Each candidate is
checked against the group's member list, read once and remembered for a while: NapCat serves
the list from its cache, while asking after one non-member takes it seconds.
"""

import time
from collections import OrderedDict

from adapters.port import Platform
from models.clearance import MemberSeen
from models.db import STORAGE_ERRORS
from models.registry import RegisteredAdmin

REMEMBERED = 256  # groups whose member list is kept
TTL = 600.0  # seconds a member list is trusted
SEEN_GROUPS = 3  # groups of recent sightings tried

_lists: OrderedDict[tuple[str, int], tuple[frozenset[int], float]] = OrderedDict()


def candidates(about: int | None, seen: list[int], admin_of: list[int]) -> list[int]:
    """The groups to try, in order, each once."""
    first = [about] if about is not None else []
    return list(dict.fromkeys([*first, *seen, *admin_of]))


async def _in_group(platform: Platform, group_id: int, user_id: int) -> bool:
    key = (platform.self_id, group_id)
    known = _lists.get(key)
    now = time.monotonic()
    if known is None or now - known[1] >= TTL:
        members = await platform.members(group_id)
        ids = frozenset(m.user_id for m in members) if isinstance(members, list) else frozenset()
        known = (ids, now)
        _lists[key] = known
    _lists.move_to_end(key)
    while len(_lists) > REMEMBERED:
        _lists.popitem(last=False)
    return user_id in known[0]


async def _known_groups(platform: str, user_id: int) -> tuple[list[int], list[int]]:
    try:
        return await _read_known_groups(platform, user_id)
    except STORAGE_ERRORS:
        return [], []  # the database is down: the notice still goes, by `about` or directly


async def _read_known_groups(platform: str, user_id: int) -> tuple[list[int], list[int]]:
    seen = await (
        MemberSeen.filter(platform=platform, user_id=user_id)
        .order_by("-last_at")
        .limit(SEEN_GROUPS)
        .values("group_id")
    )
    admin_of = await RegisteredAdmin.filter(
        user_id=user_id, until=None, group__platform=platform
    ).values("group__group_id")
    return [int(row["group_id"]) for row in seen], [int(r["group__group_id"]) for r in admin_of]


async def route(platform: Platform, user_id: int, about: int | None = None) -> int | None:
    """The group to reach `user_id` through; None for a friend, or when no shared group is
    known (the platform then tries directly, which reaches an existing temporary session)."""
    if await platform.is_friend(user_id):
        return None
    seen, admin_of = await _known_groups(platform.name, user_id)
    for group_id in candidates(about, seen, admin_of):
        if await _in_group(platform, group_id, user_id):
            return group_id
    return None


def forget() -> None:
    _lists.clear()
