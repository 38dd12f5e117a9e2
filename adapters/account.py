"""What the bot knows about one of its accounts, kept across reconnects.

A new connection is a new Bot object; the account's pacing, its friends and its role in each
group belong to the account and outlive it.
"""

import time
from dataclasses import dataclass, field

from adapters.pacing import Limiter
from adapters.port import Role

FRIENDS_TTL = 600.0  # seconds a friend list is trusted before it is read again


@dataclass
class Account:
    limiter: Limiter
    roles: dict[int, Role] = field(default_factory=dict)  # the account's own role, by group
    friends: frozenset[int] | None = None  # None: not read yet
    friends_read_at: float = 0.0
    last_event_at: float | None = None  # when the last event came through it (time.time())

    def friends_stale(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        return self.friends is None or now - self.friends_read_at > FRIENDS_TTL

    def set_friends(self, friends: frozenset[int], now: float | None = None) -> None:
        self.friends = friends
        self.friends_read_at = time.monotonic() if now is None else now

    def note_role(self, group_id: int, role: Role | None) -> None:
        """The account's own role in a group, as last learnt; None: it is not in the group."""
        if role is None:
            self.roles.pop(group_id, None)
        else:
            self.roles[group_id] = role

    def befriended(self, user_id: int) -> None:
        """A friend request the bot accepted: the person is a friend from now on."""
        if self.friends is not None:
            self.friends = self.friends | {user_id}
