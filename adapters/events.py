"""Platform-neutral views of incoming events, and the platform behind a bot.

Plugins read events through these functions, never through a platform's event classes.
"""

from dataclasses import dataclass

from nonebot.adapters import Bot, Event, Message
from nonebot.adapters.onebot.v11 import Bot as OneBotBot
from nonebot.adapters.onebot.v11 import Event as OneBotEvent
from nonebot.adapters.onebot.v11 import GroupMessageEvent, MessageEvent

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


# One limiter per bot account, kept across reconnects (a new connection is a new Bot object).
_limiters: dict[str, Limiter] = {}


def platform_for(bot: Bot) -> Platform:
    """The paced platform port for this bot connection."""
    from adapters.onebot import OneBotPlatform
    from core import runtime

    if not isinstance(bot, OneBotBot):
        raise TypeError(f"no platform port for {bot.type}")
    key = f"{bot.type}:{bot.self_id}"
    if key not in _limiters:
        s = runtime.settings()
        _limiters[key] = Limiter(
            s.qungui_send_per_second, s.qungui_manage_per_second, s.qungui_backoff_seconds
        )
    return OneBotPlatform(bot, _limiters[key])
