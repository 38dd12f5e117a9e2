"""What the reports read from the other duties' records, and the marks of what they sent.

Reads only: groups and their admins (registry), card deadlines (realname), clearance batches,
handovers and measure records. The one write is a mark that a digest or reminder went out: a
measure record with no platform action, through the measures service (so it sits in the audit
chain like everything else).
"""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from core import runtime
from models.clearance import ClearanceItem, ClearanceSetting
from models.handover import Handover, HandoverStatus
from models.measures import MeasureRecord, RecordStatus
from models.realname import CardDeadline, DeadlineStatus
from models.registry import DutySwitch, Group, RegisteredAdmin
from plugins.clearance import store as clearance_store
from plugins.clearance.idle import idle_of
from plugins.clearance.schedule import Idle
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.registry import activity
from plugins.registry.duties import BY_KEY as DUTIES
from plugins.reports.scorecard import (
    NOT_MEASURES,
    GroupFacts,
    Realname,
    RecordFact,
    Scorecard,
    estimated,
    scorecard,
)
from plugins.reports.street import StreetReport, street_report

# The times and the detail are read raw and converted here: tortoise's own conversion of a month
# of a street's records takes seconds (an ISO parser in Python per value), this a tenth of that.
_RAW = {
    "at": RawSQL('"created_at"'),
    "done_at": RawSQL('"finished_at"'),
    "facts": RawSQL('"detail"'),
}
_FIELDS = (
    "id",
    "at",
    "done_at",
    "platform",
    "group_id",
    "unit",
    "action",
    "article",
    "category",
    "actor",
    "target",
    "reason",
    "status",
    "facts",
)


def now() -> datetime:
    return datetime.now(UTC)


def street_tz() -> ZoneInfo:
    return ZoneInfo(runtime.org().street.timezone)


def _time(value: Any) -> datetime | None:
    """A stored time as aware UTC (SQLite hands over text, PostgreSQL a datetime)."""
    if value is None:
        return None
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _detail(value: Any) -> dict[str, Any]:
    if isinstance(value, str | bytes):
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


def _fact(row: Sequence[Any]) -> RecordFact:
    (ident, created, finished, platform, group_id, unit, action, article, category) = row[:9]
    actor, target, reason, status, raw_detail = row[9:]
    detail = _detail(raw_detail)
    message_id = detail.get("message_id")
    created_at = _time(created)
    assert created_at is not None
    return RecordFact(
        id=ident,
        created_at=created_at,
        finished_at=_time(finished),
        platform=platform,
        group_id=group_id,
        unit=unit,
        action=action,
        article=article,
        category=category,
        actor=actor,
        target=target,
        reason=reason,
        status=str(getattr(status, "value", status)),
        message_id=message_id if isinstance(message_id, int) else None,
        follows=detail.get("blacklisted") is True,
    )


async def records_between(
    since: datetime, until: datetime, group: Group | None = None
) -> list[RecordFact]:
    """Measure records created in [since, until), the reports' own marks left out."""
    query = MeasureRecord.filter(created_at__gte=since, created_at__lt=until).exclude(
        action__in=NOT_MEASURES
    )
    if group is not None:
        query = query.filter(platform=group.platform, group_id=group.group_id)
    rows = await query.annotate(**_RAW).order_by("id").values_list(*_FIELDS)
    return [_fact(row) for row in rows]


def _activity(idle: Idle | None) -> dict[str, Any]:
    """Finished, dormant or active, as the clearance duty judges it (Art. 14)."""
    if idle is None:
        return {"activity": "active", "silent_days": 0}
    return {"activity": "finished" if idle.finished else "dormant", "silent_days": idle.days}


async def _count(query: QuerySet[Any], field: str) -> Counter[int]:
    values: list[Any] = await query.values_list(field, flat=True)
    return Counter(values)


async def group_facts(
    groups: Sequence[Group],
    since: datetime,
    until: datetime,
    at: datetime,
    records: Iterable[RecordFact],
) -> list[GroupFacts]:
    """Each group's facts, with the real-name rate estimated from stored facts."""
    pks = [g.id for g in groups]
    admins: defaultdict[int, list[int]] = defaultdict(list)
    for pk, user_id in await (
        RegisteredAdmin.filter(group_id__in=pks, until__isnull=True)
        .order_by("since")
        .values_list("group_id", "user_id")
    ):
        admins[pk].append(user_id)
    open_cards = Counter(
        await CardDeadline.filter(
            status=DeadlineStatus.OPEN, group_id__in=[g.group_id for g in groups]
        ).values_list("platform", "group_id")
    )
    clearance = await _count(
        ClearanceItem.filter(
            batch__group_id__in=pks, batch__confirmed_at__isnull=True, batch__expires_at__gt=at
        ),
        "batch__group_id",
    )
    handovers = Handover.filter(group_id__in=pks)
    done = await _count(
        handovers.filter(status=HandoverStatus.DONE, closed_at__gte=since, closed_at__lt=until),
        "group_id",
    )
    pending = await _count(
        handovers.filter(status=HandoverStatus.PENDING, expires_at__gt=at), "group_id"
    )
    off: defaultdict[int, list[str]] = defaultdict(list)
    for pk, duty in await DutySwitch.filter(group_id__in=pks, enabled=False).values_list(
        "group_id", "duty"
    ):
        if duty in DUTIES:  # not a duty's own option (`privacy.phone`, `secret.unread`)
            off[pk].append(DUTIES[duty].name)
    settings = {s.group_id: s for s in await ClearanceSetting.filter(group_id__in=pks)}  # type: ignore[attr-defined]
    last_days = await clearance_store.last_active_days()
    by_group: defaultdict[tuple[str, int | None], list[RecordFact]] = defaultdict(list)
    for record in records:
        by_group[(record.platform, record.group_id)].append(record)
    today = at.astimezone(street_tz()).date()
    facts: list[GroupFacts] = []
    for g in groups:
        facts.append(
            GroupFacts(
                platform=g.platform,
                group_id=g.group_id,
                name=g.name,
                unit=g.unit.name,
                type=g.type,
                status=g.status.value,
                member_count=g.member_count,
                messages_7d=await activity.messages_7d(g, today),
                admins=tuple(admins[g.id]),
                **_activity(idle_of(g, settings.get(g.id), last_days.get(g.id), at)),
                finished_at=g.finished_at,
                realname=estimated(g.member_count, open_cards[(g.platform, g.group_id)]),
                open_clearance=clearance[g.id],
                handovers_done=done[g.id],
                handovers_pending=pending[g.id],
                duties_off=tuple(off[g.id]),
                records=tuple(by_group[(g.platform, g.group_id)]),
            )
        )
    return facts


async def gather_street(since: datetime, until: datetime, at: datetime) -> StreetReport:
    """Every filed group's scorecard and every measure of [since, until), as at `at`."""
    groups = await Group.all().prefetch_related("unit")
    records = await records_between(since, until)
    facts = await group_facts(groups, since, until, at, records)
    return street_report(runtime.org().street.name, since, until, at, facts, records)


async def gather_group(
    group: Group, since: datetime, until: datetime, at: datetime, realname: Realname | None
) -> Scorecard:
    """One group's scorecard; `realname` as checked just now (None: estimated from records)."""
    records = await records_between(since, until, group)
    (facts,) = await group_facts([group], since, until, at, records)
    if realname is not None:
        counted = realname.members if realname.source == "checked" else facts.member_count
        facts = replace(facts, realname=realname, member_count=counted)
    return scorecard(facts)


# --- marks ----------------------------------------------------------------------------------------


async def marked_weeks(kind: str, **match: str) -> set[str]:
    """The weeks a mark of `kind` is on record for (whose detail also matches `match`)."""
    details: list[Any] = await MeasureRecord.filter(
        action=kind, status=RecordStatus.DONE
    ).values_list("detail", flat=True)
    return {
        str(d["week"])
        for d in details
        if isinstance(d, dict) and "week" in d and all(d.get(k) == v for k, v in match.items())
    }


async def mark(kind: str, article: int, reason: str, detail: dict[str, Any]) -> None:
    """Remember that something went out: a record with no platform action."""
    await carry_out(
        None, Measure(kind=kind, article=article, action=None, reason=reason, detail=detail)
    )
