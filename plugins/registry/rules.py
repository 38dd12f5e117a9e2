"""The check every duty plugin puts on its matchers: the duty is on in this (filed) group."""

from nonebot.adapters import Bot, Event

from adapters.events import group_of
from core.dispatch import Check
from plugins.registry import store
from plugins.registry.duties import BY_KEY


def duty_on(duty: str) -> Check:
    """Passes events from a filed group where `duty` is switched on."""
    if duty not in BY_KEY:
        raise ValueError(f"unknown duty {duty!r}")

    async def check(bot: Bot, event: Event) -> bool:
        where = group_of(event)
        return where is not None and duty in await store.enabled_duties(*where)

    return check
