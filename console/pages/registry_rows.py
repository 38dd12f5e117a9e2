"""The registry page's rows: every filed group a viewer may see, read in a few queries, and the
filters of the page (pure)."""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from tortoise.functions import Sum

from console import texts
from console.people import Viewer
from core import runtime
from models.registry import ActivityDay, DutySwitch, Group, GroupStatus, GroupType, RegisteredAdmin
from plugins.registry.duties import DUTIES
from plugins.registry.grade import grade_of

T = TypeVar("T")


@dataclass(frozen=True)
class Row:
    platform: str
    group_id: int
    name: str
    unit: str
    type: GroupType
    grade: str
    status: GroupStatus
    admins: tuple[int, ...]
    duties: tuple[str, ...]

    @property
    def pending(self) -> bool:
        return self.status == GroupStatus.PENDING


@dataclass(frozen=True)
class Filters:
    unit: str | None = None  # the unit's name as the organisation file writes it
    type: GroupType | None = None
    status: GroupStatus | None = None
    grade: str | None = None

    def keep(self, row: Row) -> bool:
        return (
            (self.unit is None or row.unit == self.unit)
            and (self.type is None or row.type == self.type)
            and (self.status is None or row.status == self.status)
            and (self.grade is None or row.grade == self.grade)
        )


class BadFilter(ValueError):
    """A filter value the page does not offer."""


def parse_filters(query: Mapping[str, str]) -> Filters:
    """`unit` (either script), `type`, `status` and `grade` (the page's ASCII values); empty or
    absent means all."""
    unit = type_ = status = grade = None
    if name := query.get("unit", "").strip():
        found = runtime.org().unit(name)
        if found is None:
            raise BadFilter(name)
        unit = found.name
    if value := query.get("type", ""):
        type_ = _known(texts.TYPES, value)
    if value := query.get("status", ""):
        status = _known(texts.STATUSES, value)
    if value := query.get("grade", ""):
        grade = _known(texts.GRADES, value)
    return Filters(unit, type_, status, grade)


def _known(choices: Mapping[str, T], value: str) -> T:
    if value not in choices:
        raise BadFilter(value)
    return choices[value]


async def rows_for(viewer: Viewer) -> list[Row]:
    """Every group `viewer` sees, newest filing first."""
    query = Group.all().prefetch_related("unit").order_by("-filed_at", "-id")
    if not viewer.department:
        query = query.filter(unit__name__in=sorted(viewer.units))
    groups = await query
    ids = [g.id for g in groups]
    admins: defaultdict[int, list[int]] = defaultdict(list)
    # Plain tuples, not model instances: a street's 1,000 groups stay under the page's 300 ms.
    current = RegisteredAdmin.filter(group_id__in=ids, until=None).order_by("since", "id")
    for group_id, user_id in await current.values_list("group_id", "user_id"):
        admins[group_id].append(user_id)
    off: defaultdict[int, set[str]] = defaultdict(set)
    switched = DutySwitch.filter(group_id__in=ids, enabled=False)
    for group_id, duty in await switched.values_list("group_id", "duty"):
        off[group_id].add(duty)
    messages = await _messages_7d(ids)
    return [_row(g, admins[g.id], off[g.id], messages[g.id]) for g in groups]


async def _messages_7d(ids: Iterable[int]) -> Counter[int]:
    today = datetime.now(UTC).astimezone(ZoneInfo(runtime.org().street.timezone)).date()
    week = ActivityDay.filter(group_id__in=list(ids), day__gte=today - timedelta(6))
    summed = week.annotate(total=Sum("messages")).group_by("group_id")
    return Counter(
        {
            group_id: int(total or 0)
            for group_id, total in await summed.values_list("group_id", "total")
        }
    )


def _row(group: Group, admins: list[int], off: set[str], messages: int) -> Row:
    on: Iterable[str] = ()
    if group.status != GroupStatus.REVOKED:
        on = (d.name for d in DUTIES if d.bound and d.key not in off)
    return Row(
        platform=group.platform,
        group_id=group.group_id,
        name=group.name,
        unit=group.unit.name,
        type=group.type,
        grade=grade_of(group.type, group.member_count, messages),
        status=group.status,
        admins=tuple(admins),
        duties=tuple(on),
    )
