"""The admins' own measures (COMMANDS.md): /警告 /禁言 /解禁 /移出 /記錄, all through the service."""

from typing import Any

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.actions import Action, Kick, Mute, Unmute
from adapters.events import parse_args, platform_for
from adapters.message import Mention, Text
from core.commands import command
from core.send import reply, to_group, to_person
from models.measures import MeasureRecord, RecordStatus
from models.registry import Group
from plugins.measures import texts
from plugins.measures.escalation import Level
from plugins.measures.measure import Measure
from plugins.measures.parse import Targeted, parse_duration, parse_target
from plugins.measures.service import carry_out, escalate
from plugins.measures.wording import record_line
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS

# Measures an admin takes by hand answer Art. 10's ladder (警告、限制發言、清移出群).
MANUAL_ARTICLE = 10


async def target_of(
    matcher: Matcher, bot: Bot, event: Event, arg: Message, usage: str, actor: int
) -> Targeted:
    targeted = parse_target(parse_args(arg))
    if targeted is None:
        await answer(matcher, bot, event, usage)
    if targeted.target in (actor, int(bot.self_id)):
        await answer(matcher, bot, event, texts.NOT_SELF)
    if len(" ".join(targeted.rest)) > 200:
        await answer(matcher, bot, event, texts.REASON_TOO_LONG)
    return targeted


def _by_admin(
    group: Group,
    kind: str,
    actor: int,
    target: int,
    reason: str,
    action: Action | None,
    **detail: Any,
) -> Measure:
    return Measure.in_group(
        group,
        kind=kind,
        article=MANUAL_ARTICLE,
        action=action,
        target=target,
        actor=actor,
        reason=reason,
        detail=detail,
    )


async def _done_or_refused(matcher: Matcher, bot: Bot, event: Event, record: MeasureRecord) -> None:
    if record.status != RecordStatus.DONE:
        await answer(matcher, bot, event, texts.platform_refused(record.platform_answer))


async def _tell_leader(bot: Bot, group: Group, what: str, actor: int) -> None:
    notice = texts.leader_notice(group.group_id, group.unit.name, what, actor)
    await escalate(platform_for(bot), group.unit.name, [Level.UNIT], notice)


warn_cmd = command("警告", "warn")


@warn_cmd.handle()
async def _warn(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    t = await target_of(matcher, bot, event, arg, texts.USAGE_WARN, sender.user_id)
    reason = " ".join(t.rest)
    platform = platform_for(bot)
    await carry_out(platform, _by_admin(group, "warning", sender.user_id, t.target, reason, None))
    await to_group(platform, group.group_id, (Mention(t.target), Text(texts.warned(reason))))


mute_cmd = command("禁言", "mute")


@mute_cmd.handle()
async def _mute(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    t = await target_of(matcher, bot, event, arg, texts.USAGE_MUTE, sender.user_id)
    seconds = parse_duration(t.rest[0]) if t.rest else None
    if seconds is None:
        await answer(matcher, bot, event, texts.USAGE_MUTE)
    reason = " ".join(t.rest[1:])
    mute = Mute(group.group_id, t.target, seconds)
    platform = platform_for(bot)
    record = await carry_out(
        platform,
        _by_admin(group, "mute", sender.user_id, t.target, reason, mute, seconds=seconds),
    )
    await _done_or_refused(matcher, bot, event, record)
    await to_group(
        platform, group.group_id, (Mention(t.target), Text(texts.muted(seconds, reason)))
    )
    await _tell_leader(bot, group, texts.what_muted(seconds, reason), sender.user_id)


unmute_cmd = command("解禁", "unmute")


@unmute_cmd.handle()
async def _unmute(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    t = await target_of(matcher, bot, event, arg, texts.USAGE_UNMUTE, sender.user_id)
    platform = platform_for(bot)
    unmute = Unmute(group.group_id, t.target)
    record = await carry_out(
        platform, _by_admin(group, "unmute", sender.user_id, t.target, "", unmute)
    )
    await _done_or_refused(matcher, bot, event, record)
    await to_group(platform, group.group_id, (Mention(t.target), Text(texts.UNMUTED)))


kick_cmd = command("移出", "kick")


@kick_cmd.handle()
async def _kick(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    t = await target_of(matcher, bot, event, arg, texts.USAGE_KICK, sender.user_id)
    reason = " ".join(t.rest)
    platform = platform_for(bot)
    kick = Kick(group.group_id, t.target)
    record = await carry_out(
        platform, _by_admin(group, "kick", sender.user_id, t.target, reason, kick)
    )
    await _done_or_refused(matcher, bot, event, record)
    await reply(bot, event, texts.kicked(reason))
    await _tell_leader(bot, group, texts.what_kicked(reason), sender.user_id)


records_cmd = command("記錄", "records")


@records_cmd.handle()
async def _records(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    args = parse_args(arg)
    if len(args.mentions) > 1 or (
        args.words and not (len(args.words) == 1 and args.words[0].isdigit())
    ):
        await answer(matcher, bot, event, texts.USAGE_RECORDS)
    query = MeasureRecord.filter(group_id=group.group_id)
    if args.mentions or args.words:
        query = query.filter(target=args.mentions[0] if args.mentions else int(args.words[0]))
    rows = await query.order_by("-id").limit(30)
    lines = [texts.records_header(len(rows), group.group_id), *map(record_line, rows)]
    await to_person(
        platform_for(bot), sender.user_id, "\n".join(lines) if rows else texts.NO_RECORDS
    )
    await answer(matcher, bot, event, texts.RECORDS_SENT)
