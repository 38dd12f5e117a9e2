"""Which of the bot's accounts serves a group, and which one handles an event several received.

Every account learns the groups it is in: from its group list when it connects (the catch-up),
and from every event it receives in a group. The links live in the database (models.cluster.
AccountLink), so every process knows every account's groups and roles; each process reads them
back every few seconds (refresh_seconds), with the accounts online on live nodes.

- A group's work goes through an account in it that is connected to this process: the highest
  role first (owner, admin, member), then the lowest account number. None when no account here
  is in the group: the work waits for one (here, or in another process).
- When two of the bot's accounts are in one group, each receives the group's events under its
  own message ids. Only the chosen account among those online handles them, and it claims the
  event's stable key first (adapters.events.stable_key), so even two processes that disagree
  for a moment act once.
"""

import time
from collections.abc import Collection, Mapping
from datetime import UTC, datetime, timedelta

import nonebot
from nonebot.adapters import Bot, Event
from nonebot.log import logger
from tortoise.exceptions import IntegrityError

from adapters.events import account_of, group_of, platform_for, self_left, stable_key
from adapters.port import Platform, Role
from core import node, runtime
from models.cluster import AccountLink, AccountOnline, EventClaim
from models.db import STORAGE_ERRORS

REFRESH_SECONDS = 10.0  # at most; a quarter lease when the lease is shorter
CLAIMS_KEPT_HOURS = 24
_RANK: dict[str, int] = {"owner": 2, "admin": 1, "member": 0}

Links = dict[str, Role]  # account → its role in one group

_links: dict[tuple[str, int], Links] = {}  # (platform, group) → the accounts in it
_online: set[tuple[str, str]] = set()  # (platform, account) connected to a live node
_unsaved: dict[tuple[str, str, int], Role | None] = {}  # links learned here, None: gone


def refresh_seconds() -> float:
    return min(REFRESH_SECONDS, runtime.settings().qungui_lease_seconds / 4)


def choose(links: Mapping[str, Role], usable: Collection[str]) -> str | None:
    """The account that acts in a group: among the usable ones in it, the highest role, then
    the lowest number."""
    found = [b for b in links if b in usable]
    if not found:
        return None
    return min(found, key=lambda b: (-_RANK.get(links[b], 0), int(b) if b.isdigit() else 0, b))


def local_platforms(platform: str | None = None) -> dict[str, Platform]:
    """The ports of the accounts connected to this process, by account (of one platform)."""
    found: dict[str, Platform] = {}
    for bot in nonebot.get_bots().values():
        try:
            port = platform_for(bot)
        except TypeError:
            continue  # a platform without a port
        if platform is None or port.name == platform:
            found[port.self_id] = port
    return found


def any_platform(platform: str | None = None) -> Platform | None:
    """An account of this process (of `platform`), for notices to people that concern no group
    (core.send finds another when this one cannot reach someone)."""
    return next(iter(local_platforms(platform).values()), None)


def links_of(platform: str, group_id: int) -> Links:
    return dict(_links.get((platform, group_id), {}))


def groups_of(platform: str, bot_id: str) -> list[int]:
    """The groups the account is known to be in (its links, learnt and read back)."""
    return sorted(g for (p, g), links in _links.items() if p == platform and bot_id in links)


def platform_for_group(platform: str, group_id: int) -> Platform | None:
    """The account of this process that acts in the group; None when none here is in it."""
    local = local_platforms(platform)
    links = _links.get((platform, group_id))
    if not links:
        # Never learned (the only account, before its first look at its groups): with one
        # account in the whole deployment, that account; with several, nobody is known to be in.
        others = {b for p, b in _online if p == platform} - set(local)
        return next(iter(local.values())) if len(local) == 1 and not others else None
    chosen = choose(links, local)
    return local.get(chosen) if chosen is not None else None


def serving(bot: Bot, group_id: int) -> Platform:
    """The port for work in `group_id` ordered through `bot` (a command given privately, or in
    another group): the account of this process chosen for the group, else the bot's own."""
    own = platform_for(bot)
    return platform_for_group(own.name, group_id) or own


def note(platform: str, bot_id: str, group_id: int, role: Role | None = "member") -> None:
    """The account is in the group (with `role`, when known), or gone from it (None)."""
    links = _links.setdefault((platform, group_id), {})
    if role is None:
        links.pop(bot_id, None)
    elif links.get(bot_id) == role or (bot_id in links and role == "member"):
        return  # known already (an event says nothing of the role: keep the one learned)
    else:
        links[bot_id] = role
    _unsaved[(platform, bot_id, group_id)] = role


def learn_groups(platform: str, bot_id: str, group_ids: Collection[int]) -> None:
    """The account's full group list: links to groups it left go too."""
    here = set(group_ids)
    for (p, g), links in list(_links.items()):
        if p == platform and bot_id in links and g not in here:
            note(platform, bot_id, g, None)
    for group_id in here:
        note(platform, bot_id, group_id)


def _local_roles() -> None:
    """The roles this process's accounts learned (from member info and notices) go to the links."""
    for port in local_platforms().values():
        for group_id, role in account_roles(port).items():
            if _links.get((port.name, group_id), {}).get(port.self_id) != role:
                note(port.name, port.self_id, group_id, role)


def account_roles(port: Platform) -> dict[int, Role]:
    bots = nonebot.get_bots()
    bot = bots.get(port.self_id)
    return dict(account_of(bot).roles) if bot is not None else {}


async def _save() -> None:
    while _unsaved:
        (platform, bot_id, group_id), role = _unsaved.popitem()
        rows = AccountLink.filter(platform=platform, bot_id=bot_id, group_id=group_id)
        if role is None:
            await rows.delete()
            continue
        if await rows.update(role=role, seen_at=node.now()):
            continue
        try:
            await AccountLink.create(
                platform=platform, bot_id=bot_id, group_id=group_id, role=role, seen_at=node.now()
            )
        except IntegrityError:  # another process wrote it first
            await rows.update(role=role, seen_at=node.now())


async def _report() -> None:
    """Each local account's state, for the health page of any process."""
    at = node.now()
    for port in local_platforms().values():
        bot = nonebot.get_bots().get(port.self_id)
        if bot is None:
            continue
        account = account_of(bot)
        paused = account.limiter.send.paused_for()
        await AccountOnline.filter(key=f"{port.name}:{port.self_id}", node=node.name()).update(
            reported_at=at,
            last_event_at=(
                datetime.fromtimestamp(account.last_event_at, UTC)
                if account.last_event_at is not None
                else None
            ),
            sends_waiting=account.limiter.send.waiting(),
            manages_waiting=account.limiter.manage.waiting(),
            paused_until=at + timedelta(seconds=paused) if paused else None,
        )


async def refresh() -> None:
    """Write what this process learned, then read every account's groups and who is online."""
    _local_roles()
    await _save()
    await _report()
    rows = await AccountLink.all().values_list("platform", "bot_id", "group_id", "role")
    links: dict[tuple[str, int], Links] = {}
    for platform, bot_id, group_id, role in rows:
        links.setdefault((str(platform), int(group_id)), {})[str(bot_id)] = role
    for (platform, bot_id, group_id), role in _unsaved.items():  # learned while reading
        if role is not None:
            links.setdefault((platform, group_id), {})[bot_id] = role
    _links.clear()
    _links.update(links)
    _online.clear()
    _online.update(await node.online_accounts())


async def prune_claims() -> None:
    await EventClaim.filter(at__lt=node.now() - timedelta(hours=CLAIMS_KEPT_HOURS)).delete()


async def admits(bot: Bot, event: Event) -> bool:
    """Whether this account handles `event` (False: another of the bot's accounts does)."""
    account_of(bot).last_event_at = time.time()  # a float: this runs for every event
    where = group_of(event)
    if where is None:
        return True
    platform, group_id = where
    if self_left(event):
        note(platform, bot.self_id, group_id, None)
        return True
    links = _links.get(where)
    if links is None or bot.self_id not in links:
        note(platform, bot.self_id, group_id)
        links = _links[where]
    if len(links) < 2:
        return True
    here = set(nonebot.get_bots())  # this process's accounts (no port built: every event)
    online = {b for p, b in _online if p == platform} | here
    if choose(links, online) != bot.self_id:
        return False
    key = stable_key(event)
    if key is None:
        return True
    try:
        await EventClaim.create(key=key, bot_id=bot.self_id, at=node.now())
    except IntegrityError:
        return False  # the other account's process handled it first
    except STORAGE_ERRORS:
        logger.warning("an event seen by two accounts could not be claimed: handled here")
    return True


def forget() -> None:
    """Tests: start from nothing learned."""
    _links.clear()
    _online.clear()
    _unsaved.clear()
