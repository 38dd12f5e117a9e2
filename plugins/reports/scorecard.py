"""The compliance scorecard (Art. 15): pure readings of facts gathered from the database.

Findings and measures. Every measure record counts as a measure, except records that only keep a
setting or a mark (`NOT_MEASURES`). A finding is what a duty found in one category: the records
that carry that category and name the same message (`detail.message_id`: a recall, then the
warning, mute or removal it led to, and the removals from other groups a blacklisting brought) are
one finding; a record without a message is a finding of its own. A finding belongs to the group of
its first record; a removal from another group that a blacklisting brought (`detail.blacklisted`)
joins its finding but never makes one. Its time to measure runs from the first record's creation (when the duty
decided) to the last record's completion (when the platform answered); it is unknown while one of
them is still pending.

Real-name rate. `/合規報告` reads the member list and judges every card with the real-name core
("checked"); the street workbook uses stored facts only: the open card deadlines against the
group's stored member count ("estimated").
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import fmean
from typing import Literal

from models.registry import GroupType
from plugins.registry.grade import Grade, grade_of

DIGEST_KIND = "report_digest"  # a mark: the street digest of one week was sent
TRIAL_KIND = "trial_reminder"  # a mark: the trial-period reminder of one week was sent
# Notices to many groups (plugins.broadcast) are on record, but they are no measures.
NOTICE_KINDS = ("broadcast", "notice")
# The department's decisions on filings and the roster imports are on record, no measures either.
RECORDS_ONLY = ("filing_decision", "roster_import")
NOT_MEASURES = frozenset({"content_policy", DIGEST_KIND, TRIAL_KIND, *NOTICE_KINDS, *RECORDS_ONLY})
NOT_FINDINGS = frozenset({"roster_match"})  # an approved join answer is no finding
FILED = frozenset({"已備案", "已批准"})
UNSETTLED = frozenset({"failed", "unconfirmed"})

Activity = Literal["active", "dormant", "finished"]
RateSource = Literal["checked", "estimated", "unknown"]


@dataclass(frozen=True)
class RecordFact:
    """One measure record, as the reports read it."""

    id: int
    created_at: datetime
    finished_at: datetime | None
    platform: str
    group_id: int | None
    unit: str
    action: str
    article: int
    category: str
    actor: int | None
    target: int | None
    reason: str
    status: str
    message_id: int | None
    follows: bool = False  # a removal elsewhere that a blacklisting brought

    @property
    def seconds(self) -> float | None:
        """From the record's creation to the platform's answer."""
        if self.finished_at is None:
            return None
        return max(0.0, (self.finished_at - self.created_at).total_seconds())

    @property
    def finding_key(self) -> tuple[str, str] | None:
        if not self.category or self.category in NOT_FINDINGS:
            return None
        ref = f"m{self.message_id}" if self.message_id is not None else f"r{self.id}"
        return self.category, ref


@dataclass(frozen=True)
class Finding:
    category: str
    platform: str
    group_id: int | None
    found_at: datetime
    seconds: float | None  # first record created → last record finished; None while pending


def findings_of(records: Iterable[RecordFact]) -> list[Finding]:
    """The findings the records tell of, in the order they were found."""
    by_key: defaultdict[tuple[str, str], list[RecordFact]] = defaultdict(list)
    for record in records:
        key = record.finding_key
        if key is not None:
            by_key[key].append(record)
    found: list[Finding] = []
    for (category, _), rows in by_key.items():
        leading = [r for r in rows if not r.follows]
        if not leading:
            continue
        first = min(leading, key=lambda r: r.id)
        ends = [r.finished_at for r in rows]
        seconds = None
        if all(end is not None for end in ends):
            last = max(end for end in ends if end is not None)
            seconds = max(0.0, (last - first.created_at).total_seconds())
        found.append(Finding(category, first.platform, first.group_id, first.created_at, seconds))
    return sorted(found, key=lambda f: f.found_at)


@dataclass(frozen=True)
class CategoryStat:
    category: str  # "" for measures taken by hand, without a finding
    findings: int
    measures: int
    mean_seconds: float | None
    max_seconds: float | None


def _mean(values: Sequence[float]) -> float | None:
    return fmean(values) if values else None


def by_category(
    records: Sequence[RecordFact], findings: Sequence[Finding] | None = None
) -> list[CategoryStat]:
    """Findings and measures per category, most findings first (`findings`: of `records`)."""
    findings = findings_of(records) if findings is None else findings
    measures = Counter(r.category for r in records if r.action not in NOT_MEASURES)
    times: defaultdict[str, list[float]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for finding in findings:
        counts[finding.category] += 1
        if finding.seconds is not None:
            times[finding.category].append(finding.seconds)
    stats = [
        CategoryStat(
            category,
            counts[category],
            measures[category],
            _mean(times[category]),
            max(times[category]) if times[category] else None,
        )
        for category in set(counts) | set(measures)
    ]
    return sorted(stats, key=lambda s: (-s.findings, -s.measures, s.category))


@dataclass(frozen=True)
class Realname:
    members: int  # judged (checked) or counted (estimated)
    compliant: int
    source: RateSource

    @property
    def rate(self) -> float | None:
        if self.source == "unknown" or self.members <= 0:
            return None
        return self.compliant / self.members

    @property
    def missing(self) -> int:
        return max(0, self.members - self.compliant)


def estimated(member_count: int, open_deadlines: int) -> Realname:
    """The rate from stored facts: members without an open card deadline count as compliant."""
    return Realname(member_count, max(0, member_count - open_deadlines), "estimated")


@dataclass(frozen=True)
class GroupFacts:
    """What the database (and, for /合規報告, the platform) says about one group."""

    platform: str
    group_id: int
    name: str
    unit: str
    type: GroupType
    status: str
    member_count: int
    messages_7d: int
    admins: tuple[int, ...]
    activity: Activity  # as the clearance duty judges it (Art. 14)
    silent_days: int
    finished_at: datetime | None
    realname: Realname
    open_clearance: int  # members in unconfirmed, unexpired clearance batches
    handovers_done: int  # completed within the period
    handovers_pending: int  # open now
    duties_off: tuple[str, ...]
    records: tuple[RecordFact, ...]  # the group's records within the period


Problem = Literal[
    "not_filed", "no_admin", "realname", "clearance", "unsettled", "handover", "dormant", "finished"
]


@dataclass(frozen=True)
class Scorecard:
    facts: GroupFacts
    grade: Grade
    categories: tuple[CategoryStat, ...]
    findings: int
    measures: int
    unsettled: int  # measures the platform refused, or whose outcome is unknown
    mean_seconds: float | None
    problems: tuple[Problem, ...]

    @property
    def filed(self) -> bool:
        return self.facts.status in FILED

    @property
    def activity(self) -> Activity:
        return self.facts.activity

    @property
    def silent_days(self) -> int:
        return self.facts.silent_days


def scorecard(facts: GroupFacts) -> Scorecard:
    records = facts.records
    found = findings_of(records)
    findings = [f for f in found if f.group_id == facts.group_id]
    measures = [r for r in records if r.action not in NOT_MEASURES]
    unsettled = sum(r.status in UNSETTLED for r in measures)
    problems: list[Problem] = []
    if facts.status not in FILED:
        problems.append("not_filed")
    if not facts.admins:
        problems.append("no_admin")
    if facts.realname.missing or facts.realname.source == "unknown":
        problems.append("realname")
    if facts.open_clearance:
        problems.append("clearance")
    if unsettled:
        problems.append("unsettled")
    if facts.handovers_pending:
        problems.append("handover")
    if facts.activity != "active":
        problems.append(facts.activity)
    return Scorecard(
        facts=facts,
        grade=grade_of(facts.type, facts.member_count, facts.messages_7d),
        categories=tuple(by_category(records, found)),
        findings=len(findings),
        measures=len(measures),
        unsettled=unsettled,
        mean_seconds=_mean([f.seconds for f in findings if f.seconds is not None]),
        problems=tuple(problems),
    )
