"""/清理檢查 and /清理確認 (COMMANDS.md): registered admins check now and confirm a batch.

/清理確認 works in the batch's group, or in a private chat with the bot (where the list arrives),
for anyone who may act as a registered admin of the batch's group.
"""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.actions import Refused
from adapters.events import Sender, parse_args, platform_for
from core import runtime
from core.commands import command
from core.people import on
from core.send import reply
from models.clearance import ClearanceBatch
from models.registry import Group
from plugins.clearance import store, texts
from plugins.clearance.candidates import sweep
from plugins.clearance.confirm import carry, plan_removals
from plugins.clearance.facts import DUTY, gather
from plugins.clearance.parse import parse_batch
from plugins.clearance.weekly import check, send_list
from plugins.measures.escalation import Level
from plugins.measures.service import escalate
from plugins.realname.wording import street_time
from plugins.registry import store as registry
from plugins.registry import texts as registry_texts
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS, EVERYONE, roles_of

check_cmd = command("清理檢查", "sweep", duty=DUTY)


@check_cmd.handle()
async def _check(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    if DUTY not in await registry.enabled_duties(group.platform, group.group_id):
        await answer(matcher, bot, event, texts.DUTY_OFF)
    platform = platform_for(bot)
    members = await platform.members(group.group_id)
    if isinstance(members, Refused):
        await answer(matcher, bot, event, texts.members_unreadable(str(members)))
    checked = await check(platform, group, members, store.now(), opened_by=sender.user_id)
    result = checked.result
    if result.remove or result.kept:
        await send_list(platform, on(sender.platform, [sender.user_id]), group, checked, week="")
    number = checked.batch.id if checked.batch is not None else None
    said = texts.check_reply(
        result.total,
        len(result.remove),
        result.counts(),
        number,
        checked.silent_days,
        known_only=not platform.can.list_members,
    )
    await answer(matcher, bot, event, said)


confirm_cmd = command("清理確認", "sweep_confirm", duty=DUTY)


async def _may_confirm(bot: Bot, event: Event, sender: Sender, group: Group) -> bool:
    """A registered admin of `group`, its unit's leader, or the department."""
    held = roles_of(
        sender.platform,
        sender.user_id,
        superuser=runtime.is_superuser(sender.platform, sender.user_id),
        platform_role=None,
        org=runtime.org(),
        group_unit=group.unit.name,
        registered=await registry.admin_ids(group),
    )
    return bool(held & set(ADMINS))


async def _batch_for(
    matcher: Matcher, bot: Bot, event: Event, sender: Sender, number: int
) -> ClearanceBatch:
    """The batch, when the sender may confirm it where they typed; else the answer and the end."""
    batch = await store.find_batch(number)
    here = sender.group_id
    if batch is None or (here is not None and batch.group.group_id != here):
        await answer(matcher, bot, event, texts.unknown_batch(number))
    if not await _may_confirm(bot, event, sender, batch.group):
        await answer(matcher, bot, event, registry_texts.refused([r.value for r in ADMINS]))
    return batch


@confirm_cmd.handle()
async def _confirm(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    number = parse_batch(parse_args(arg).words)
    if number is None:
        await answer(matcher, bot, event, texts.USAGE_CONFIRM)
    batch = await _batch_for(matcher, bot, event, sender, number)
    group = batch.group
    if DUTY not in await registry.enabled_duties(group.platform, group.group_id):
        await answer(matcher, bot, event, texts.DUTY_OFF)
    at = store.now()
    if batch.confirmed_at is not None:
        when = street_time(batch.confirmed_at)
        await answer(matcher, bot, event, texts.already_confirmed(batch.id, when))
    if at >= batch.expires_at:
        await answer(
            matcher, bot, event, texts.expired_batch(batch.id, street_time(batch.expires_at))
        )
    platform = platform_for(bot)
    members = await platform.members(group.group_id)
    if isinstance(members, Refused):
        await answer(matcher, bot, event, texts.members_unreadable(str(members)))
    facts = await gather(platform, group, members, at)
    plan = plan_removals(await store.items_of(batch), sweep(facts))
    if not await store.claim_confirmation(batch, sender.user_id, at):
        await answer(matcher, bot, event, texts.already_confirmed(batch.id, street_time(at)))
    if not plan.remove:
        await answer(matcher, bot, event, texts.nothing_left(batch.id, plan.skipped))
    await reply(bot, event, texts.confirm_started(batch.id, len(plan.remove), plan.skipped))
    removed, failed = await carry(platform, group, batch, plan, sender.user_id, facts.silent_days)
    if removed:
        notice = texts.leader_cleared(
            group.unit.name, group.group_id, batch.id, removed, sender.user_id
        )
        await escalate(platform, group.unit.name, [Level.UNIT], notice)
    await answer(matcher, bot, event, texts.confirm_done(batch.id, removed, failed))
