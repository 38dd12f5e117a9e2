"""/交接管理員, /確認交接 and /管理員記錄 (COMMANDS.md): thin handlers over decide, store, complete."""

from datetime import datetime

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args, platform_for
from adapters.message import Mention, Text
from core import runtime
from core.commands import command
from core.send import to_group
from plugins.handover import store, texts
from plugins.handover.complete import finish
from plugins.handover.decide import (
    Refusal,
    confirm_verdict,
    outgoing,
    parse_open,
    refusal,
    street_time,
)
from plugins.handover.eligible import eligibility
from plugins.handover.history import history, people
from plugins.registry import store as registry
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.people import shown_names
from plugins.registry.roles import ADMINS, EVERYONE, Role, roles_in_event

MAX_HISTORY = 40  # lines shown in the group; earlier ones are counted
DUTY = "handover"

open_cmd = command("交接管理員", "handover", duty=DUTY)


def _local(at: datetime) -> str:
    return street_time(at, runtime.org().street.timezone)


@open_cmd.handle()
async def _open(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    parsed = parse_open(parse_args(arg))
    if parsed is None:
        await answer(matcher, bot, event, texts.USAGE_OPEN)
    active = await registry.admin_ids(group)
    department = Role.DEPARTMENT in await roles_in_event(bot, event)
    refused = refusal(parsed, department=department, bot_id=int(bot.self_id), active=active)
    if refused is not None:
        await answer(matcher, bot, event, texts.REFUSALS[refused])
    old = outgoing(parsed, sender.user_id, active)
    if isinstance(old, Refusal):
        await answer(matcher, bot, event, texts.REFUSALS[old])
    platform = platform_for(bot)
    found = await eligibility(platform, group, parsed.new)
    if found.failed:
        shown = texts.checks_failed(
            found.failed,
            found.rules.rule.display,
            found.rules.example(group.unit.name),
            cards=platform.can.set_card,
        )
        await answer(matcher, bot, event, shown)
    handover, cancelled = await store.open_handover(
        group,
        from_admin=old,
        to_admin=parsed.new,
        opened_by=sender.user_id,
        reason=parsed.reason,
        forced=parsed.force,
        at=store.now(),
    )
    if parsed.force:
        await finish(platform, group, handover, sender.user_id)
        await matcher.finish()
    said = texts.opened(parsed.reason, _local(handover.expires_at), replaced=cancelled > 0)
    await to_group(platform, group.group_id, (Mention(parsed.new), Text(said)))


confirm_cmd = command("確認交接", "accept", duty=DUTY)


@confirm_cmd.handle()
async def _confirm(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    group = await filed_group(matcher, bot, event, sender)
    at = store.now()
    handover = await store.latest(group, at)
    if handover is None:
        await answer(matcher, bot, event, texts.NO_PENDING)
    verdict = confirm_verdict(
        handover.status, handover.to_admin, handover.expires_at, sender.user_id, at
    )
    if verdict == "expired":
        await answer(matcher, bot, event, texts.expired(_local(handover.expires_at)))
    if verdict == "not_named":
        await answer(matcher, bot, event, texts.NOT_NAMED)
    if verdict == "none" or not await finish(platform_for(bot), group, handover, sender.user_id):
        await answer(matcher, bot, event, texts.NO_PENDING)


history_cmd = command("管理員記錄", "admins")


@history_cmd.handle()
async def _history(bot: Bot, event: Event, matcher: Matcher) -> None:
    sender = await allowed(matcher, bot, event, EVERYONE)
    group = await filed_group(matcher, bot, event, sender)
    entries = history(await store.tenures(group), await store.changes(group), group.filed_by)
    if not entries:
        await answer(matcher, bot, event, texts.NO_HISTORY)
    shown = entries[-MAX_HISTORY:]
    ids = people(shown)
    names = dict(zip(ids, await shown_names(platform_for(bot), group.group_id, ids), strict=True))
    lines = [texts.HISTORY_HEAD]
    if len(entries) > len(shown):
        lines.append(texts.history_more(len(entries) - len(shown)))
    lines += [texts.history_line(e, names.__getitem__, _local(e.at)) for e in shown]
    await answer(matcher, bot, event, "\n".join(lines))
