"""/保留, /取消保留 and /清理設定: registered admins keep members out of clearance and set the
group's schedule and thresholds. Keeping and releasing are measures on record, filed under the
clearance duty's article (Art. 4 in the default rulebook); none of them runs where the rulebook
does not bind the duty."""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args, platform_for
from adapters.message import Mention, Text
from core import runtime
from core.commands import command
from core.send import reply, to_group
from models.registry import Group
from plugins.clearance import store, texts
from plugins.clearance.facts import DUTY, dormant_days, silent_days
from plugins.clearance.jobs import schedule_of
from plugins.clearance.parse import parse_setting
from plugins.measures.measure import Measure
from plugins.measures.parse import Targeted, parse_target
from plugins.measures.service import carry_out
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS
from plugins.scanner.redact import free_text

KEEP = "clearance_keep"
UNKEEP = "clearance_unkeep"


async def _target(
    matcher: Matcher, bot: Bot, event: Event, arg: Message, usage: str, *, needs_reason: bool
) -> Targeted:
    targeted = parse_target(parse_args(arg))
    if targeted is None or (needs_reason and not targeted.rest):
        await answer(matcher, bot, event, usage)
    if targeted.target == int(bot.self_id):
        await answer(matcher, bot, event, texts.NOT_SELF)
    if len(" ".join(targeted.rest)) > 200:
        await answer(matcher, bot, event, texts.REASON_TOO_LONG)
    return targeted


def _recorded(group: Group, kind: str, target: int, actor: int, reason: str) -> Measure:
    article = runtime.rulebook().article_of(DUTY)
    return Measure.in_group(
        group, kind=kind, article=article, target=target, actor=actor, reason=reason
    )


keep_cmd = command("保留", "keep", duty=DUTY)


@keep_cmd.handle()
async def _keep(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    t = await _target(matcher, bot, event, arg, texts.USAGE_KEEP, needs_reason=True)
    if await store.active_exemption(group, t.target) is not None:
        await answer(matcher, bot, event, texts.ALREADY_KEPT)
    reason = free_text(t.rest)
    await store.add_exemption(group, t.target, reason, sender.user_id)
    platform = platform_for(bot)
    await carry_out(platform, _recorded(group, KEEP, t.target, sender.user_id, reason))
    await to_group(platform, group.group_id, (Mention(t.target), Text(texts.KEPT)))


unkeep_cmd = command("取消保留", "unkeep", duty=DUTY)


@unkeep_cmd.handle()
async def _unkeep(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    t = await _target(matcher, bot, event, arg, texts.USAGE_UNKEEP, needs_reason=False)
    row = await store.active_exemption(group, t.target)
    if row is None:
        await answer(matcher, bot, event, texts.NOT_KEPT)
    await store.lift_exemption(row, sender.user_id)
    platform = platform_for(bot)
    reason = free_text(t.rest)
    await carry_out(platform, _recorded(group, UNKEEP, t.target, sender.user_id, reason))
    await to_group(platform, group.group_id, (Mention(t.target), Text(texts.UNKEPT)))


settings_cmd = command("清理設定", "sweep_settings", duty=DUTY)


@settings_cmd.handle()
async def _settings(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    words = parse_args(arg).words
    if words:
        change = parse_setting(words)
        if change is None:
            await answer(matcher, bot, event, texts.USAGE_SETTINGS)
        await store.save_setting(group, sender.user_id, change.fields)
    setting = await store.setting_of(group)
    own_when = setting is not None and setting.weekday is not None
    shown = texts.settings_shown(
        str(await schedule_of(group, setting)),
        own_when,
        silent_days(setting),
        setting is not None and setting.silent_days is not None,
        dormant_days(setting),
        setting is not None and setting.dormant_days is not None,
    )
    await reply(bot, event, f"{texts.SETTINGS_SAVED}\n{shown}" if words else shown)
    await matcher.finish()
