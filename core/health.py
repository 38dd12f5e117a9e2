"""The accounts' health as the department reads it (the console's health page): which accounts
are connected to which live process, when each last received an event, how much waits in its
pacing lanes, and whether its sending is paused after a risk refusal.

Every process writes its accounts' state every quarter lease (core.accounts.refresh), so any
process can show all of them; a process past its lease shows as down, whatever it last wrote.
"""

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from core import node
from models.cluster import AccountLink, AccountOnline


@dataclass(frozen=True)
class AccountHealth:
    platform: str
    bot_id: str
    node: str
    alive: bool  # its process's heartbeat is fresh
    since: datetime
    last_event_at: datetime | None
    sends_waiting: int
    manages_waiting: int
    paused_for: float  # seconds its sending stays paused (0: not paused)
    groups: int  # groups it is known to be in


def health_of(
    rows: Iterable[AccountOnline], alive: Collection[str], groups: Counter[str], now: datetime
) -> list[AccountHealth]:
    """Pure: the rows as the page shows them, live processes first, then by account."""
    found = [
        AccountHealth(
            platform=r.platform,
            bot_id=r.bot_id,
            node=r.node,
            alive=r.node in alive,
            since=r.since,
            last_event_at=r.last_event_at,
            sends_waiting=r.sends_waiting,
            manages_waiting=r.manages_waiting,
            paused_for=(
                max(0.0, (r.paused_until - now).total_seconds()) if r.paused_until else 0.0
            ),
            groups=groups.get(f"{r.platform}:{r.bot_id}", 0),
        )
        for r in rows
    ]
    return sorted(found, key=lambda h: (not h.alive, h.node, h.platform, h.bot_id))


async def accounts_health() -> list[AccountHealth]:
    links = await AccountLink.all().values_list("platform", "bot_id")
    groups = Counter(f"{p}:{b}" for p, b in links)
    return health_of(await AccountOnline.all(), await node.alive_nodes(), groups, node.now())
