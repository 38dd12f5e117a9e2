"""The member list the bot keeps itself, for platforms that give none (Telegram).

A member is noted when the bot sees them join or write, and marked gone when it sees them
leave. `of_group` is what the platform port's `members` answers there; every duty reads it
as it reads QQ's list, and the capability `list_members` tells them it starts when the bot
came. A message writes only the first time a member is seen (then remembered in memory).
"""

from datetime import UTC, datetime
from functools import cache

from nonebot.adapters import Event

from adapters.events import capabilities, group_of, member_joined, member_left, sender_of
from adapters.port import Member
from models.db import STORAGE_ERRORS
from models.members import KnownMember

REMEMBERED = 100_000
_known: set[tuple[str, int, int]] = set()  # written already: no write for their next message


@cache
def keeps_list(platform: str) -> bool:
    try:
        return not capabilities(platform).list_members
    except KeyError:
        return False


async def note_join(platform: str, group_id: int, user_id: int, name: str = "") -> None:
    now = datetime.now(UTC)
    await KnownMember.update_or_create(
        {"left_at": None, "name": name, "first_seen": now},
        platform=platform,
        group_id=group_id,
        user_id=user_id,
    )
    _known.add((platform, group_id, user_id))


async def note_left(platform: str, group_id: int, user_id: int) -> None:
    await KnownMember.filter(platform=platform, group_id=group_id, user_id=user_id).update(
        left_at=datetime.now(UTC)
    )
    _known.discard((platform, group_id, user_id))


async def note_seen(platform: str, group_id: int, user_id: int) -> None:
    """A member wrote: known from now on (unless already)."""
    key = (platform, group_id, user_id)
    if key in _known:
        return
    if len(_known) > REMEMBERED:
        _known.clear()
    await KnownMember.get_or_create(
        {"first_seen": datetime.now(UTC)}, platform=platform, group_id=group_id, user_id=user_id
    )
    await KnownMember.filter(platform=platform, group_id=group_id, user_id=user_id).update(
        left_at=None
    )
    _known.add(key)


async def watch(event: Event) -> None:
    """Keep the list from one event, where the event's platform gives no list of its own."""
    where = group_of(event)
    if where is None or not keeps_list(where[0]):
        return  # most events: a platform with its own list (one look, no view built)
    try:
        if (joined := member_joined(event)) and keeps_list(joined.platform):
            await note_join(joined.platform, joined.group_id, joined.user_id)
        elif (left := member_left(event)) and keeps_list(left.platform):
            await note_left(left.platform, left.group_id, left.user_id)
        elif (
            (sender := sender_of(event))
            and sender.group_id is not None
            and keeps_list(sender.platform)
        ):
            await note_seen(sender.platform, sender.group_id, sender.user_id)
    except STORAGE_ERRORS:
        pass  # the database is down: the next sighting notes them


async def of_group(platform: str, group_id: int) -> list[Member]:
    """Every member the bot knows to be in the group now (plain members: the platform says who
    its admins are). Their join time is when the bot first saw them there (their join, or their
    first message since the bot came): the earliest sign of life the bot has of them."""
    rows = await KnownMember.filter(platform=platform, group_id=group_id, left_at=None)
    return [
        Member(
            user_id=int(r.user_id), nickname=r.name, card="", role="member", join_time=r.first_seen
        )
        for r in rows
    ]


def forget() -> None:
    _known.clear()
