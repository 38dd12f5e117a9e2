"""The privacy duty's matchers: every group message, and the `/隱私選項` command.

The message matcher runs where the duty is on, after the confidential duty (priority 5 after 4)
and before the commands (10), and never blocks. A message another duty already recalled (a marker
and an ID number together) is left alone: it is gone, and the group was told once.
"""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args, platform_for, posted_of
from core.commands import command
from core.dispatch import on_message
from plugins.privacy import store, texts
from plugins.privacy.act import withdraw
from plugins.privacy.decide import OPTION_NAMES, asks_about_phones, judge, parse_option
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS
from plugins.registry.rules import duty_on
from plugins.scanner.service import found, scan_message

DUTY = "privacy"
PRIORITY = 5

personal_data = on_message(found(duty_on(DUTY), "privacy"), priority=PRIORITY)


@personal_data.handle()
async def _message(bot: Bot, event: Event) -> None:
    posted = posted_of(event)
    if posted is None or posted.from_self:
        return
    result = await scan_message(bot, event)
    if result is None:
        return
    phones = asks_about_phones(result.findings) and await store.option_on(
        posted.platform, posted.group_id, "phone"
    )
    exposed = judge(result.pieces, result.findings, phones=phones)
    if exposed is None or not result.claim_recall(DUTY):
        return
    await withdraw(platform_for(bot), exposed, posted)


option_cmd = command("隱私選項", "privacy_option", duty=DUTY)


@option_cmd.handle()
async def _option(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    words = parse_args(arg).words
    if not words:
        states = {o: await store.option_on(group.platform, group.group_id, o) for o in OPTION_NAMES}
        await answer(matcher, bot, event, texts.option_state(states))
    change = parse_option(words)
    if change is None:
        await answer(matcher, bot, event, texts.USAGE_OPTION)
    await store.set_option(group, change.option, change.enabled, sender.user_id)
    await answer(matcher, bot, event, texts.option_switched(change.option, change.enabled))
