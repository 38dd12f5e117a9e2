"""Platform-neutral views of incoming events: what a duty reads, whichever platform it came from.

Each platform's reader (`adapters/onebot_events.py`, `adapters/telegram_events.py`) builds
these from its own event classes; `adapters.events` picks the reader for an event.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from adapters.port import Role

# A message as the scanner reads it: OneBot-shaped segments ({"type": …, "data": {…}}).
Segments = list[dict[str, Any]]


@dataclass(frozen=True)
class Sender:
    """Who sent an event, and from where (`group_id` None: a private chat)."""

    platform: str
    user_id: int
    group_id: int | None
    role: Role | None  # the platform role in that group, where the event says


@dataclass(frozen=True)
class Args:
    """A command's arguments: plain words and mentioned accounts, in order."""

    words: tuple[str, ...]
    mentions: tuple[int, ...]


@dataclass(frozen=True)
class Quoted:
    """The message another one replies to; sender and text where the platform handed them over."""

    message_id: int
    sender_id: int | None
    text: str  # its plain text segments, joined ("" when unknown)


@dataclass(frozen=True)
class JoinRequest:
    """Someone asks to join a group; `flag` and `sub_type` answer it (actions.AnswerJoin).

    `comment` is the applicant's answer where the platform carries one (QQ); on a platform
    whose requests carry none (Telegram) it is "" and `reach` is where the bot may write to
    the applicant meanwhile (Telegram's user_chat_id)."""

    platform: str
    bot_id: str
    group_id: int
    user_id: int
    comment: str  # the applicant's answer, as the platform hands it over
    flag: str
    sub_type: str
    reach: int | None = None


@dataclass(frozen=True)
class MemberChange:
    """A member joined or left a group (`operator_id`: who let them in or removed them)."""

    platform: str
    bot_id: str
    group_id: int
    user_id: int
    operator_id: int | None


@dataclass(frozen=True)
class CardChange:
    platform: str
    bot_id: str
    group_id: int
    user_id: int
    card_new: str
    card_old: str


@dataclass(frozen=True)
class FriendRequest:
    """Someone asks to be the bot's friend; `flag` answers it (actions.AnswerFriend)."""

    platform: str
    bot_id: str
    user_id: int
    flag: str


@dataclass(frozen=True)
class Posted:
    """A group message as a duty acts on it: which one, from whom, when; `from_self`: the bot's own."""

    platform: str
    group_id: int
    user_id: int
    message_id: int
    at: datetime
    from_self: bool
    role: Role = "member"  # the sender's platform role, as the event says
    # When the message was edited into what it says now (Telegram lets a sender edit a sent
    # message: the duties read it again); None: as first sent.
    edited_at: datetime | None = None


@dataclass(frozen=True)
class Upload:
    """A file uploaded to a group (OneBot notice group_upload); `file_id` deletes it again."""

    platform: str
    group_id: int
    user_id: int
    file_id: str
    name: str
    size: int
    at: datetime
    from_self: bool


MS_FROM = 10**11  # a `time` past this is in milliseconds (NapCat falls back to them, ob/api/msg.ts)


def message_time(value: Any) -> datetime | None:
    """A message's `time`, in seconds or milliseconds; None when it is not a positive number."""
    if not isinstance(value, int) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value / 1000 if value >= MS_FROM else value, UTC)
    except (OverflowError, OSError, ValueError):
        return None  # past any date: as unknown


def when(timestamp: int) -> datetime:
    return message_time(timestamp) or datetime.now(UTC)
