"""Telling the organisation's people: each person once, on the platform the notice goes through.

An account names a platform (core.org.Account), so a notice meant for a QQ number is never
sent to a Telegram user with the same number. A notice sent through a port (the group's
account, usually) goes to the person's accounts on that port's platform; a person with none
there hears it on the first platform they have an account on (in the file's order) that an
account of this process can write from. A notice that concerns no group (digests, the daily
anchor) takes no port: each person hears it on their first such platform. Someone with no
account on any connected platform is not told (the log says so).

Every notice to people the organisation file names goes through here (`to_org_people`, or
`routes` for a caller sending more than one message to each, like the street report).
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from nonebot.log import logger

from adapters.actions import Outcome
from adapters.message import Outgoing
from adapters.port import Platform
from core import accounts, runtime
from core.org import Account
from core.send import to_people

Person = tuple[Account, ...]


def on(platform: str, user_ids: Iterable[int]) -> list[Account]:
    """Accounts on one platform (a group's registered admins, the sender of a command)."""
    return [Account(platform, u) for u in user_ids]


def persons(accounts_named: Iterable[Account], person_of: Mapping[Account, Person]) -> list[Person]:
    """The people `accounts_named` belong to, once each, in order (`person_of`: the file's
    grouping; an account it does not know is a person of its own)."""
    found: dict[Person, None] = {}
    for account in accounts_named:
        found.setdefault(person_of.get(account, (account,)), None)
    return list(found)


def reached(person: Person, hint: str | None, connected: Collection[str]) -> Person:
    """The accounts of `person` a notice goes to: those on `hint` (the platform it is sent
    through); else those on the first platform of theirs that is connected here; else none."""
    if hint is not None and any(a.platform == hint for a in person):
        return tuple(a for a in person if a.platform == hint)
    first = next((a.platform for a in person if a.platform in connected), None)
    return tuple(a for a in person if a.platform == first)


@dataclass(frozen=True)
class Route:
    """Whom to write to through one port, and the group the notice concerns (on that port's
    platform only: a group id means nothing on another)."""

    port: Platform
    user_ids: tuple[int, ...]
    about: int | None


def routes(
    hint: Platform | None,
    accounts_named: Iterable[Account],
    *,
    about: int | None = None,
    leaving_out: Collection[Account] = (),
) -> list[Route]:
    """The ports and people a notice to `accounts_named` goes through (see the module); a
    person with an account in `leaving_out` (the one who asked, say) is not told."""
    org = runtime.org()
    ports = {p.name: p for p in reversed(accounts.local_platforms().values())}
    if hint is not None:
        ports[hint.name] = hint
    wanted = {a: org.person_of(a) for a in accounts_named}
    chosen: dict[str, list[int]] = {}
    for person in persons(wanted, wanted):
        if set(person) & set(leaving_out):
            continue
        found = reached(person, hint.name if hint else None, ports)
        if not found:
            logger.warning(f"a notice reaches nobody of {len(person)} account(s): none connected")
        for account in found:
            chosen.setdefault(account.platform, []).append(account.user_id)
    return [
        Route(ports[name], tuple(dict.fromkeys(ids)), about if hint and name == hint.name else None)
        for name, ids in chosen.items()
    ]


async def to_org_people(
    hint: Platform | None,
    accounts_named: Iterable[Account],
    message: Outgoing | str,
    *,
    about: int | None = None,
    leaving_out: Collection[Account] = (),
) -> list[Outcome]:
    """Tell each person once, privately, on the platform of `hint` where they have an account
    there, else on one where they do (the module says how). `about`: the group, on `hint`'s
    platform, the notice concerns (core.reach); `leaving_out`: as for `routes`."""
    outcomes: list[Outcome] = []
    for route in routes(hint, accounts_named, about=about, leaving_out=leaving_out):
        outcomes += await to_people(route.port, route.user_ids, message, about=route.about)
    return outcomes
