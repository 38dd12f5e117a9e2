"""The opening steps every command shares: who is asking, may they, and in which filed group."""

from typing import NoReturn

from nonebot.adapters import Bot, Event
from nonebot.matcher import Matcher

from adapters.events import Sender, sender_of
from adapters.port import Platform
from core.accounts import serving_in
from core.send import reply
from models.registry import Group
from plugins.registry import store, texts
from plugins.registry.parse import Decision
from plugins.registry.platforms import group_ref, label
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
        await answer(matcher, bot, event, texts.not_filed())
    return group


async def named_group(
    matcher: Matcher, bot: Bot, event: Event, sender: Sender, decision: Decision
) -> Group | None:
    """The group a decision names: the sender's own when it is the one they wrote in, else the
    filed group of that number on the platform named, or on any platform. A number filed on
    two platforms is ambiguous: the answer says how to name one, and the handler ends. None
    when no group of that number is filed."""
    platform = decision.platform
    if platform is None and decision.group_id == sender.group_id:
        platform = sender.platform
    found = await store.groups_numbered(decision.group_id, platform)
    if len(found) > 1:
        refs = [group_ref(g.platform, g.group_id) for g in found]
        shown = [f"{label(g.platform)}（{ref}）" for g, ref in zip(found, refs, strict=True)]
        await answer(matcher, bot, event, texts.ambiguous_group(decision.group_id, shown))
    return found[0] if found else None


async def group_port(matcher: Matcher, bot: Bot, event: Event, group: Group) -> Platform:
    """The account that works in `group` (on its own platform, whichever the command came
    from); without one connected here, the answer and the end."""
    port = serving_in(bot, group.platform, group.group_id)
    if port is None:
        await answer(matcher, bot, event, texts.no_account(label(group.platform)))
    return port
