"""When a group's weekly run is due, and whether a group is finished or dormant: pure functions.

Weeks are ISO weeks in the street's time zone (`2026-W48`). A group's run of a week is due once
the week's slot (e.g. Monday 09:00) has passed; the job runs each due group once a week, and a run
missed while the bot was down is still due when it comes back, until the week ends.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.weekly import WeeklyTime


def week_of(now: datetime, tz: ZoneInfo) -> str:
    """The ISO week of `now` as the street reads it, e.g. `2026-W48`."""
    year, week, _ = now.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


def slot_in_week(when: WeeklyTime, now: datetime, tz: ZoneInfo) -> datetime:
    """The moment of `when` in the ISO week of `now` (aware, in `tz`)."""
    local = now.astimezone(tz)
    monday = local.date() - timedelta(days=local.weekday())
    day = monday + timedelta(days=when.weekday)
    return datetime.combine(day, time(when.hour, when.minute), tzinfo=tz)


def is_due(when: WeeklyTime, now: datetime, tz: ZoneInfo) -> bool:
    """Whether this week's slot has come (the caller checks it has not run yet this week)."""
    return now >= slot_in_week(when, now, tz)


def schedule_for(
    own: WeeklyTime | None,
    grade: str | None,
    by_grade: Mapping[str, WeeklyTime],
    default: WeeklyTime,
) -> WeeklyTime:
    """The group's own time first, then its grade's, then the deployment's default."""
    if own is not None:
        return own
    if grade is not None and grade in by_grade:
        return by_grade[grade]
    return default


def own_schedule(weekday: int | None, hour: int | None, minute: int | None) -> WeeklyTime | None:
    """A group's stored time (ClearanceSetting), when it set one."""
    if weekday is None or hour is None or minute is None:
        return None
    return WeeklyTime(weekday, hour, minute)


@dataclass(frozen=True)
class Idle:
    """Why a group should be dissolved (Art. 14): finished, or silent since `since`."""

    finished_at: datetime | None
    finished_reason: str
    since: datetime | None  # the last message seen (or filing), for a dormant group
    days: int  # days silent

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


def idle_state(
    *,
    finished_at: datetime | None,
    finished_reason: str,
    last_message_at: datetime | None,
    last_active_day: date | None,
    filed_at: datetime,
    now: datetime,
    dormant_days: int,
    tz: ZoneInfo,
) -> Idle | None:
    """The group's idle state, or None when it is neither finished nor dormant.

    The last sign of life is the latest of the last message seen, the end of the last day with
    activity counted, and the filing (a group never heard from is silent since it was filed).
    """
    signs = [filed_at]
    if last_message_at is not None:
        signs.append(last_message_at)
    if last_active_day is not None:
        signs.append(datetime.combine(last_active_day + timedelta(days=1), time(), tzinfo=tz))
    since = max(signs)
    days = max(0, (now - since) // timedelta(days=1))
    if finished_at is not None:
        return Idle(finished_at, finished_reason, since, days)
    if days >= dormant_days:
        return Idle(None, "", since, days)
    return None
