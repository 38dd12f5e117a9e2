"""/撤銷備案 (COMMANDS.md): the department, or the leader of the group's unit, undoes a filing.

A group filed under a unit it does not belong to (anyone who is a platform admin of a group may
file it under any unit) is undone here: the group becomes 已撤銷, its registered admins stop
being so, the duties stop, and only the department may file it again.
"""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args
from core import runtime
from core.accounts import serving
from core.commands import command
from core.org import accounts_of
from core.people import on, to_org_people
from core.send import reply, to_group
from models.registry import GroupStatus
from plugins.registry import store, texts
from plugins.registry.access import allowed, answer
from plugins.registry.parse import parse_decision
from plugins.registry.people import department_accounts
from plugins.registry.roles import EVERYONE, LEADERS, Role, decides_for_unit, roles_in_event

revoke_cmd = command("撤銷備案", "unfile")


@revoke_cmd.handle()
async def _revoke(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    department = Role.DEPARTMENT in await roles_in_event(bot, event)
    org = runtime.org()
    led = [unit.name for unit in org.units_led_by(sender.platform, sender.user_id)]
    if not department and not led:
        await answer(matcher, bot, event, texts.refused([r.value for r in LEADERS]))
    decision = parse_decision(parse_args(arg).words, sender.group_id, needs_reason=True)
    if decision is None:
        await answer(matcher, bot, event, texts.USAGE_REVOKE)
    if len(decision.reason) > 200:
        await answer(matcher, bot, event, texts.REASON_TOO_LONG)
    group = await store.find_group(sender.platform, decision.group_id)
    if group is None:
        await answer(matcher, bot, event, texts.UNKNOWN_GROUP.format(group_id=decision.group_id))
    unit = group.unit.name
    if not decides_for_unit(department=department, led_units=led, unit=unit):
        await answer(matcher, bot, event, texts.revoke_other_unit(group.group_id, unit))
    if group.status in (GroupStatus.REJECTED, GroupStatus.REVOKED):
        await answer(matcher, bot, event, texts.not_revocable(group.group_id, group.status.value))
    admins = await store.revoke(group, by=sender.user_id, reason=decision.reason)
    platform = serving(bot, group.group_id)
    await to_group(platform, group.group_id, texts.revoked_in_group(decision.reason))
    found = org.unit(unit)
    leaders = accounts_of(found.leaders) if found else ()
    told = [*on(group.platform, admins), *department_accounts(), *leaders]
    notice = texts.revoked_notice(group.group_id, unit, sender.user_id, decision.reason)
    await to_org_people(platform, told, notice, leaving_out=on(sender.platform, [sender.user_id]))
    if sender.group_id != group.group_id:
        await reply(bot, event, texts.revoked_for_you(group.group_id))
