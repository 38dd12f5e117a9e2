"""/保密選項: the group's choice for a forwarded bundle the scan could not read to its end."""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args
from core.commands import command
from plugins.confidential import store, texts
from plugins.confidential.options import UNREAD, parse_option, recalls_unread
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS

DUTY = "confidential"
option_cmd = command("保密選項", "confidential_option", duty=DUTY)


@option_cmd.handle()
async def _option(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    words = parse_args(arg).words
    kind = group.type.value
    if not words:
        own = await store.choice(group, UNREAD)
        state = texts.option_state(recalls_unread(own, group.type), own is not None, kind)
        await answer(matcher, bot, event, state)
    change = parse_option(words)
    if change is None:
        await answer(matcher, bot, event, texts.USAGE_OPTION)
    await store.set_choice(group, change.option, change.recall, sender.user_id)
    recall = recalls_unread(change.recall, group.type)
    await answer(
        matcher, bot, event, texts.option_switched(recall, change.recall is not None, kind)
    )
