"""Commands: one canonical Traditional name, with its Simplified form and a Latin alias."""

from collections.abc import Awaitable, Callable

from nonebot.adapters import Bot, Event
from nonebot.matcher import Matcher

from core import dispatch, runtime
from core.duties import BY_KEY, unbound
from core.script import to_simplified
from core.send import reply


def aliases(canonical: str, latin: str) -> set[str | tuple[str, ...]]:
    """`/交接管理員` is also `/交接管理员` and `/handover`."""
    names: set[str | tuple[str, ...]] = {to_simplified(canonical), latin}
    return names - {canonical}


# Every command's Latin alias, canonical name and duty, in the order made: the menu a platform
# that takes only Latin command names offers (Telegram's setMyCommands).
_menu: dict[str, tuple[str, str | None]] = {}


def command(canonical: str, latin: str, duty: str | None = None) -> type[Matcher]:
    """The command's matcher; with `duty`, one that runs only where the rulebook binds that duty
    (elsewhere it says the duty does not apply, before any of the plugin's handlers)."""
    _menu[latin] = (canonical, duty)
    matcher = dispatch.on_command({canonical, *aliases(canonical, latin)}, _depth=1)
    if duty is not None:
        matcher.append_handler(_bound_to(duty))
    return matcher


def _bound_to(duty: str) -> Callable[[Bot, Event, Matcher], Awaitable[None]]:
    name = BY_KEY[duty].name  # an unknown duty fails here, as the plugin loads

    async def bound(bot: Bot, event: Event, matcher: Matcher) -> None:
        if not runtime.rulebook().binds(duty):
            await reply(bot, event, unbound(name))
            await matcher.finish()

    return bound


def menu() -> list[tuple[str, str]]:
    """(Latin alias, canonical name) of every command that applies under the rulebook in force."""
    book = runtime.rulebook()
    return [
        (latin, canonical)
        for latin, (canonical, duty) in _menu.items()
        if duty is None or book.binds(duty)
    ]
