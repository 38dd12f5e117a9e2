"""/確認拉黑 and /駁回拉黑 (COMMANDS.md): deciding a registered admin's request to blacklist.

The department decides any request, a unit leader those from the unit's groups, in a group or
in a private chat with the bot. Confirming puts the account on the street-wide list and sweeps it
out of every managed group; the requester is told privately either way.
"""

from dataclasses import dataclass

from nonebot.adapters import Bot, Event, Message
from nonebot.matcher import Matcher
from nonebot.params import CommandArg

from adapters.events import Sender, parse_args, platform_for
from core import runtime
from core.accounts import serving
from core.commands import command
from core.send import reply, to_person
from models.measures import BlacklistRequest, RequestStatus
from plugins.measures import blacklist, store, texts
from plugins.measures.commands import MANUAL_ARTICLE
from plugins.measures.escalation import Level
from plugins.measures.listing import list_everywhere
from plugins.measures.measure import Measure
from plugins.measures.parse import parse_numbered
from plugins.measures.service import escalate
from plugins.registry import texts as registry_texts
from plugins.registry.access import allowed, answer
from plugins.registry.roles import EVERYONE, LEADERS, Role, is_protected, roles_in_event


@dataclass(frozen=True)
class Decision:
    sender: Sender
    request: BlacklistRequest
    reason: str


async def _decision(
    matcher: Matcher, bot: Bot, event: Event, arg: Message, usage: str, *, needs_reason: bool
) -> Decision:
    """Who decides (a leader of the request's unit, or the department) which pending request."""
    sender = await allowed(matcher, bot, event, EVERYONE)
    department = Role.DEPARTMENT in await roles_in_event(bot, event)
    led = [unit.name for unit in runtime.org().units_led_by(sender.user_id)]
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
    if not blacklist.may_lift(department=department, led_units=led, entry_unit=request.unit):
        await answer(matcher, bot, event, texts.request_other_unit(request.id, request.unit))
    if request.status != RequestStatus.PENDING:
        approved = request.status == RequestStatus.APPROVED
        await answer(matcher, bot, event, texts.request_decided(request.id, approved))
    return Decision(sender, request, parsed.reason)


confirm_cmd = command("確認拉黑", "ban_confirm")


@confirm_cmd.handle()
async def _confirm(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    d = await _decision(matcher, bot, event, arg, texts.USAGE_BAN_CONFIRM, needs_reason=False)
    request = d.request
    if is_protected(request.user_id, bot.self_id):
        await answer(matcher, bot, event, texts.PROTECTED_TARGET)
    if not await store.decide_request(request, RequestStatus.APPROVED, d.sender.user_id, ""):
        approved = request.status == RequestStatus.APPROVED
        await answer(matcher, bot, event, texts.request_decided(request.id, approved))
    platform = serving(bot, request.group_id)
    measure = Measure(
        kind=blacklist.BLACKLIST,
        article=MANUAL_ARTICLE,
        action=None,
        group_id=request.group_id,
        target=request.user_id,
        actor=d.sender.user_id,
        unit=request.unit,
        reason=request.reason,
        detail={"request": request.id, "requested_by": request.requested_by},
        platform=request.platform,
    )
    listed = await list_everywhere(platform, measure, first=request.group_id)
    await reply(
        bot,
        event,
        texts.request_approved(request.id, listed.removed, listed.failed, listed.already),
    )
    if request.requested_by != d.sender.user_id:
        told = texts.requester_approved(request.id, listed.removed)
        await to_person(platform, request.requested_by, told)
    notice = texts.ban_notice(
        request.group_id,
        request.unit,
        d.sender.user_id,
        request.user_id,
        request.reason,
        listed.removed,
        listed.failed,
    )
    await escalate(platform, request.unit, [Level.UNIT, Level.STREET], notice)


reject_cmd = command("駁回拉黑", "ban_reject")


@reject_cmd.handle()
async def _reject(bot: Bot, event: Event, matcher: Matcher, arg: Message = CommandArg()) -> None:
    d = await _decision(matcher, bot, event, arg, texts.USAGE_BAN_REJECT, needs_reason=True)
    request = d.request
    if not await store.decide_request(request, RequestStatus.REJECTED, d.sender.user_id, d.reason):
        approved = request.status == RequestStatus.APPROVED
        await answer(matcher, bot, event, texts.request_decided(request.id, approved))
    await reply(bot, event, texts.request_rejected(request.id, d.reason))
    if request.requested_by != d.sender.user_id:
        told = texts.requester_rejected(request.id, d.reason)
        await to_person(platform_for(bot), request.requested_by, told)
