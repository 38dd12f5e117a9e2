"""When the weekly digest and the trial-period reminder are due: pure functions of the clock.

Both run from the database, not from the scheduler's memory: the job looks often, and a week is
done once a mark for it is on record, whatever restarts happen in between.

Digest (Art. 15). From Monday 09:00 (street time) the department is owed the digest of the week
before (Monday to Sunday). A bot that was down on Monday sends it when it is back, that week; a
week missed whole is not sent late.

Trial period (Art. 16). From 09:00 on the day 30 days before the trial period ends, the department
is reminded, then once every calendar week (Monday to Sunday, from 09:00) until the organisation
file's policy dates move the end out of that window.
"""

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SEND_AT = time(9, 0)
TRIAL_WARNING_DAYS = 30


def week_key(day: date) -> str:
    """The ISO week of `day`, e.g. `2026-W09`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_bounds(monday: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The week starting `monday`, street time, as aware UTC [start, end)."""
    start = datetime.combine(monday, time(0), tz)
    end = datetime.combine(monday + timedelta(days=7), time(0), tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def digest_due(now: datetime, tz: ZoneInfo, sent: Collection[str]) -> date | None:
    """The Monday of the week whose digest is owed at `now` (aware), or None."""
    local = now.astimezone(tz)
    this_monday = monday_of(local.date())
    if local < datetime.combine(this_monday, SEND_AT, tz):
        return None
    last_monday = this_monday - timedelta(days=7)
    return None if week_key(last_monday) in sent else last_monday


def trial_window_opens(trial_end: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(trial_end - timedelta(days=TRIAL_WARNING_DAYS), SEND_AT, tz)


def trial_reminder_due(now: datetime, tz: ZoneInfo, trial_end: date, sent_this_week: bool) -> bool:
    """Whether the department is owed a trial-period reminder at `now` (aware)."""
    local = now.astimezone(tz)
    if sent_this_week:
        return False
    return local >= trial_window_opens(trial_end, tz) and local.time() >= SEND_AT


def days_left(today: date, trial_end: date) -> int:
    """Days until the trial period ends (negative once it has)."""
    return (trial_end - today).days
