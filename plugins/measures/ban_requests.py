"""/確認拉黑 and /駁回拉黑 (COMMANDS.md): deciding a registered admin's request to blacklist.

The department decides any request, a unit leader those from the unit's groups, in a group or
in a private chat with the bot. The decision itself is plugins.measures.ban_decisions, which the
console's blacklist page uses too: confirming puts the account on the street-wide list and sweeps
it out of every managed group; the requester is told privately either way.
"""

from dataclasses import dataclass
from functools import partial

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import Sender, parse_args
from adapters.port import Platform
from core import runtime
from core.accounts import serving_in
from core.commands import command
from core.send import reply
from models.measures import BlacklistRequest
from plugins.measures import ban_decisions, store, texts
from plugins.measures.articles import MEASURES
from plugins.measures.parse import parse_numbered
from plugins.registry import texts as registry_texts
from plugins.registry.access import allowed, answer
from plugins.registry.platforms import label
from plugins.registry.roles import EVERYONE, LEADERS, Role, roles_in_event


@dataclass(frozen=True)
class Decision:
    sender: Sender
    request: BlacklistRequest
    reason: str


async def _decision(
    matcher: Matcher, bot: Bot, event: Event, arg: Message, usage: str, *, needs_reason: bool
) -> Decision:
    """Who decides (a leader of the request's unit, or the department) which pending request
    (the commands run where the rulebook provides for blacklisting: the measures duty)."""
    sender = await allowed(matcher, bot, event, EVERYONE)
    department = Role.DEPARTMENT in await roles_in_event(bot, event)
    led = [unit.name for unit in runtime.org().units_led_by(sender.platform, sender.user_id)]
    if not department and not led:
        await answer(matcher, bot, event, registry_texts.refused([r.value for r in LEADERS]))
    parsed = parse_numbered(parse_args(arg).words, needs_reason=needs_reason)
    if parsed is None:
        await answer(matcher, bot, event, usage)
    if len(parsed.reason) > 200:
        await answer(matcher, bot, event, texts.REASON_TOO_LONG)
    request = await store.find_request(parsed.number)
    if request is None:
        await answer(matcher, bot, event, texts.unknown_request(parsed.number))
    problem = ban_decisions.refusal(request, department=department, led_units=led)
    if problem is not None:
        await answer(matcher, bot, event, problem)
    return Decision(sender, request, parsed.reason)


async def _port(matcher: Matcher, bot: Bot, event: Event, request: BlacklistRequest) -> Platform:
    """An account of the request's platform (the decider may write from another one)."""
    port = serving_in(bot, request.platform, request.group_id)
    if port is None:
        await answer(matcher, bot, event, registry_texts.no_account(label(request.platform)))
    return port


confirm_cmd = command("確認拉黑", "ban_confirm", duty=MEASURES)


@confirm_cmd.handle()
async def _confirm(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    d = await _decision(matcher, bot, event, arg, texts.USAGE_BAN_CONFIRM, needs_reason=False)
    platform = await _port(matcher, bot, event, d.request)
    decided = await ban_decisions.confirm(
        platform, d.request, d.sender.user_id, partial(reply, bot, event), self_id=bot.self_id
    )
    if decided.refused is not None:
        await answer(matcher, bot, event, decided.refused)


reject_cmd = command("駁回拉黑", "ban_reject", duty=MEASURES)


@reject_cmd.handle()
async def _reject(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    d = await _decision(matcher, bot, event, arg, texts.USAGE_BAN_REJECT, needs_reason=True)
    decided = await ban_decisions.reject(
        await _port(matcher, bot, event, d.request),
        d.request,
        d.sender.user_id,
        d.reason,
        partial(reply, bot, event),
    )
    if decided.refused is not None:
        await answer(matcher, bot, event, decided.refused)
