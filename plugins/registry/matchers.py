"""The registry's commands (COMMANDS.md): filing, decisions, the profile, duties, rules, done."""

from datetime import datetime
from zoneinfo import ZoneInfo

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import Args, capabilities, parse_args, platform_for
from adapters.port import GroupInfo
from core import runtime
from core.commands import command
from core.duties import unbound
from core.org import accounts_of
from core.people import to_org_people
from core.send import reply
from models.registry import GroupStatus, GroupType
from plugins.registry import activity, decisions, rules_view, store, texts
from plugins.registry.abilities import NOTICES, limits
from plugins.registry.access import allowed, answer, filed_group, group_port, in_group, named_group
from plugins.registry.duties import DUTIES, find_duty
from plugins.registry.grade import grade_of
from plugins.registry.parse import parse_decision, parse_file
from plugins.registry.people import department_accounts, shown_names
from plugins.registry.platforms import label
from plugins.registry.roles import (
    ADMINS,
    DEPARTMENT_ONLY,
    EVERYONE,
    FILERS,
    Role,
    roles_in_event,
)
from plugins.scanner.redact import free_text, redact

file_cmd = command("備案", "register")


def _local_day(at: datetime) -> str:
    """The date of a stored (UTC) time as the street sees it."""
    return f"{at.astimezone(ZoneInfo(runtime.org().street.timezone)):%Y-%m-%d}"


@file_cmd.handle()
async def _file(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, FILERS)
    group_id = await in_group(matcher, bot, event, sender)
    parsed = parse_file(parse_args(arg).words)
    if parsed is None:
        await answer(matcher, bot, event, texts.USAGE_FILE)
    org = runtime.org()
    unit = org.unit(parsed.unit)
    if unit is None:
        await answer(
            matcher,
            bot,
            event,
            texts.unknown_unit(redact(parsed.unit), [u.name for u in org.units]),
        )
    if len(parsed.purpose) > 200:
        await answer(matcher, bot, event, texts.PURPOSE_TOO_LONG)
    existing = await store.find_group(sender.platform, group_id)
    if existing is not None and existing.status == GroupStatus.REVOKED:
        if Role.DEPARTMENT not in await roles_in_event(bot, event):
            await answer(matcher, bot, event, texts.REVOKED_REFILE)
    elif existing is not None and existing.status != GroupStatus.REJECTED:
        await answer(matcher, bot, event, texts.already_filed(existing.status.value))
    platform = platform_for(bot)
    info = await platform.group(group_id)
    group = await store.file_group(
        platform=sender.platform,
        group_id=group_id,
        name=info.name if isinstance(info, GroupInfo) else "",
        unit_name=unit.name,
        group_type=parsed.group_type,
        purpose=parsed.purpose,
        filer=sender.user_id,
        member_count=info.member_count if isinstance(info, GroupInfo) else 0,
    )
    public = parsed.group_type == GroupType.PUBLIC
    if public:
        await reply(bot, event, texts.filed_public(unit.name))
        notice = texts.department_pending(group.name, group_id, unit.name, parsed.purpose)
    else:
        await reply(bot, event, texts.filed_internal(unit.name))
        notice = texts.department_filed(group.name, group_id, unit.name)
    await to_org_people(platform, department_accounts(), notice, about=group_id)
    # The unit's leaders hear of every group filed under their unit, and may undo it.
    leader_notice = texts.leader_filed(group.name, group_id, unit.name, sender.user_id, public)
    await to_org_people(platform, accounts_of(unit.leaders), leader_notice, about=group_id)


async def _decide(bot: Bot, event: Event, matcher: Matcher, args: Args, *, approve: bool) -> None:
    sender = await allowed(matcher, bot, event, DEPARTMENT_ONLY)
    decision = parse_decision(args.words, sender.group_id, needs_reason=not approve)
    if decision is None:
        await answer(matcher, bot, event, texts.USAGE_APPROVE if approve else texts.USAGE_REJECT)
    group = await named_group(matcher, bot, event, sender, decision)
    problem = decisions.refusal(group, decision.group_id, decision.reason)
    if problem is not None or group is None:
        await answer(matcher, bot, event, problem or "")
    platform = await group_port(matcher, bot, event, group)
    await decisions.decide(
        platform, group, approve=approve, by=sender.user_id, reason=decision.reason
    )
    if (sender.platform, sender.group_id) != (group.platform, group.group_id):
        await reply(bot, event, texts.decided_for_department(group.group_id, approve))


approve_cmd = command("批准", "approve")
reject_cmd = command("駁回", "reject")


@approve_cmd.handle()
async def _approve(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    await _decide(bot, event, matcher, parse_args(arg), approve=True)


@reject_cmd.handle()
async def _reject(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    await _decide(bot, event, matcher, parse_args(arg), approve=False)


profile_cmd = command("群檔案", "profile")


@profile_cmd.handle()
async def _profile(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    group = await filed_group(matcher, bot, event, sender)
    platform = platform_for(bot)
    info = await platform.group(group.group_id)
    members = info.member_count if isinstance(info, GroupInfo) else group.member_count
    on = await store.enabled_duties(group.platform, group.group_id)
    admins = await shown_names(platform, group.group_id, await store.admin_ids(group))
    finished = None
    if group.finished_at is not None:
        finished = f"{_local_day(group.finished_at)} {group.finished_reason}".strip()
    await answer(
        matcher,
        bot,
        event,
        texts.profile(
            unit=group.unit.name,
            group_type=group.type.value,
            status=group.status.value,
            grade=grade_of(group.type, members, await activity.messages_7d(group)),
            admins=admins,
            duties_on=[d.name for d in DUTIES if d.key in on],
            duties_off=[d.name for d in DUTIES if d.bound and d.key not in on],
            purpose=group.purpose,
            finished=finished,
        ),
    )


duties_cmd = command("功能", "duties")
enable_cmd = command("開啟", "enable")
disable_cmd = command("關閉", "disable")


@duties_cmd.handle()
async def _duties(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    group = await filed_group(matcher, bot, event, sender)
    on = await store.enabled_duties(group.platform, group.group_id)
    can, shown = capabilities(group.platform), label(group.platform)
    lines: list[str] = []
    for d in DUTIES:
        if not d.bound:  # never on, whatever a switch says
            lines.append(texts.unbound_line(d))
            continue
        lines += [texts.duty_line(d, d.key in on), *texts.limit_lines(shown, limits(d.key, can))]
    await answer(matcher, bot, event, texts.duties(lines))


async def _switch(bot: Bot, event: Event, matcher: Matcher, arg: Message, enabled: bool) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    words = parse_args(arg).words
    if len(words) != 1:
        await answer(matcher, bot, event, texts.USAGE_SWITCH)
    duty = find_duty(words[0])
    if duty is None:
        await answer(matcher, bot, event, texts.unknown_duty(redact(words[0])))
    if not duty.bound:
        await answer(matcher, bot, event, unbound(duty.name))
    await store.switch(group, duty.key, enabled, sender.user_id)
    await answer(matcher, bot, event, texts.switched(duty, enabled))


@enable_cmd.handle()
async def _enable(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    await _switch(bot, event, matcher, arg, True)


@disable_cmd.handle()
async def _disable(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    await _switch(bot, event, matcher, arg, False)


rules_cmd = command("群規", "rules")


@rules_cmd.handle()
async def _rules(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    group = None
    if sender.group_id is not None:
        group = await store.find_group(sender.platform, sender.group_id)
    on = None  # the switchable duties on, in a filed group (not one whose filing was revoked)
    if group is not None and group.status != GroupStatus.REVOKED:
        on = await store.enabled_duties(group.platform, group.group_id)
    can, shown = capabilities(sender.platform), label(sender.platform)
    if on is None:
        tail = [texts.RULES_NOT_FILED if group is None else texts.RULES_REVOKED]
    else:
        off = [d.name for d in DUTIES if d.bound and d.key not in on]
        tail = [texts.RULES_OFF.format(names="、".join(off))] if off else []
    tail += texts.rules_limits(shown, limits(NOTICES, can), indent="　")
    filed, here = on is not None, on or frozenset()
    reply_text = rules_view.rules_reply(
        runtime.rulebook(),
        lambda duty: rules_view.state_in(duty, filed, here),
        lambda duty: limits(duty, can),
        shown,
        tail,
    )
    await answer(matcher, bot, event, reply_text)


done_cmd = command("任務完結", "done")


@done_cmd.handle()
async def _done(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    reason = free_text(parse_args(arg).words)
    if len(reason) > 200:
        await answer(matcher, bot, event, texts.REASON_TOO_LONG)
    if group.finished_at is not None:
        await answer(
            matcher, bot, event, texts.ALREADY_FINISHED.format(when=_local_day(group.finished_at))
        )
    await store.mark_finished(group, reason)
    await reply(bot, event, texts.finished(reason))
    org = runtime.org()
    unit = org.unit(group.unit.name)
    leaders = accounts_of(unit.leaders) if unit else ()
    await to_org_people(
        platform_for(bot),
        [*leaders, *department_accounts()],
        texts.department_finished(group.group_id, group.unit.name, reason),
        about=group.group_id,
    )
