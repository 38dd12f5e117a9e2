"""What the running bot was started with: its settings and organisation file.

`bot.py` installs them once at start-up; tests install their own.
"""

from dataclasses import dataclass

from core.org import Org
from core.settings import Settings


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    org: Org


_current: Runtime | None = None


def install(settings: Settings, org: Org) -> None:
    global _current
    _current = Runtime(settings, org)


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("qungui runtime not installed: bot.py installs it at start-up")
    return _current


def org() -> Org:
    return current().org


def settings() -> Settings:
    return current().settings


def organisation_people() -> frozenset[int]:
    """Everyone the organisation file names, and the superusers: no duty removes them."""
    return org().people() | frozenset(superusers())


def superusers() -> list[int]:
    """NoneBot's SUPERUSERS that are plain accounts (the department's own, beside its staff)."""
    import nonebot

    return [int(s) for s in nonebot.get_driver().config.superusers if s.isdigit()]
