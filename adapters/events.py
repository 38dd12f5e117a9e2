"""Platform-neutral views of incoming events, and the platform behind a bot.

Plugins read events through these functions, never through a platform's event classes.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from nonebot.adapters import Bot, Event, Message
from nonebot.adapters.onebot.v11 import Adapter as OneBotAdapter
from nonebot.adapters.onebot.v11 import Bot as OneBotBot
from nonebot.adapters.onebot.v11 import Event as OneBotEvent
from nonebot.adapters.onebot.v11 import (
    FriendRequestEvent,
    GroupAdminNoticeEvent,
    GroupDecreaseNoticeEvent,
    GroupIncreaseNoticeEvent,
    GroupMessageEvent,
    GroupRequestEvent,
    GroupUploadNoticeEvent,
    MessageEvent,
    NoticeEvent,
)

from adapters.account import Account
from adapters.pacing import Limiter
from adapters.port import Platform, Role


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


def sender_of(event: Event) -> Sender | None:
    if isinstance(event, GroupMessageEvent):
        role = event.sender.role if event.sender.role in ("owner", "admin") else "member"
        return Sender("qq", event.user_id, event.group_id, role)  # type: ignore[arg-type]
    if isinstance(event, MessageEvent):
        return Sender("qq", event.user_id, None, None)
    return None


def group_of(event: Event) -> tuple[str, int] | None:
    """The (platform, group) a message, notice or request happened in; None outside groups."""
    if isinstance(event, OneBotEvent):
        group_id = getattr(event, "group_id", None)
        return ("qq", int(group_id)) if isinstance(group_id, int) else None
    return None


def stable_key(event: Event) -> str | None:
    """A group message as every account in the group receives it, digested: group, sender, QQ's
    own send time (msgTime, the same for every account) and what it says. The message id is left
    out: each account numbers messages its own way (NapCat's MessageUnique is per account). Two
    identical messages from one person in one second count as one. Notices and requests carry
    the time each NapCat made them, which can differ between accounts: None (the account chosen
    for the group handles them alone)."""
    if not isinstance(event, GroupMessageEvent):
        return None
    said = [
        [s.type, str(s.data.get("text", s.data.get("qq", s.data.get("id", ""))))]
        for s in event.original_message
        if s.type in ("text", "at", "face")
    ]
    facts = ["qq", event.group_id, event.user_id, event.time, said]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Quoted:
    """The message another one replies to; sender and text where the platform handed them over."""

    message_id: int
    sender_id: int | None
    text: str  # its plain text segments, joined ("" when unknown)


def quoted_by(event: Event) -> Quoted | None:
    """The message `event` replies to, or None.

    The OneBot adapter fetches the quoted message (`event.reply`) and takes the reply segment out
    of `event.message`; when that fetch failed, the id is still in `original_message`.
    """
    if not isinstance(event, MessageEvent):
        return None
    if event.reply is not None:
        texts = [str(s.data.get("text", "")) for s in event.reply.message if s.type == "text"]
        return Quoted(event.reply.message_id, event.reply.sender.user_id, "".join(texts))
    for segment in event.original_message:
        ident = str(segment.data.get("id", ""))
        if segment.type == "reply" and ident.lstrip("-").isdigit():
            return Quoted(int(ident), None, "")
    return None


def as_received(event: Event) -> Message:
    """The message as the platform sent it: the OneBot adapter takes a quoted reply's segment
    out of `event.message` (nonebot/adapters/onebot/v11/bot.py, `_check_reply`); the original
    keeps it, so a scan sees the quote."""
    if isinstance(event, MessageEvent):
        return event.original_message
    return event.get_message()


def quote_fetched(event: Event) -> tuple[str, dict[str, Any]] | None:
    """The quoted message the adapter already fetched (its id, and it in get_msg's shape);
    None when there is none or the fetch failed (the id stays in `original_message`)."""
    if not isinstance(event, MessageEvent) or event.reply is None:
        return None
    segments = [{"type": s.type, "data": dict(s.data)} for s in event.reply.message]
    return str(event.reply.message_id), {"message": segments}


def parse_args(message: Message) -> Args:
    """Words split on white space; `@someone` segments become mentions (never markup)."""
    words: list[str] = []
    mentions: list[int] = []
    for segment in message:
        if segment.type == "text":
            words.extend(str(segment.data.get("text", "")).split())
        elif segment.type == "at" and str(segment.data.get("qq", "")).isdigit():
            mentions.append(int(segment.data["qq"]))
    return Args(tuple(words), tuple(mentions))


# What the bot knows of each account (pacing, friends, roles), kept across reconnects
# (a new connection is a new Bot object).
_accounts: dict[str, Account] = {}


def account_of(bot: Bot) -> Account:
    from core import runtime

    key = f"{bot.type}:{bot.self_id}"
    if key not in _accounts:
        s = runtime.settings()
        _accounts[key] = Account(
            Limiter(s.qungui_send_per_second, s.qungui_manage_per_second, s.qungui_backoff_seconds)
        )
    return _accounts[key]


def note_own_role(event: Event) -> None:
    """Keep the account's role current from the notices that change it: a group_admin notice
    about the bot itself (an owner gave or took its rights by hand), or the bot removed."""
    if isinstance(event, GroupAdminNoticeEvent) and event.user_id == event.self_id:
        role: Role | None = "admin" if event.sub_type == "set" else "member"
    elif isinstance(event, GroupDecreaseNoticeEvent) and event.user_id == event.self_id:
        role = None
    else:
        return
    account = _accounts.get(f"{OneBotAdapter.get_name()}:{event.self_id}")
    if account is None:
        return
    if role is None:
        account.roles.pop(event.group_id, None)
    else:
        account.roles[event.group_id] = role


def platform_for(bot: Bot) -> Platform:
    """The paced platform port for this bot connection."""
    from adapters.onebot import OneBotPlatform

    if not isinstance(bot, OneBotBot):
        raise TypeError(f"no platform port for {bot.type}")
    return OneBotPlatform(bot, account_of(bot))


def self_left(event: Event) -> bool:
    """The bot's own account left the group, or was removed from it."""
    return isinstance(event, GroupDecreaseNoticeEvent) and event.user_id == event.self_id


@dataclass(frozen=True)
class JoinRequest:
    """Someone asks to join a group; `flag` and `sub_type` answer it (actions.AnswerJoin)."""

    platform: str
    bot_id: str
    group_id: int
    user_id: int
    comment: str  # the applicant's answer, as the platform hands it over
    flag: str
    sub_type: str


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


def friend_request_of(event: Event) -> FriendRequest | None:
    if not isinstance(event, FriendRequestEvent):
        return None
    return FriendRequest("qq", str(event.self_id), event.user_id, event.flag)


def join_request_of(event: Event) -> JoinRequest | None:
    """A request to join a group (OneBot request/group/add); None for anything else.

    A request/group/invite is the bot itself being invited somewhere: not a join request.
    """
    if not isinstance(event, GroupRequestEvent) or event.sub_type != "add":
        return None
    return JoinRequest(
        "qq",
        str(event.self_id),
        event.group_id,
        event.user_id,
        event.comment or "",
        event.flag,
        event.sub_type,
    )


def member_joined(event: Event) -> MemberChange | None:
    if not isinstance(event, GroupIncreaseNoticeEvent):
        return None
    operator = event.operator_id or None
    return MemberChange("qq", str(event.self_id), event.group_id, event.user_id, operator)


def member_left(event: Event) -> MemberChange | None:
    """A member left or was removed; the bot's own removal (kick_me) too, as its user_id."""
    if not isinstance(event, GroupDecreaseNoticeEvent):
        return None
    operator = event.operator_id or None
    return MemberChange("qq", str(event.self_id), event.group_id, event.user_id, operator)


def card_changed(event: Event) -> CardChange | None:
    """NapCat's notice group_card (card_new, card_old); other implementations do not send it."""
    if not isinstance(event, NoticeEvent) or event.notice_type != "group_card":
        return None
    try:  # NapCat has sent the numbers as strings in some versions
        group_id, user_id = int(getattr(event, "group_id", "")), int(getattr(event, "user_id", ""))
    except (TypeError, ValueError):
        return None
    return CardChange(
        "qq",
        str(event.self_id),
        group_id,
        user_id,
        str(getattr(event, "card_new", None) or ""),
        str(getattr(event, "card_old", None) or ""),
    )


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


def _when(timestamp: int) -> datetime:
    return message_time(timestamp) or datetime.now(UTC)


def posted_of(event: Event) -> Posted | None:
    """A message posted in a group; None for anything else (NapCat's message_sent included)."""
    if not isinstance(event, GroupMessageEvent):
        return None
    return Posted(
        "qq",
        event.group_id,
        event.user_id,
        event.message_id,
        _when(event.time),
        event.user_id == event.self_id,
        event.sender.role if event.sender.role in ("owner", "admin") else "member",  # type: ignore[arg-type]
    )


def upload_of(event: Event) -> Upload | None:
    """A group file upload (NapCat sends it beside a message carrying a `file` segment)."""
    if not isinstance(event, GroupUploadNoticeEvent):
        return None
    return Upload(
        "qq",
        event.group_id,
        event.user_id,
        event.file.id,
        event.file.name,
        event.file.size,
        _when(event.time),
        event.user_id == event.self_id,
    )
