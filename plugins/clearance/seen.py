"""When each member last spoke: kept in memory, written to the database once a minute.

The observer only touches a dictionary, so it never holds up a message; `flush` writes every
sighting gathered so far in one upsert per batch and forgets a sighting only once it is written
(and not overtaken meanwhile). Readers merge what is not yet written.
"""

from datetime import datetime

from models.clearance import MemberSeen

BATCH = 500

_pending: dict[tuple[str, int, int], datetime] = {}


def seen(platform: str, group_id: int, user_id: int, at: datetime) -> None:
    key = (platform, group_id, user_id)
    known = _pending.get(key)
    if known is None or at > known:
        _pending[key] = at


async def flush() -> int:
    """Write the sightings gathered so far; how many were written."""
    snapshot = list(_pending.items())
    for start in range(0, len(snapshot), BATCH):
        chunk = snapshot[start : start + BATCH]
        await MemberSeen.bulk_create(
            [MemberSeen(platform=p, group_id=g, user_id=u, last_at=at) for (p, g, u), at in chunk],
            on_conflict=["platform", "group_id", "user_id"],
            update_fields=["last_at"],
        )
        for key, at in chunk:
            if _pending.get(key) == at:
                del _pending[key]
    return len(snapshot)


async def in_group(platform: str, group_id: int) -> dict[int, datetime]:
    """Every member's last sighting in the group, the unwritten ones included."""
    rows = await MemberSeen.filter(platform=platform, group_id=group_id).values_list(
        "user_id", "last_at"
    )
    found: dict[int, datetime] = {int(u): at for u, at in rows}
    for (p, g, u), at in list(_pending.items()):
        if p == platform and g == group_id and (u not in found or at > found[u]):
            found[u] = at
    return found


def forget() -> None:
    """Drop what is not yet written (tests start from nothing)."""
    _pending.clear()
