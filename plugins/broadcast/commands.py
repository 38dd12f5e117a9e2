"""/群發 and /確認群發 (COMMANDS.md): the department's notice to many groups, from chat.

The preview names groups and their ids, so it goes to the asker privately; asked in a group,
the group hears one line. Errors and the tally answer where the command was typed.
"""

from zoneinfo import ZoneInfo

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import parse_args, platform_for
from core import runtime
from core.commands import command
from core.send import reply, to_person
from plugins.broadcast import service, texts
from plugins.broadcast.parse import Bad, parse_broadcast
from plugins.broadcast.service import Confirmed, Problem
from plugins.measures.parse import parse_numbered
from plugins.registry.access import allowed, answer
from plugins.registry.roles import DEPARTMENT_ONLY
from plugins.scanner.redact import redact

STARTING_AT = 5  # a broadcast to more groups says first that it is on its way

broadcast_cmd = command("群發", "broadcast", duty=service.DUTY)
confirm_cmd = command("確認群發", "broadcast_confirm", duty=service.DUTY)


def text_of(arg: Message) -> str | None:
    """The command's text as typed (line breaks kept); None when it carries anything else (a
    picture, an @mention): a notice is text only."""
    parts: list[str] = []
    for segment in arg:
        if segment.type != "text":
            return None
        parts.append(str(segment.data.get("text", "")))
    return "".join(parts)


def _bad(bad: Bad, units: list[str]) -> str:
    if bad.why == "unknown":
        return texts.unknown_selector(redact(bad.word), units)
    if bad.why == "no_text":
        return texts.NO_TEXT
    if bad.why == "too_long":
        return texts.too_long(bad.length)
    return texts.NO_SELECTOR


def _problem(problem: Problem, shown: list[str], length: int) -> str:
    return texts.problem(problem.why, problem.kinds, shown, length)


@broadcast_cmd.handle()
async def _broadcast(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, DEPARTMENT_ONLY)
    raw = text_of(arg)
    if raw is None:
        await answer(matcher, bot, event, texts.NOT_TEXT)
    units = [u.name for u in runtime.org().units]
    parsed = parse_broadcast(raw, units)
    if isinstance(parsed, Bad):
        await answer(matcher, bot, event, _bad(parsed, units))
    shown = parsed.filters.shown()
    made = await service.preview(parsed.filters, parsed.text, sender.user_id, sender.platform)
    if isinstance(made, Problem):
        await answer(matcher, bot, event, _problem(made, shown, len(parsed.text)))
    tz = ZoneInfo(runtime.org().street.timezone)
    message = texts.preview(
        made.broadcast.id,
        shown,
        [(g.unit, g.group_id, redact(g.name)) for g in made.groups],
        made.notice,
        f"{made.broadcast.expires_at.astimezone(tz):%H:%M}",
    )
    if sender.group_id is None:
        await answer(matcher, bot, event, message)
    told = await to_person(platform_for(bot), sender.user_id, message, about=sender.group_id)
    await answer(matcher, bot, event, texts.PREVIEW_SENT if told.ok else texts.PREVIEW_UNDELIVERED)


def _said(result: Confirmed) -> str:
    if result.outcome == "unknown":
        return texts.unknown_number(result.number)
    if result.outcome == "expired":
        return texts.expired(result.number)
    tally = result.tally
    assert tally is not None
    return texts.tally(
        result.number,
        sent=tally.sent,
        refused=tally.refused,
        unconfirmed=tally.unconfirmed,
        waiting=tally.waiting,
        skipped=tally.skipped,
        already=result.outcome == "already",
    )


@confirm_cmd.handle()
async def _confirm(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    sender = await allowed(matcher, bot, event, DEPARTMENT_ONLY)
    parsed = parse_numbered(parse_args(arg).words, needs_reason=False)
    if parsed is None or parsed.reason:
        await answer(matcher, bot, event, texts.USAGE_CONFIRM)

    async def started(number: int, groups: int) -> None:
        if groups > STARTING_AT:
            await reply(bot, event, texts.starting(number, groups))

    result = await service.confirm(parsed.number, sender.user_id, sender.platform, started=started)
    await answer(matcher, bot, event, _said(result))
