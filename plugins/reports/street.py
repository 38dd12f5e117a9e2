"""The street-wide report (Art. 15): every group's scorecard and the period's records, summed up.

Pure: built from facts the store gathered; the workbook, the chart and the digest text read it.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from plugins.reports.scorecard import (
    NOT_MEASURES,
    UNSETTLED,
    CategoryStat,
    GroupFacts,
    RecordFact,
    Scorecard,
    by_category,
    findings_of,
    scorecard,
)


@dataclass(frozen=True)
class StreetReport:
    street: str
    since: datetime  # aware UTC, the period is [since, until)
    until: datetime
    generated_at: datetime
    cards: tuple[Scorecard, ...]  # by unit, then group
    records: tuple[RecordFact, ...]  # every measure of the period, in id order
    categories: tuple[CategoryStat, ...]  # over the whole street


@dataclass(frozen=True)
class Totals:
    groups: int
    by_status: dict[str, int]
    no_admin: tuple[int, ...]  # group numbers
    members: int
    missing_cards: int  # members with an open card deadline
    open_clearance: int
    handovers_pending: int
    dormant: int
    finished: int
    findings: int
    measures: int
    unsettled: int
    mean_seconds: float | None
    by_platform: tuple[tuple[str, int], ...] = ()  # groups per platform, by name

    @property
    def realname_rate(self) -> float | None:
        if self.members <= 0:
            return None
        return max(0, self.members - self.missing_cards) / self.members


def street_report(
    street: str,
    since: datetime,
    until: datetime,
    now: datetime,
    facts: Sequence[GroupFacts],
    records: Sequence[RecordFact],
) -> StreetReport:
    measures = tuple(r for r in records if r.action not in NOT_MEASURES)
    cards = sorted((scorecard(f) for f in facts), key=lambda c: (c.facts.unit, c.facts.group_id))
    return StreetReport(
        street, since, until, now, tuple(cards), measures, tuple(by_category(measures))
    )


def platforms_of(report: StreetReport) -> tuple[str, ...]:
    """The platforms the report's groups and group records are on, by name."""
    found = {c.facts.platform for c in report.cards}
    found |= {r.platform for r in report.records if r.group_id is not None}
    return tuple(sorted(found))


def mixed(report: StreetReport) -> bool:
    """Groups of more than one platform: the workbook and the summary then name each one's."""
    return len(platforms_of(report)) > 1


def totals(report: StreetReport) -> Totals:
    cards = report.cards
    findings = findings_of(report.records)
    seconds = [f.seconds for f in findings if f.seconds is not None]
    return Totals(
        groups=len(cards),
        by_status=dict(Counter(c.facts.status for c in cards)),
        no_admin=tuple(c.facts.group_id for c in cards if not c.facts.admins),
        members=sum(c.facts.realname.members for c in cards),
        missing_cards=sum(c.facts.realname.missing for c in cards),
        open_clearance=sum(c.facts.open_clearance for c in cards),
        handovers_pending=sum(c.facts.handovers_pending for c in cards),
        dormant=sum(c.activity == "dormant" for c in cards),
        finished=sum(c.activity == "finished" for c in cards),
        findings=len(findings),
        measures=len(report.records),
        unsettled=sum(r.status in UNSETTLED for r in report.records),
        mean_seconds=sum(seconds) / len(seconds) if seconds else None,
        by_platform=tuple(sorted(Counter(c.facts.platform for c in cards).items())),
    )
