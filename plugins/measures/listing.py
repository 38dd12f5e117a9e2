"""What a /拉黑 does, by who asks: the street-wide list and sweep, or a request and a removal here.

The department's /拉黑, a unit leader's in the unit's groups, and a confirmed request put the
account on the list and sweep it out of every managed group (`list_everywhere`). A registered
admin's removes the account from the admin's own group and files a request (`ask`), which the
department or the leader of the group's unit confirms or rejects (ban_requests).
"""

from dataclasses import dataclass, replace

from adapters.actions import Kick
from adapters.port import Member, Platform
from models.measures import BlacklistEntry, BlacklistRequest, MeasureRecord, RecordStatus
from models.registry import Group
from plugins.measures import blacklist, store, texts
from plugins.measures.escalation import Level
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out, escalate
from plugins.measures.sweep import Removal, remove_everywhere
from plugins.registry.roles import is_protected

SETTLED_BY_LISTING = "直接列入黑名單"


@dataclass(frozen=True)
class Listed:
    already: bool  # the account was on the list before
    removals: list[Removal]

    def removed_in(self, group_id: int) -> bool:
        return any(r.done for r in self.removals if r.group_id == group_id)

    @property
    def removed(self) -> int:
        return sum(r.done for r in self.removals)

    @property
    def failed(self) -> int:
        return sum(not r.done for r in self.removals)


async def list_everywhere(platform: Platform, measure: Measure, *, first: int | None) -> Listed:
    """Put `measure.target` on the list (unless it is) and sweep it out of every managed group,
    `first` first. Pending requests for the account are settled: it is listed."""
    assert measure.target is not None
    already = await blacklist.active(measure.platform, measure.target) is not None
    if not already:
        await carry_out(platform, measure)
    await store.settle_requests(measure.platform, measure.target, measure.actor, SETTLED_BY_LISTING)
    return Listed(already, await remove_everywhere(platform, measure, first=first))


async def remove_here(platform: Platform, group: Group, measure: Measure) -> MeasureRecord | None:
    """The account out of `group` (refusing its re-joining), where the platform lists it."""
    assert measure.target is not None
    if not isinstance(await platform.member(group.group_id, measure.target), Member):
        return None
    kick = Kick(group.group_id, measure.target, refuse_future=True)
    removal = Measure.in_group(
        group,
        kind="kick",
        article=measure.article,
        action=kick,
        target=measure.target,
        actor=measure.actor,
        reason=measure.reason,
        detail=measure.detail,
    )
    return await carry_out(platform, removal)


@dataclass(frozen=True)
class Asked:
    request: BlacklistRequest
    new: bool  # False: a request for the account was pending already
    removed_here: bool


async def ask(platform: Platform, group: Group, measure: Measure, by: int) -> Asked:
    """File a request to list `measure.target` (or find the pending one), remove the account
    from `group`, and tell the department and the unit's leaders of a new request."""
    assert measure.target is not None
    pending = await store.pending_request(group.platform, measure.target)
    request = pending or await store.open_request(
        platform=group.platform,
        user_id=measure.target,
        group_id=group.group_id,
        unit=group.unit.name,
        reason=measure.reason,
        by=by,
    )
    detail = {**measure.detail, "request": request.id}
    record = await remove_here(platform, group, replace(measure, detail=detail))
    removed = record is not None and record.status == RecordStatus.DONE
    if pending is None:
        notice = texts.request_notice(
            request.id, group.group_id, group.unit.name, by, measure.target, measure.reason, removed
        )
        await escalate(platform, group.unit.name, [Level.UNIT, Level.DEPARTMENT], notice)
    return Asked(request, pending is None, removed)


async def lift_protected_entries(article: int) -> list[int]:
    """Lift, on record, every entry of an account nobody may blacklist (made before it was
    protected, or before protection existed): the lists that read the blacklist then agree."""
    lifted: list[int] = []
    for entry in await BlacklistEntry.filter(lifted_at=None).order_by("id"):
        if not is_protected(entry.platform, entry.user_id):
            continue
        measure = Measure(
            kind=blacklist.UNBLACKLIST,
            article=article,
            action=None,
            group_id=entry.source_group,
            target=entry.user_id,
            unit=await blacklist.unit_of(entry),
            reason=texts.REASON_LIFTED_PROTECTED,
            platform=entry.platform,
        )
        await carry_out(None, measure)
        lifted.append(entry.user_id)
    return lifted
