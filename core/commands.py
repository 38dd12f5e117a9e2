"""Commands: one canonical Traditional name, with its Simplified form and a Latin alias."""

from nonebot.matcher import Matcher

from core import dispatch
from core.script import to_simplified


def aliases(canonical: str, latin: str) -> set[str | tuple[str, ...]]:
    """`/交接管理員` is also `/交接管理员` and `/handover`."""
    names: set[str | tuple[str, ...]] = {to_simplified(canonical), latin}
    return names - {canonical}


# Every command's Latin alias and canonical name, in the order made: the menu a platform that
# takes only Latin command names offers (Telegram's setMyCommands).
_menu: dict[str, str] = {}


def command(canonical: str, latin: str) -> type[Matcher]:
    _menu[latin] = canonical
    return dispatch.on_command({canonical, *aliases(canonical, latin)}, _depth=1)


def menu() -> list[tuple[str, str]]:
    """(Latin alias, canonical name) of every command."""
    return list(_menu.items())
