"""The platform port: a typed protocol of everything a plugin may ask of a chat platform."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from adapters.actions import Action, Outcome, Refused

Role = Literal["owner", "admin", "member"]

_RANK: dict[Role, int] = {"member": 0, "admin": 1, "owner": 2}


def outranks(actor: Role | None, target: Role) -> bool:
    """Whether an account of role `actor` may recall, mute or remove one of role `target`.

    QQ lets an admin act on ordinary members only, and the owner on admins too; nobody acts on
    the owner. An unknown role (None) is taken as a plain member's.
    """
    return _RANK[actor or "member"] > _RANK[target]


@dataclass(frozen=True)
class Capabilities:
    """What a platform can do. A duty reads it and, where one is missing, does what a careful
    admin would instead and says so (/功能, /群規): never a call the platform cannot take."""

    set_card: bool  # a group card (QQ's 群名片) the bot may read and set
    list_members: bool  # the whole member list can be read (else: known from joins and messages)
    join_answers: bool  # a join request carries the applicant's answer
    forward_bundles: bool  # a forwarded bundle arrives as one message to be fetched
    recall_others: bool  # the bot may delete other people's messages
    mute_max_seconds: int  # the longest mute the platform takes
    transfer_ownership: bool  # the bot can hand a group's ownership on
    group_files: bool  # a group file list, apart from messages
    history: bool  # a group's past messages can be read back after a gap
    # a non-friend is reached through a group both are in (QQ's temporary session)
    private_via_group: bool
    appoint_admins: "Role"  # the lowest role that may give and take admin rights


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


@dataclass(frozen=True)
class GroupFile:
    """A file in a group's file list; `file_id` is the id that deletes it."""

    file_id: str
    name: str
    uploader: int
    uploaded_at: datetime | None
    size: int = 0


UPLOAD_SLACK = timedelta(minutes=10)  # how far a listed upload time may be from the notice's


def the_upload(files: list[GroupFile], name: str, uploader: int, at: datetime) -> GroupFile | None:
    """The listed file an upload notice speaks of: same name and uploader, uploaded near `at`
    (the newest such, when a person uploads the same name twice)."""
    near = [
        f
        for f in files
        if f.name == name
        and f.uploader == uploader
        and (f.uploaded_at is None or abs(f.uploaded_at - at) <= UPLOAD_SLACK)
    ]
    return max(near, key=lambda f: f.uploaded_at or at, default=None)


@dataclass(frozen=True)
class PastMessage:
    """A group message read back from the platform's history (one the bot may have missed)."""

    group_id: int
    message_id: int
    user_id: int
    at: datetime
    text: str  # its plain text, to tell a command from a message
    raw: Any = field(compare=False, repr=False)  # as the platform returned it, to redeliver


@dataclass(frozen=True)
class PendingJoin:
    """A join request the platform still holds (one that came while the bot was away)."""

    group_id: int
    user_id: int
    comment: str
    flag: str
    answered: bool


class Platform(Protocol):
    """One bot account on one platform. Every call is paced; none raises for a refusal."""

    name: str
    self_id: str
    can: Capabilities

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

    async def own_role(self, group_id: int) -> Role | None:
        """The account's own role in the group (remembered; asked when unknown); None: not in it."""
        ...

    def note_role(self, group_id: int, role: Role | None) -> None:
        """Remember the account's role in a group, as a notice or a member list told it."""
        ...

    async def is_friend(self, user_id: int) -> bool: ...

    def befriended(self, user_id: int) -> None:
        """A friend request the bot accepted: the person is reached directly from now on."""
        ...

    async def groups(self) -> list[GroupInfo] | Refused:
        """Every group the account is in."""
        ...

    async def group_files(self, group_id: int) -> list[GroupFile] | Refused: ...

    async def history(self, group_id: int, count: int) -> list[PastMessage] | Refused:
        """The group's latest `count` messages, oldest first."""
        ...

    async def pending_joins(self) -> list[PendingJoin] | Refused: ...

    async def offer_commands(self, menu: list[tuple[str, str]]) -> Outcome:
        """Show the commands in the platform's own command menu, where it has one: (Latin
        name, what it is) pairs. Done without a call where there is no menu (QQ)."""
        ...

    async def redeliver(self, item: PastMessage | PendingJoin) -> None:
        """Hand a missed message or join request to the bot's own event handling, as if it had
        just arrived (the platform does not push what came while no bot was connected)."""
        ...
