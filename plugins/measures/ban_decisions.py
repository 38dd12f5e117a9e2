"""Deciding a blacklist request: one path for /確認拉黑, /駁回拉黑 and the console.

Who may decide is `may_decide` (the department any request, a unit leader those from the unit's
groups). Confirming settles the request, puts the account on the street-wide list as a measure
on record with the decider as actor, sweeps it out of every managed group, tells the requester
privately and the unit's leaders and the street; rejecting settles it and tells the requester.
What the decider is told is handed to `answer` (the chat reply, or the console's page), before
anyone else hears of it, as the chat command has always answered.
"""

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

from adapters.port import Platform
from core.send import to_person
from models.measures import BlacklistRequest, RequestStatus
from plugins.measures import blacklist, store, texts
from plugins.measures.articles import manual_article
from plugins.measures.escalation import Level
from plugins.measures.listing import Listed, list_everywhere
from plugins.measures.measure import Measure
from plugins.measures.service import escalate
from plugins.registry.roles import is_protected

Answer = Callable[[str], Awaitable[object]]  # what the decider is told
MAX_REASON = 200


def may_decide(request: BlacklistRequest, *, department: bool, led_units: Collection[str]) -> bool:
    return blacklist.may_lift(department=department, led_units=led_units, entry_unit=request.unit)


def refusal(
    request: BlacklistRequest, *, department: bool, led_units: Collection[str], reason: str = ""
) -> str | None:
    """Why this decider cannot decide `request` now (None: they can)."""
    if len(reason) > MAX_REASON:
        return texts.REASON_TOO_LONG
    if not may_decide(request, department=department, led_units=led_units):
        return texts.request_other_unit(request.id, request.unit)
    if request.status != RequestStatus.PENDING:
        return texts.request_decided(request.id, request.status == RequestStatus.APPROVED)
    return None


@dataclass(frozen=True)
class Decided:
    """A decision taken (`listed` for a confirmation), or `refused` with why not."""

    listed: Listed | None = None
    refused: str | None = None


async def confirm(
    platform: Platform, request: BlacklistRequest, by: int, answer: Answer, *, self_id: str = ""
) -> Decided:
    """Confirm `request` (checked with `refusal` first) as `by`, through `platform`."""
    if is_protected(request.platform, request.user_id, self_id or platform.self_id):
        return Decided(refused=texts.PROTECTED_TARGET)
    if not await store.decide_request(request, RequestStatus.APPROVED, by, ""):
        approved = request.status == RequestStatus.APPROVED
        return Decided(refused=texts.request_decided(request.id, approved))
    measure = Measure(
        kind=blacklist.BLACKLIST,
        article=manual_article(),
        action=None,
        group_id=request.group_id,
        target=request.user_id,
        actor=by,
        unit=request.unit,
        reason=request.reason,
        detail={"request": request.id, "requested_by": request.requested_by},
        platform=request.platform,
    )
    listed = await list_everywhere(platform, measure, first=request.group_id)
    await answer(texts.request_approved(request.id, listed.removed, listed.failed, listed.already))
    if request.requested_by != by:
        await to_person(
            platform, request.requested_by, texts.requester_approved(request.id, listed.removed)
        )
    notice = texts.ban_notice(
        request.group_id,
        request.unit,
        by,
        request.user_id,
        request.reason,
        listed.removed,
        listed.failed,
    )
    await escalate(platform, request.unit, [Level.UNIT, Level.STREET], notice)
    return Decided(listed=listed)


async def reject(
    platform: Platform, request: BlacklistRequest, by: int, reason: str, answer: Answer
) -> Decided:
    """Reject `request` (checked with `refusal` first) as `by`, and tell the requester."""
    if not await store.decide_request(request, RequestStatus.REJECTED, by, reason):
        approved = request.status == RequestStatus.APPROVED
        return Decided(refused=texts.request_decided(request.id, approved))
    await answer(texts.request_rejected(request.id, reason))
    if request.requested_by != by:
        await to_person(
            platform, request.requested_by, texts.requester_rejected(request.id, reason)
        )
    return Decided()
