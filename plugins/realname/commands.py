"""The real-name commands: /實名檢查 (COMMANDS.md), /名片格式 and /實名設定 (registered admins)."""

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.actions import Refused
from adapters.events import parse_args, platform_for
from adapters.port import GroupInfo
from core import runtime
from core.commands import command
from core.send import reply, to_person
from models.realname import DeadlineStatus
from models.registry import Group
from plugins.realname import store, texts
from plugins.realname.checks import check_bindings, check_members
from plugins.realname.parse import is_default, parse_setting
from plugins.realname.rules import DUTY, CardRuleError, compiled, member_cap, rules_for
from plugins.realname.wording import pages
from plugins.registry import store as registry
from plugins.registry.access import allowed, answer, filed_group
from plugins.registry.roles import ADMINS
from plugins.scanner.redact import redact

MAX_PATTERN = 100  # characters of a card format as typed (stored as typed)

check_cmd = command("實名檢查", "realname", duty=DUTY)


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
    rules = await rules_for(group)
    roster = await store.roster_index()
    if platform.can.set_card:
        report = check_members(members, rules.rule, roster, group.unit.name, int(bot.self_id))
        await _settle_deadlines(
            group, {m.user_id for m in members}, {p.user_id for p in report.problems}
        )
        counts = texts.check_counts(report.total, report.compliant, report.by_kind())
        head = texts.check_list_header(
            group.group_id, group.unit.name, len(report.problems), rules.rule.display
        )
    else:  # no cards: a member is real-named by their account's binding (plugins/realname/asking)
        bindings = await store.bound_among(platform.name, (m.user_id for m in members))
        report = check_bindings(members, bindings, roster, int(bot.self_id))
        counts = texts.check_bound_counts(report.total, report.compliant, report.by_kind())
        head = texts.check_bound_header(group.group_id, group.unit.name, len(report.problems))
    if not report.problems:
        await answer(matcher, bot, event, counts)
    lines = [texts.check_line(p.name, p.user_id, p.kind) for p in report.problems]
    for page in pages(head, lines):
        await to_person(platform, sender.user_id, page, about=group.group_id)
    await answer(matcher, bot, event, f"{counts}\n{texts.CHECK_SENT}")


async def _settle_deadlines(group: Group, present: set[int], problems: set[int]) -> None:
    """Open deadlines the check settles: a member now acceptable is cleared, one gone has left."""
    for row in await store.open_deadlines_in(group.platform, group.group_id):
        if row.user_id not in present:
            await store.close(row, DeadlineStatus.LEFT)
        elif row.user_id not in problems:
            await store.close(row, DeadlineStatus.CLEARED)


format_cmd = command("名片格式", "card_format", duty=DUTY)


@format_cmd.handle()
async def _format(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    pattern = redact(arg.extract_plain_text().strip())
    unit = group.unit.name
    if not pattern:
        rules = await rules_for(group)
        shown = texts.card_format_now(rules.rule.display, rules.example(unit), rules.own_pattern)
        await answer(matcher, bot, event, f"{shown}\n{texts.USAGE_CARD_FORMAT}")
    if len(pattern) > MAX_PATTERN:
        await answer(matcher, bot, event, texts.USAGE_CARD_FORMAT)
    own = "" if is_default(pattern) else pattern
    if own:
        try:
            compiled(own, texts.CARD_FORMAT_SETTING)
        except CardRuleError as exc:
            await answer(matcher, bot, event, str(exc))
    await store.save_setting(group, sender.user_id, card_pattern=own)
    rules = await rules_for(group)
    await answer(
        matcher, bot, event, texts.card_format_set(rules.rule.display, rules.example(unit))
    )


settings_cmd = command("實名設定", "realname_settings", duty=DUTY)


@settings_cmd.handle()
async def _settings(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, ADMINS)
    group = await filed_group(matcher, bot, event, sender)
    words = parse_args(arg).words
    if words:
        change = parse_setting(words)
        if change is None:
            await answer(matcher, bot, event, texts.USAGE_SETTINGS)
        await store.save_setting(group, sender.user_id, **{change.field: change.value})
    rules = await rules_for(group)
    info = await platform_for(bot).group(group.group_id)
    members = info.member_count if isinstance(info, GroupInfo) else group.member_count
    shown = texts.settings_shown(
        rules.rule.display,
        await member_cap(group, rules.cap_override, members),
        rules.cap_override is not None,
        rules.auto_approve,
        rules.remove_after_deadline,
        runtime.realname_rules().card_deadline_hours,
    )
    await reply(bot, event, f"{texts.SETTINGS_SAVED}\n{shown}" if words else shown)
    await matcher.finish()
