"""The admins' own measures (COMMANDS.md): /警告 /禁言 /解禁 /移出 /記錄, all through the service."""

from dataclasses import dataclass
from functools import cached_property
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
from plugins.measures.articles import MEASURES, manual_article
from plugins.measures.authority import mute_seconds
from plugins.measures.escalation import Level
from plugins.measures.measure import Measure
from plugins.measures.parse import parse_duration, parse_target
from plugins.measures.service import carry_out, escalate
from plugins.measures.wording import older_titles, record_line
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS, is_protected
from plugins.scanner.redact import free_text


@dataclass(frozen=True)
class Order:
    """An admin's command on a member of a filed group, checked (every refusal already answered)."""

    group: Group
    actor: int
    target: int
    rest: tuple[str, ...]  # the words after the mention: a duration, a reason

    @cached_property
    def reason(self) -> str:
        """The words after the target, as the bot may post and keep them (redacted, once)."""
        return self.reason_after(0)

    def reason_after(self, skip: int) -> str:
        """The words after the target and `skip` more (a duration), redacted."""
        return free_text(self.rest[skip:])


async def admin_order(
    matcher: Matcher,
    bot: Bot,
    event: Event,
    arg: Message,
    usage: str,
    *,
    protect: bool = True,
) -> Order:
    """Who may order it (an admin), where (a filed group), on whom: not the admin, not the bot,
    and (`protect`) not the department's staff, a unit leader or a superuser. Whether the
    rulebook provides for it is the command's (`duty=`: lifting a measure always is)."""
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    targeted = parse_target(parse_args(arg))
    if targeted is None:
        await answer(matcher, bot, event, usage)
    if targeted.target in (sender.user_id, int(bot.self_id)):
        await answer(matcher, bot, event, texts.NOT_SELF)
    if protect and is_protected(sender.platform, targeted.target, bot.self_id):
        await answer(matcher, bot, event, texts.PROTECTED_TARGET)
    if len(" ".join(targeted.rest)) > 200:
        await answer(matcher, bot, event, texts.REASON_TOO_LONG)
    return Order(group, sender.user_id, targeted.target, tuple(targeted.rest))


def by_admin(order: Order, kind: str, action: Action | None, reason: str, **detail: Any) -> Measure:
    """The measure an admin ordered, under the measures duty's article."""
    return Measure.in_group(
        order.group,
        kind=kind,
        article=manual_article(),
        action=action,
        target=order.target,
        actor=order.actor,
        reason=reason,
        detail=detail,
    )


async def _done_or_refused(matcher: Matcher, bot: Bot, event: Event, record: MeasureRecord) -> None:
    if record.status != RecordStatus.DONE:
        await answer(matcher, bot, event, texts.platform_refused(record.platform_answer))


async def _tell_leader(bot: Bot, group: Group, what: str, actor: int) -> None:
    notice = texts.leader_notice(group.group_id, group.unit.name, what, actor)
    await escalate(platform_for(bot), group.unit.name, [Level.UNIT], notice, about=group.group_id)


warn_cmd = command("警告", "warn", duty=MEASURES)


@warn_cmd.handle()
async def _warn(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    o = await admin_order(matcher, bot, event, arg, texts.USAGE_WARN, protect=False)
    platform = platform_for(bot)
    await carry_out(platform, by_admin(o, "warning", None, o.reason))
    await to_group(platform, o.group.group_id, (Mention(o.target), Text(texts.warned(o.reason))))


mute_cmd = command("禁言", "mute", duty=MEASURES)


@mute_cmd.handle()
async def _mute(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    o = await admin_order(matcher, bot, event, arg, texts.USAGE_MUTE)
    seconds = parse_duration(o.rest[0]) if o.rest else None
    if seconds is None:
        await answer(matcher, bot, event, texts.USAGE_MUTE)
    reason = o.reason_after(1)
    platform = platform_for(bot)
    seconds = mute_seconds(seconds, platform.can)
    mute = Mute(o.group.group_id, o.target, seconds)
    record = await carry_out(platform, by_admin(o, "mute", mute, reason, seconds=seconds))
    await _done_or_refused(matcher, bot, event, record)
    await to_group(
        platform, o.group.group_id, (Mention(o.target), Text(texts.muted(seconds, reason)))
    )
    await _tell_leader(bot, o.group, texts.what_muted(seconds, reason), o.actor)


unmute_cmd = command("解禁", "unmute")


@unmute_cmd.handle()
async def _unmute(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    o = await admin_order(matcher, bot, event, arg, texts.USAGE_UNMUTE, protect=False)
    platform = platform_for(bot)
    unmute = Unmute(o.group.group_id, o.target)
    record = await carry_out(platform, by_admin(o, "unmute", unmute, ""))
    await _done_or_refused(matcher, bot, event, record)
    await to_group(platform, o.group.group_id, (Mention(o.target), Text(texts.UNMUTED)))


kick_cmd = command("移出", "kick", duty=MEASURES)


@kick_cmd.handle()
async def _kick(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    o = await admin_order(matcher, bot, event, arg, texts.USAGE_KICK)
    platform = platform_for(bot)
    kick = Kick(o.group.group_id, o.target)
    record = await carry_out(platform, by_admin(o, "kick", kick, o.reason))
    await _done_or_refused(matcher, bot, event, record)
    await reply(bot, event, texts.kicked(o.reason))
    await _tell_leader(bot, o.group, texts.what_kicked(o.reason), o.actor)


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
    older = await older_titles(rows)
    lines = [texts.records_header(len(rows), group.group_id)]
    lines += [record_line(r, older) for r in rows]
    await to_person(
        platform_for(bot),
        sender.user_id,
        "\n".join(lines) if rows else texts.NO_RECORDS,
        about=group.group_id,
    )
    await answer(matcher, bot, event, texts.RECORDS_SENT)
