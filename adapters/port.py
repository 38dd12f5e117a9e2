"""The platform port: a typed protocol of everything a plugin may ask of a chat platform."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from adapters.actions import Action, Outcome, Refused

Role = Literal["owner", "admin", "member"]


@dataclass(frozen=True)
class Member:
    user_id: int
    nickname: str
    card: str
    role: Role
    join_time: datetime | None = None
    last_sent_time: datetime | None = None

    @property
    def shown_name(self) -> str:
        return self.card or self.nickname


@dataclass(frozen=True)
class GroupInfo:
    group_id: int
    name: str
    member_count: int
    max_member_count: int


class Platform(Protocol):
    """One bot account on one platform. Every call is paced; none raises for a refusal."""

    name: str
    self_id: str

    async def perform(self, action: Action, *, key: int | None = None) -> Outcome:
        """Carry out `action`, paced; `key` (a group) keeps one burst from starving the others."""
        ...

    async def member(self, group_id: int, user_id: int) -> Member | Refused: ...

    async def members(self, group_id: int) -> list[Member] | Refused: ...

    async def group(self, group_id: int) -> GroupInfo | Refused: ...

    async def forward_bundle(self, forward_id: str) -> Any | Refused:
        """A forwarded bundle as the platform returns it (the scanner walks both known shapes)."""
        ...

    async def message(self, message_id: int) -> Any | Refused: ...
