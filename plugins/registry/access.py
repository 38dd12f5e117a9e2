"""The opening steps every command shares: who is asking, may they, and in which filed group."""

from typing import NoReturn

from nonebot.adapters import Bot, Event
from nonebot.matcher import Matcher

from adapters.events import Sender, sender_of
from core.send import reply
from models.registry import Group
from plugins.registry import store, texts
from plugins.registry.roles import Role, holding


async def answer(matcher: Matcher, bot: Bot, event: Event, message: str) -> NoReturn:
    """Reply where the command came from, and end the handler."""
    await reply(bot, event, message)
    await matcher.finish()


async def allowed(matcher: Matcher, bot: Bot, event: Event, roles: tuple[Role, ...]) -> Sender:
    """The sender, once they hold one of `roles`; otherwise a one-line refusal and the end."""
    sender = sender_of(event)
    if sender is None:
        await matcher.finish()
    if not await holding(*roles)(bot, event):
        await answer(matcher, bot, event, texts.refused([r.value for r in roles]))
    return sender


async def in_group(matcher: Matcher, bot: Bot, event: Event, sender: Sender) -> int:
    if sender.group_id is None:
        await answer(matcher, bot, event, texts.NOT_IN_GROUP)
    return sender.group_id


async def filed_group(matcher: Matcher, bot: Bot, event: Event, sender: Sender) -> Group:
    group_id = await in_group(matcher, bot, event, sender)
    group = await store.find_group(sender.platform, group_id)
    if group is None:
        await answer(matcher, bot, event, texts.NOT_FILED)
    return group
