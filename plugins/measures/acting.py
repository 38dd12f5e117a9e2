"""What the platform is asked for a measure, and what came of it, as (status, answer).

What the bot's role does not allow is not tried: it is left to a person who can (`referred`).
A removal or a change of admin rights that the platform answers ok is read back, since NapCat
answers ok whatever happened. The measures `blacklist` and `unblacklist` act on the street-wide
blacklist instead of the platform.
"""

from collections.abc import Awaitable, Callable

from adapters.actions import Done, Kick, Refused, SetAdmin, Why
from adapters.port import Member, Platform, Role
from core.send import to_person
from models.measures import RecordStatus
from plugins.measures import blacklist, texts
from plugins.measures.authority import may_act, needs_rank, referral
from plugins.measures.measure import Measure

Result = tuple[RecordStatus, str]

_ON_THE_LIST: dict[str, Callable[[Measure], Awaitable[tuple[bool, str]]]] = {
    blacklist.BLACKLIST: blacklist.enter,
    blacklist.UNBLACKLIST: blacklist.lift,
}


async def act(platform: Platform | None, measure: Measure) -> Result:
    """Carry out `measure`; a refusal is a result, never an exception."""
    on_list = _ON_THE_LIST.get(measure.kind)
    if on_list is not None:  # the bot's own blacklist is acted on here, not on the platform
        ok, answer = await on_list(measure)
        return (RecordStatus.DONE if ok else RecordStatus.FAILED), answer
    if measure.action is None:
        return RecordStatus.DONE, ""
    if platform is None:
        return RecordStatus.FAILED, "no platform connection"
    target_role = await _target_role(platform, measure)
    bot_role = await platform.own_role(measure.group_id) if measure.group_id is not None else None
    if measure.group_id is not None and not may_act(
        measure.action, bot_role, target_role, platform.can.appoint_admins
    ):
        return await _refer(platform, measure, target_role)
    outcome = await platform.perform(measure.action, key=measure.group_id)
    if isinstance(outcome, Refused):
        if outcome.why is Why.NOT_PERMITTED and needs_rank(measure.action):
            return await _refer(platform, measure, target_role)  # the role had changed
        return _refused(outcome), str(outcome)
    assert isinstance(outcome, Done)
    untrue = await _not_so(platform, measure)
    return (RecordStatus.FAILED, untrue) if untrue else (RecordStatus.DONE, "ok")


def _refused(outcome: Refused) -> RecordStatus:
    """No answer at all leaves the outcome unknown (the platform may have acted); any other
    refusal is a failure."""
    return RecordStatus.UNCONFIRMED if outcome.why is Why.NO_ANSWER else RecordStatus.FAILED


async def _target_role(platform: Platform, measure: Measure) -> Role | None:
    """The target's role where it matters: given by the duty (a message's sender), else read
    only when the bot is not the owner (the owner outranks everyone it can act on)."""
    if measure.target_role is not None or measure.group_id is None or measure.target is None:
        return measure.target_role
    if not needs_rank(measure.action) or await platform.own_role(measure.group_id) == "owner":
        return None
    member = await platform.member(measure.group_id, measure.target)
    return member.role if isinstance(member, Member) else None


async def _not_so(platform: Platform, measure: Measure) -> str:
    """Why a removal or an admin change answered ok is not true ("" when it is): NapCat answers
    ok whatever QQ did (ob/action/group/SetGroupKick.ts, SetGroupAdmin.ts)."""
    action = measure.action
    if isinstance(action, Kick):
        after = await platform.member(action.group_id, action.user_id)
        return texts.STILL_A_MEMBER if isinstance(after, Member) else ""
    if isinstance(action, SetAdmin):
        after = await platform.member(action.group_id, action.user_id)
        wanted = "admin" if action.enable else "member"
        if not isinstance(after, Member):
            return texts.NOT_READ_BACK
        return "" if after.role == wanted else texts.RIGHTS_UNCHANGED
    return ""


async def _refer(platform: Platform, measure: Measure, target_role: Role | None) -> Result:
    """Ask whoever can act, privately: the measure is left to them."""
    assert measure.group_id is not None
    asked = referral(measure.action, target_role)
    told: list[str] = []
    if asked.ask_owner:
        members = await platform.members(measure.group_id)
        owners = (
            [m.user_id for m in members if m.role == "owner"] if isinstance(members, list) else []
        )
        notice = texts.referral_to_owner(
            measure.group_id, measure.kind, measure.target, measure.article, _message_of(measure)
        )
        if owners and (await to_person(platform, owners[0], notice, about=measure.group_id)).ok:
            told.append(texts.ASKED_OWNER)
    if asked.ask_sender and measure.target is not None:
        notice = texts.referral_to_sender(measure.group_id, measure.article, _message_of(measure))
        if (await to_person(platform, measure.target, notice, about=measure.group_id)).ok:
            told.append(texts.ASKED_SENDER)
    return RecordStatus.REFERRED, texts.referred(told)


def _message_of(measure: Measure) -> int | None:
    value = measure.detail.get("message_id")
    return value if isinstance(value, int) else None
