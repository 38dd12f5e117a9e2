"""What a group's console page shows, read from the database in a few queries."""

from dataclasses import dataclass
from datetime import datetime

from core.cite import cite
from models.clearance import ClearanceBatch
from models.handover import Handover
from models.measures import MeasureRecord
from models.registry import DutySwitch, Group, RegisteredAdmin
from plugins.measures.incidents import Incident, incident_of
from plugins.measures.wording import older_titles
from plugins.registry.duties import DUTIES, Duty

RECENT = 30


@dataclass(frozen=True)
class DutyState:
    duty: Duty
    on: bool
    bound: bool  # the rulebook in force binds it (else it is never on)
    articles: str  # 第四條、第七條: the articles binding it


def duty_state(duty: Duty, off: set[str]) -> DutyState:
    bound = duty.bound
    return DutyState(duty, bound and duty.key not in off, bound, cite(duty.key))


@dataclass(frozen=True)
class Batch:
    id: int
    week: str  # "" for a batch an admin opened
    created_at: datetime
    expires_at: datetime
    confirmed_at: datetime | None
    members: int


@dataclass(frozen=True)
class GroupFacts:
    group: Group
    admins: list[RegisteredAdmin]  # current ones first, then former ones
    duties: list[DutyState]
    records: list[Incident]
    handovers: list[Handover]
    batches: list[Batch]


async def facts_of(group: Group) -> GroupFacts:
    admins = await RegisteredAdmin.filter(group=group).order_by("-since")
    admins.sort(key=lambda a: a.until is not None)
    switched_off = DutySwitch.filter(group=group, enabled=False).values_list("duty", flat=True)
    off = {str(duty) for duty in await switched_off}
    records = await (
        MeasureRecord.filter(platform=group.platform, group_id=group.group_id)
        .order_by("-id")
        .limit(RECENT)
    )
    older = await older_titles(records)
    handovers = await Handover.filter(group=group).order_by("-opened_at").limit(10)
    batches = await (
        ClearanceBatch.filter(group=group).order_by("-id").limit(10).prefetch_related("items")
    )
    return GroupFacts(
        group=group,
        admins=admins,
        duties=[duty_state(d, off) for d in DUTIES],
        records=[incident_of(r, older) for r in records],
        handovers=handovers,
        batches=[
            Batch(b.id, b.week, b.created_at, b.expires_at, b.confirmed_at, len(b.items))
            for b in batches
        ],
    )
