"""Completing a handover (Art. 3, 5, 14): the registry, the platform rights, and who is told.

In this order: the registry changes (store.complete); the platform admin rights move where the
bot's role may set admins (QQ: the owner; Telegram: an admin; Capabilities.appoint_admins),
each SetAdmin through the measures service (kind `handover`, article 5), otherwise
one `handover` record without an action and the owner told in the group exactly what to do; the
new admin is told in the group; an outgoing admin who owns the group is told privately to hand
ownership on in the client (no platform lets the bot move it); the department privately, to
update the filing (Art. 3); and an old admin the roster lists as 調離 (by their account, or the
roster person it is bound to), still in the group, is reminded privately to leave and flagged for
the next clearance (Art. 14) with a `departed_admin` record (see DEPARTED_ADMIN).
"""

from typing import Literal

from adapters.actions import SetAdmin
from adapters.message import Mention, Part, Text
from adapters.port import Member, Platform, outranks
from core import runtime
from core.send import to_group, to_person
from models.handover import Handover
from models.measures import RecordStatus
from models.registry import Group
from plugins.handover import store, texts
from plugins.handover.decide import RightsPlan, rights_plan
from plugins.handover.eligible import roster_entry
from plugins.measures.escalation import Level
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out, escalate
from plugins.registry.people import masked_account
from plugins.registry.platforms import ADMIN_SETTINGS, label

HANDOVER = "handover"  # the duty, and the kind of its records (filed under its article)
# The contract with the clearance duty: a MeasureRecord with action `departed_admin`, filed
# under the `departed` duty's article (14 in the default rulebook), `platform`, `group_id` and
# `target` (the old admin), actor None, status done, and detail
# {"handover": <Handover id>, "roster": "調離"}. It means: the target handed over their admin
# post, has left their post, and was still in the group when the handover completed; the next
# clearance should list them (as departed staff) unless they are no longer in the group.
DEPARTED_ADMIN = "departed_admin"
DEPARTED = "departed"  # the duty

Rights = Literal["moved", "failed", "owner_told", "none"]


async def finish(platform: Platform, group: Group, handover: Handover, actor: int) -> bool:
    """Complete `handover` (confirmed by, or forced by, `actor`); False when it was not pending."""
    reason = handover.reason or texts.DEFAULT_REASON
    if not await store.complete(handover, reason, store.now()):
        return False
    new, old = handover.to_admin, handover.from_admin
    old_member = await _member(platform, group.group_id, old)
    new_member = await _member(platform, group.group_id, new)
    plan = rights_plan(
        new_member.role if new_member else None, old_member.role if old_member else None
    )
    rights, answer = await _move_rights(platform, group, handover, actor, plan)
    said = texts.done(rights, answer)
    await to_group(platform, group.group_id, (Mention(new), Text(said)))
    if rights == "owner_told":
        await _tell_owner(platform, group.group_id, plan, new_member, new, old_member, old)
    if old is not None and old_member is not None and old_member.role == "owner":
        await _ownership_stays(platform, group, old, new_member, new)
    notice = texts.department_notice(
        group_id=group.group_id,
        group_name=group.name,
        unit=group.unit.name,
        old=old,
        new=new,
        opened_by=handover.opened_by,
        reason=handover.reason,
        forced=handover.forced,
        rights=rights,
    )
    await escalate(platform, group.unit.name, [Level.DEPARTMENT], notice, about=group.group_id)
    if old is not None and old_member is not None:
        await _departed(platform, group, handover, old)
    return True


async def _member(platform: Platform, group_id: int, user_id: int | None) -> Member | None:
    if user_id is None:
        return None
    found = await platform.member(group_id, user_id)
    return found if isinstance(found, Member) else None


def _measure(
    group: Group,
    handover: Handover,
    actor: int,
    target: int,
    action: SetAdmin | None,
    **detail: object,
) -> Measure:
    return Measure.in_group(
        group,
        kind=HANDOVER,
        article=runtime.rulebook().article_of(HANDOVER),
        action=action,
        target=target,
        actor=actor,
        reason=handover.reason,
        detail={"handover": handover.id, "from": handover.from_admin, **detail},
    )


async def _move_rights(
    platform: Platform, group: Group, handover: Handover, actor: int, plan: RightsPlan
) -> tuple[Rights, str]:
    """Move the rights where the bot owns the group; always leave at least one record."""
    bot = await platform.member(group.group_id, int(platform.self_id))
    appoints = platform.can.appoint_admins  # QQ: the owner alone; Telegram: an admin too
    may = isinstance(bot, Member) and not outranks(appoints, bot.role)
    if not may or not plan.needed:
        rights: Rights = "owner_told" if plan.needed else "none"
        measure = _measure(group, handover, actor, handover.to_admin, None, rights=rights)
        await carry_out(platform, measure)
        return rights, ""
    steps = [(handover.to_admin, True)] if plan.grant else []
    if plan.revoke and handover.from_admin is not None:
        steps.append((handover.from_admin, False))
    failed: list[str] = []
    for user_id, enable in steps:
        action = SetAdmin(group.group_id, user_id, enable)
        step = "set" if enable else "unset"
        record = await carry_out(
            platform, _measure(group, handover, actor, user_id, action, rights=step)
        )
        if record.status != RecordStatus.DONE:
            failed.append(record.platform_answer)
    return ("failed", "；".join(failed)) if failed else ("moved", "")


async def _tell_owner(
    platform: Platform,
    group_id: int,
    plan: RightsPlan,
    new_member: Member | None,
    new: int,
    old_member: Member | None,
    old: int | None,
) -> None:
    """The steps for the owner, in the group: names by card, never accounts."""
    members = await platform.members(group_id)
    owner = (
        next((m.user_id for m in members if m.role == "owner"), None)
        if isinstance(members, list)
        else None
    )
    new_name = new_member.shown_name if new_member else masked_account(new)
    old_name = old_member.shown_name if old_member else None
    where = ADMIN_SETTINGS.get(platform.name)
    revoke = plan.revoke and old is not None
    words = (
        texts.owner_steps(new_name, old_name, plan.grant, revoke, where)
        if where
        else texts.owner_steps(new_name, old_name, plan.grant, revoke)
    )
    message: tuple[Part, ...] = (Mention(owner), Text(words)) if owner else (Text(words.strip()),)
    await to_group(platform, group_id, message)


async def _ownership_stays(
    platform: Platform, group: Group, old: int, new_member: Member | None, new: int
) -> None:
    """The outgoing admin owns the group, and no platform here lets the bot move ownership
    (Capabilities.transfer_ownership): they are told privately to hand it on themselves."""
    if platform.can.transfer_ownership:
        return
    new_name = new_member.shown_name if new_member else masked_account(new)
    notice = texts.transfer_ownership(label(platform.name), group.group_id, group.name, new_name)
    await to_person(platform, old, notice, about=group.group_id)


async def _departed(platform: Platform, group: Group, handover: Handover, old: int) -> None:
    """An old admin the roster lists as 調離, still in the group: reminded and flagged (only
    where the rulebook binds the departed duty)."""
    if not runtime.rulebook().binds(DEPARTED):
        return
    entry = await roster_entry(platform, old)
    if entry is None or entry.status != "調離":
        return
    await to_person(
        platform, old, texts.departed_reminder(group.group_id, group.name), about=group.group_id
    )
    await carry_out(
        platform,
        Measure.in_group(
            group,
            kind=DEPARTED_ADMIN,
            article=runtime.rulebook().article_of(DEPARTED),
            target=old,
            reason=texts.departed_reason(),
            detail={"handover": handover.id, "roster": entry.status},
        ),
    )
