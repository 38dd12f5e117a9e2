"""/舉報 (COMMANDS.md): a member reports the message they reply to, privately, to the admins.

Nothing is said in the group: the admins get a reference (message id, sender, masked excerpt),
the reporter a private thank-you, and a malformed call its usage line, privately too.
"""

from typing import NoReturn

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args, platform_for, quoted_by, sender_of
from adapters.port import Platform
from core import runtime
from core.commands import command
from core.people import on, to_org_people
from core.send import to_people, to_person
from plugins.measures import texts
from plugins.measures.escalation import Level, recipients
from plugins.registry import store
from plugins.scanner.redact import free_text, mask_term

report_cmd = command("舉報", "report")


async def _privately(matcher: Matcher, platform: Platform, user_id: int, message: str) -> NoReturn:
    await to_person(platform, user_id, message)
    await matcher.finish()


@report_cmd.handle()
async def _report(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = sender_of(event)
    if sender is None or sender.group_id is None:
        await matcher.finish()
    platform = platform_for(bot)
    quoted = quoted_by(event)
    if quoted is None:
        await _privately(matcher, platform, sender.user_id, texts.USAGE_REPORT)
    group = await store.find_group(sender.platform, sender.group_id)
    if group is None:
        await _privately(matcher, platform, sender.user_id, texts.REPORT_NOT_FILED)
    note = free_text(parse_args(arg).words)
    if len(note) > 200:
        await _privately(matcher, platform, sender.user_id, texts.NOTE_TOO_LONG)
    unit = group.unit.name
    left_out = {sender.user_id, quoted.sender_id}
    admins = [a for a in await store.admin_ids(group) if a not in left_out]
    notice = texts.report_notice(
        group.group_id,
        unit,
        sender.user_id,
        quoted.message_id,
        quoted.sender_id,
        mask_term(quoted.text),
        note,
    )
    if admins:
        await to_people(platform, admins, notice, about=group.group_id)
    else:
        leaders = recipients(runtime.org(), unit, [Level.UNIT])
        them = on(platform.name, (u for u in left_out if u is not None))
        await to_org_people(platform, leaders, notice, about=group.group_id, leaving_out=them)
    await _privately(matcher, platform, sender.user_id, texts.REPORT_THANKS)
