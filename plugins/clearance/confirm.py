"""Carrying out a confirmed batch: only members still in the group and still candidates go.

The batch's members are checked again against fresh facts (the member list read now, exemptions,
roster, cards, sightings): someone who left, fixed their card, spoke, or was kept meanwhile is
skipped. Each removal goes through the measures service (record first, then the platform, paced
by the port's limiter) with the kind `clearance`, filed under the departed duty's article for
departed staff (Art. 14 in the default rulebook), the clearance duty's otherwise (Art. 4).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from adapters.actions import Kick
from adapters.port import Platform
from core import runtime
from models.clearance import ClearanceBatch, ClearanceItem
from models.measures import RecordStatus
from models.registry import Group
from plugins.clearance import store, texts
from plugins.clearance.candidates import Candidate, Sweep, article_for
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out

KIND = "clearance"


@dataclass(frozen=True)
class Plan:
    remove: tuple[tuple[ClearanceItem, Candidate], ...]
    skipped: int


def plan_removals(items: Sequence[ClearanceItem], now: Sweep) -> Plan:
    """The batch's items that the fresh check still lists for removal, with today's reasons."""
    current = {c.user_id: c for c in now.remove}
    remove = tuple((item, current[item.user_id]) for item in items if item.user_id in current)
    return Plan(remove, len(items) - len(remove))


def removal(group: Group, batch: ClearanceBatch, who: Candidate, by: int, days: int) -> Measure:
    return Measure.in_group(
        group,
        kind=KIND,
        article=article_for(who.reasons, runtime.rulebook()),
        action=Kick(group.group_id, who.user_id),
        target=who.user_id,
        actor=by,
        category=who.reasons[0],
        reason=f"{texts.REASON_CLEARANCE}：{texts.reasons_text(who.reasons, days)}",
        detail={"batch": batch.id, "reasons": list(who.reasons)},
    )


async def carry(
    platform: Platform, group: Group, batch: ClearanceBatch, plan: Plan, by: int, days: int
) -> tuple[int, int]:
    """Remove each planned member, one record each; (removed, failed)."""
    removed = failed = 0
    for item, who in plan.remove:
        record = await carry_out(platform, removal(group, batch, who, by, days))
        await store.link_record(item, record.id)
        if record.status == RecordStatus.DONE:
            removed += 1
        else:
            failed += 1
    return removed, failed
