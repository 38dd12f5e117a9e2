"""Sending the bot's own words: script conversion at the edge, segments always, paced always."""

from collections.abc import Awaitable, Callable, Iterable

from nonebot.adapters import Bot, Event

from adapters.actions import (
    Outcome,
    Refused,
    SendGroup,
    SendPrivate,
    SendPrivateFile,
    SendPrivateImage,
)
from adapters.events import platform_for, sender_of
from adapters.message import Mention, Outgoing, Part, Text
from adapters.port import Platform
from core import accounts, runtime
from core.reach import route
from core.script import in_script


def shown(message: Outgoing) -> Outgoing:
    """`message` in the deployment's script (texts are written in Traditional)."""
    script = runtime.settings().qungui_script
    return tuple(Text(in_script(p.text, script)) if isinstance(p, Text) else p for p in message)


def as_message(message: Outgoing | str) -> Outgoing:
    return (Text(message),) if isinstance(message, str) else message


async def to_group(platform: Platform, group_id: int, message: Outgoing | str) -> Outcome:
    return await platform.perform(SendGroup(group_id, shown(as_message(message))), key=group_id)


# Called for every private notice the platform would not deliver (the measures plugin records it).
Undelivered = Callable[[Platform, int, int | None, Refused], Awaitable[None]]
_undelivered: list[Undelivered] = []


def on_undelivered(hook: Undelivered) -> None:
    _undelivered.append(hook)


async def _privately(
    platform: Platform,
    user_id: int,
    about: int | None,
    action: SendPrivate | SendPrivateFile | SendPrivateImage,
) -> Outcome:
    outcome = await platform.perform(action, key=-user_id)
    if isinstance(outcome, Refused):
        for hook in _undelivered:
            await hook(platform, user_id, about, outcome)
    return outcome


async def _reaching(
    platform: Platform, user_id: int, about: int | None
) -> tuple[Platform, int | None]:
    """The account to write through and the group it goes via: `platform` when it is a friend
    of the person or shares a group with them, else another account of this process that does
    (several accounts: each reaches the people of its own groups)."""
    if not platform.can.private_via_group:
        return platform, None  # the platform writes to the person directly, or not at all
    others = accounts.local_platforms(platform.name)
    others.pop(platform.self_id, None)
    for port in (platform, *others.values()):
        via = await route(port, user_id, about)
        if via is not None or await port.is_friend(user_id):
            return port, via
    return platform, None  # the platform tries directly (an existing temporary session)


async def to_person(
    platform: Platform, user_id: int, message: Outgoing | str, *, about: int | None = None
) -> Outcome:
    """Tell one person privately; `about`, the group the notice concerns, is the first way
    tried to a non-friend (core.reach). A notice that does not arrive is recorded."""
    port, via = await _reaching(platform, user_id, about)
    action = SendPrivate(user_id, shown(as_message(message)), via)
    return await _privately(port, user_id, about, action)


async def to_people(
    platform: Platform,
    user_ids: Iterable[int],
    message: Outgoing | str,
    *,
    about: int | None = None,
) -> list[Outcome]:
    """Tell each person once, privately (duplicates dropped, order kept)."""
    return [await to_person(platform, u, message, about=about) for u in dict.fromkeys(user_ids)]


async def file_to_person(
    platform: Platform, user_id: int, path: str, name: str, *, about: int | None = None
) -> Outcome:
    port, via = await _reaching(platform, user_id, about)
    return await _privately(port, user_id, about, SendPrivateFile(user_id, path, name, via))


async def image_to_person(
    platform: Platform, user_id: int, path: str, *, about: int | None = None
) -> Outcome:
    port, via = await _reaching(platform, user_id, about)
    return await _privately(port, user_id, about, SendPrivateImage(user_id, path, via))


def mention_line(user_id: int, text: str) -> tuple[Part, ...]:
    return (Mention(user_id), Text(" " + text))


async def reply(bot: Bot, event: Event, message: Outgoing | str) -> Outcome:
    """Answer where the event came from: in its group, or privately."""
    sender = sender_of(event)
    if sender is None:
        raise ValueError("no sender to reply to")
    platform = platform_for(bot)
    if sender.group_id is not None:
        return await to_group(platform, sender.group_id, message)
    return await to_person(platform, sender.user_id, message)  # they wrote to the bot: reachable
