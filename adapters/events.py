"""Platform-neutral views of incoming events, and the platform behind a bot.

Plugins read events through these functions, never through a platform's event classes. Each
platform has a reader module (`adapters/onebot_events.py`, `adapters/telegram_events.py`) with
the same functions; the one that reads an event's class answers, and the platform's name comes
from it (its NAME), never from a literal here.
"""

from typing import Protocol

from nonebot.adapters import Bot, Event, Message
from nonebot.adapters.onebot.v11 import Adapter as OneBotAdapter
from nonebot.adapters.onebot.v11 import Bot as OneBotBot
from nonebot.adapters.telegram import Adapter as TelegramAdapter
from nonebot.adapters.telegram import Bot as TelegramBot

from adapters import onebot_events, telegram_events
from adapters.account import Account
from adapters.pacing import Limiter
from adapters.port import Capabilities, Platform, Role
from adapters.views import (
    Args,
    CardChange,
    FriendRequest,
    JoinRequest,
    MemberChange,
    Posted,
    Quoted,
    Segments,
    Sender,
    Upload,
    message_time,
)

__all__ = [
    "Args",
    "CardChange",
    "FriendRequest",
    "JoinRequest",
    "MemberChange",
    "Posted",
    "Quoted",
    "Sender",
    "Upload",
    "message_time",
]


class Reader(Protocol):
    """What each platform's reader module offers (the functions below, for its own events)."""

    NAME: str
    LABEL: str

    def reads(self, event: Event) -> bool: ...
    def reads_message(self, message: Message) -> bool: ...
    def sender_of(self, event: Event) -> Sender | None: ...
    def group_of(self, event: Event) -> int | None: ...
    def stable_key(self, event: Event) -> str | None: ...
    def is_edit(self, event: Event) -> bool: ...
    def quoted_by(self, event: Event) -> Quoted | None: ...
    def as_received(self, event: Event) -> Segments: ...
    def quote_fetched(self, event: Event) -> tuple[str, dict[str, Segments]] | None: ...
    def parse_args(self, message: Message) -> Args: ...
    def own_role_change(self, event: Event) -> tuple[str, int, Role | None] | None: ...
    def self_left(self, event: Event) -> bool: ...
    def friend_request_of(self, event: Event) -> FriendRequest | None: ...
    def join_request_of(self, event: Event) -> JoinRequest | None: ...
    def member_joined(self, event: Event) -> MemberChange | None: ...
    def member_left(self, event: Event) -> MemberChange | None: ...
    def card_changed(self, event: Event) -> CardChange | None: ...
    def posted_of(self, event: Event) -> Posted | None: ...
    def upload_of(self, event: Event) -> Upload | None: ...


READERS: tuple[Reader, ...] = (onebot_events, telegram_events)
# The adapter each reader's events come through (the key of an account's state).
_ADAPTERS = {onebot_events.NAME: OneBotAdapter.get_name(), telegram_events.NAME: "Telegram"}
assert TelegramAdapter.get_name() == _ADAPTERS[telegram_events.NAME]


_by_class: dict[type[Event], Reader | None] = {}  # every view asks, many times per event


def _reader(event: Event) -> Reader | None:
    kind = type(event)
    if kind not in _by_class:
        _by_class[kind] = next((r for r in READERS if r.reads(event)), None)
    return _by_class[kind]


def platform_name(bot: Bot) -> str:
    """The platform a bot connection is on, by the adapter's Bot class."""
    if isinstance(bot, TelegramBot):
        return telegram_events.NAME
    if isinstance(bot, OneBotBot):
        return onebot_events.NAME
    raise TypeError(f"no platform for {bot.type}")


def capabilities(platform: str) -> Capabilities:
    """What the platform of that name can do (for a group known by its platform name only)."""
    from adapters.onebot import QQ
    from adapters.telegram import TELEGRAM

    known = {onebot_events.NAME: QQ, telegram_events.NAME: TELEGRAM}
    if platform not in known:
        raise KeyError(f"unknown platform {platform!r}")
    return known[platform]


def sender_of(event: Event) -> Sender | None:
    reader = _reader(event)
    return reader.sender_of(event) if reader else None


def group_of(event: Event) -> tuple[str, int] | None:
    """The (platform, group) a message, notice or request happened in; None outside groups."""
    reader = _reader(event)
    group = reader.group_of(event) if reader else None
    return (reader.NAME, group) if reader and group is not None else None


def stable_key(event: Event) -> str | None:
    """A group message digested the same way for every account in the group that receives it
    (each reader says how); None for anything else: the chosen account handles it alone."""
    reader = _reader(event)
    return reader.stable_key(event) if reader else None


def is_edit(event: Event) -> bool:
    """A group message its sender edited after sending: the duties read it as a new posting
    (core.dispatch), but it is never a command."""
    reader = _reader(event)
    return reader.is_edit(event) if reader else False


def quoted_by(event: Event) -> Quoted | None:
    reader = _reader(event)
    return reader.quoted_by(event) if reader else None


def as_received(event: Event) -> Segments:
    """The message as the platform sent it, quotes and file names included, as segments."""
    reader = _reader(event)
    return reader.as_received(event) if reader else []


def quote_fetched(event: Event) -> tuple[str, dict[str, Segments]] | None:
    """The quoted message the platform already handed over (its id, and it in get_msg's shape)."""
    reader = _reader(event)
    return reader.quote_fetched(event) if reader else None


def parse_args(message: Message) -> Args:
    """A command's words and mentions (never markup), read the way its platform marks them."""
    reader = next((r for r in READERS if r.reads_message(message)), onebot_events)
    return reader.parse_args(message)


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
    """Keep the account's role current from the events that change it (an owner gave or took
    its rights by hand, or the bot was removed)."""
    reader = _reader(event)
    change = reader.own_role_change(event) if reader else None
    if reader is None or change is None:
        return
    self_id, group_id, role = change
    account = _accounts.get(f"{_ADAPTERS[reader.NAME]}:{self_id}")
    if account is not None:
        account.note_role(group_id, role)


def platform_for(bot: Bot) -> Platform:
    """The paced platform port for this bot connection."""
    if isinstance(bot, TelegramBot):
        from adapters.telegram import TelegramPlatform

        return TelegramPlatform(bot, account_of(bot))
    if isinstance(bot, OneBotBot):
        from adapters.onebot import OneBotPlatform

        return OneBotPlatform(bot, account_of(bot))
    raise TypeError(f"no platform port for {bot.type}")


def self_left(event: Event) -> bool:
    """The bot's own account left the group, or was removed from it."""
    reader = _reader(event)
    return reader.self_left(event) if reader else False


def friend_request_of(event: Event) -> FriendRequest | None:
    reader = _reader(event)
    return reader.friend_request_of(event) if reader else None


def join_request_of(event: Event) -> JoinRequest | None:
    """A request to join a group; None for anything else (an invitation of the bot itself)."""
    reader = _reader(event)
    return reader.join_request_of(event) if reader else None


def member_joined(event: Event) -> MemberChange | None:
    reader = _reader(event)
    return reader.member_joined(event) if reader else None


def member_left(event: Event) -> MemberChange | None:
    """A member left or was removed; the bot's own removal too, as its user_id."""
    reader = _reader(event)
    return reader.member_left(event) if reader else None


def card_changed(event: Event) -> CardChange | None:
    reader = _reader(event)
    return reader.card_changed(event) if reader else None


def posted_of(event: Event) -> Posted | None:
    """A message posted in a group; None for anything else (NapCat's message_sent included)."""
    reader = _reader(event)
    return reader.posted_of(event) if reader else None


def upload_of(event: Event) -> Upload | None:
    """A group file upload (QQ's group files; Telegram has none)."""
    reader = _reader(event)
    return reader.upload_of(event) if reader else None
