"""The incidents a department reads (the console's incidents page): measures newest first, with
those that need a person at the top: failed, unconfirmed, and left to someone with the rights.

Evidence is kept masked in the records (never the text removed) and the reason is masked again
as it is shown, as `/記錄` does. Scoped by unit: a unit leader sees the unit's groups only.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from models.measures import MeasureRecord, RecordStatus
from plugins.measures.wording import KIND_NAMES, STATUS_NAMES, older_titles, rulebook_of
from plugins.scanner.redact import redact

NEEDS_A_PERSON = (RecordStatus.FAILED, RecordStatus.UNCONFIRMED, RecordStatus.REFERRED)
PAGE = 50


@dataclass(frozen=True)
class Incident:
    id: int
    at: datetime
    platform: str
    group_id: int | None
    unit: str
    kind: str  # as an admin reads it: 撤回, 禁言…
    article: int
    category: str
    status: RecordStatus
    status_shown: str
    evidence: str  # masked
    reason: str  # masked again
    answer: str  # the platform's answer, as recorded
    rulebook: str = ""  # the title of the rulebook it was made under, if not the one in force

    @property
    def needs_a_person(self) -> bool:
        return self.status in NEEDS_A_PERSON


def incident_of(r: MeasureRecord, older: Mapping[str, str]) -> Incident:
    """`older`: the titles of other rulebooks by digest (`wording.older_titles`)."""
    return Incident(
        id=r.id,
        at=r.created_at,
        platform=r.platform,
        group_id=r.group_id,
        unit=r.unit,
        kind=KIND_NAMES.get(r.action, r.action),
        article=r.article,
        category=r.category,
        status=r.status,
        status_shown=STATUS_NAMES.get(r.status.value, r.status.value),
        evidence=redact(r.evidence),
        reason=redact(r.reason),
        answer=r.platform_answer,
        rulebook=rulebook_of(r, older),
    )


@dataclass(frozen=True)
class Incidents:
    attention: list[Incident]  # needing a person, newest first (at most a page)
    recent: list[Incident]  # everything else, newest first, one page
    next_before: int | None  # the id the next page starts before; None: no more


async def incidents(
    units: Collection[str] | None, *, before: int | None = None, page: int = PAGE
) -> Incidents:
    """One page of `units`' incidents (None: every unit), older than record `before`."""
    query = MeasureRecord.all()
    if units is not None:
        query = query.filter(unit__in=list(units))
    attention: list[MeasureRecord] = []
    if before is None:  # the top of the first page only
        attention = await query.filter(status__in=NEEDS_A_PERSON).order_by("-id").limit(page)
    rest = query.exclude(status__in=NEEDS_A_PERSON)
    if before is not None:
        rest = rest.filter(id__lt=before)
    rows = await rest.order_by("-id").limit(page + 1)
    more = len(rows) > page
    rows = rows[:page]
    older = await older_titles([*attention, *rows])
    return Incidents(
        [incident_of(r, older) for r in attention],
        [incident_of(r, older) for r in rows],
        rows[-1].id if more and rows else None,
    )
