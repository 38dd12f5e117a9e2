"""/拉黑 and /解除黑名單 (COMMANDS.md): the street-wide blacklist, through the measures service.

Who may put an account on the list street-wide is in `roles.bans_street_wide`; a registered
admin's /拉黑 removes the account from the admin's group and files a request (listing.ask).
"""

from dataclasses import replace

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args, platform_for
from adapters.port import Platform
from core import runtime
from core.commands import command
from core.send import reply
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import blacklist, texts
from plugins.measures.articles import MEASURES, manual_article
from plugins.measures.commands import Order, admin_order, by_admin
from plugins.measures.escalation import Level
from plugins.measures.listing import ask, list_everywhere, remove_here
from plugins.measures.measure import Measure
from plugins.measures.parse import parse_target
from plugins.measures.service import carry_out, escalate
from plugins.registry import texts as registry_texts
from plugins.registry.access import allowed, answer
from plugins.registry.roles import EVERYONE, LEADERS, Role, bans_street_wide, roles_in_event
from plugins.scanner.redact import free_text

ban_cmd = command("拉黑", "ban", duty=MEASURES)


@ban_cmd.handle()
async def _ban(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    o = await admin_order(matcher, bot, event, arg, texts.USAGE_BAN)
    platform = platform_for(bot)
    measure = by_admin(o, blacklist.BLACKLIST, None, o.reason)
    if bans_street_wide(await roles_in_event(bot, event)):
        await _list_now(bot, event, platform, o, measure)
    elif await blacklist.active(o.group.platform, o.target) is not None:
        listed = replace(measure, detail={"blacklisted": True})
        record = await remove_here(platform, o.group, listed)
        await reply(bot, event, texts.listed_already(_done(record)))
    else:
        asked = await ask(platform, o.group, measure, o.actor)
        said = (
            texts.request_filed(asked.request.id, o.reason, asked.removed_here)
            if asked.new
            else texts.request_already(asked.request.id, asked.removed_here)
        )
        await reply(bot, event, said)


def _done(record: MeasureRecord | None) -> bool:
    return record is not None and record.status == RecordStatus.DONE


async def _list_now(bot: Bot, event: Event, platform: Platform, o: Order, measure: Measure) -> None:
    """The department's /拉黑, or a unit leader's in the unit's group: straight to the list."""
    group = o.group
    listed = await list_everywhere(platform, measure, first=group.group_id)
    here = listed.removed_in(group.group_id)
    await reply(
        bot,
        event,
        texts.banned(
            o.reason,
            removed_here=here,
            elsewhere=listed.removed - here,
            failed=listed.failed,
            already=listed.already,
        ),
    )
    notice = texts.ban_notice(
        group.group_id, group.unit.name, o.actor, o.target, o.reason, listed.removed, listed.failed
    )
    await escalate(platform, group.unit.name, [Level.UNIT, Level.STREET], notice)


unban_cmd = command("解除黑名單", "unban")


@unban_cmd.handle()
async def _unban(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    department = Role.DEPARTMENT in await roles_in_event(bot, event)
    led = [unit.name for unit in runtime.org().units_led_by(sender.platform, sender.user_id)]
    if not department and not led:
        await answer(matcher, bot, event, registry_texts.refused([r.value for r in LEADERS]))
    targeted = parse_target(parse_args(arg))
    if targeted is None or not targeted.rest:
        await answer(matcher, bot, event, texts.USAGE_UNBAN)
    reason = free_text(targeted.rest)
    if len(reason) > 200:
        await answer(matcher, bot, event, texts.REASON_TOO_LONG)
    entry = await blacklist.active(sender.platform, targeted.target)
    if entry is None:
        await answer(matcher, bot, event, texts.NOT_LISTED)
    unit = await blacklist.unit_of(entry)
    if not blacklist.may_lift(department=department, led_units=led, entry_unit=unit):
        await answer(matcher, bot, event, texts.lift_other_unit(unit))
    record = await carry_out(
        platform_for(bot),
        Measure(
            kind=blacklist.UNBLACKLIST,
            article=manual_article(),
            action=None,
            group_id=entry.source_group,
            target=targeted.target,
            actor=sender.user_id,
            unit=unit,
            reason=reason,
            platform=sender.platform,
        ),
    )
    if record.status != RecordStatus.DONE:
        await answer(matcher, bot, event, texts.lift_failed(record.platform_answer))
    await answer(matcher, bot, event, texts.lifted(targeted.target, reason))
