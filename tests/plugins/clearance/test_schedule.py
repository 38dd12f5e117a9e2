"""Weeks, slots and idleness as pure functions of `now` (nothing fakes the clock)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.weekly import WeeklyTime, parse_weekly_time
from plugins.clearance.schedule import (
    idle_state,
    is_due,
    own_schedule,
    schedule_for,
    slot_in_week,
    week_of,
)

from .people import AT, WEEK

TZ = ZoneInfo("Asia/Shanghai")
MONDAY_9 = WeeklyTime(0, 9, 0)


def test_the_week_is_the_iso_week_in_the_street_time_zone() -> None:
    assert week_of(AT, TZ) == WEEK
    # Sunday 16:30 UTC is already Monday 00:30 in Shanghai: the next week.
    sunday_night_utc = datetime(2026, 3, 8, 16, 30, tzinfo=UTC)
    assert week_of(sunday_night_utc, ZoneInfo("UTC")) == "2026-W10"
    assert week_of(sunday_night_utc, TZ) == "2026-W11"
    # ISO years: 1 January 2027 (a Friday) still belongs to 2026's last week.
    assert week_of(datetime(2027, 1, 1, 4, 0, tzinfo=UTC), TZ) == "2026-W53"
    assert week_of(datetime(2027, 1, 4, 4, 0, tzinfo=UTC), TZ) == "2027-W01"


def test_the_slot_comes_once_a_week_at_its_local_time() -> None:
    monday_0859 = datetime(2026, 3, 2, 8, 59, tzinfo=TZ)
    assert not is_due(MONDAY_9, monday_0859, TZ)
    assert is_due(MONDAY_9, monday_0859 + timedelta(minutes=1), TZ)
    assert is_due(MONDAY_9, datetime(2026, 3, 8, 23, 59, tzinfo=TZ), TZ)  # still this week
    assert slot_in_week(MONDAY_9, AT, TZ) == datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    friday = WeeklyTime(4, 15, 30)
    assert slot_in_week(friday, AT, TZ) == datetime(2026, 3, 6, 15, 30, tzinfo=TZ)
    assert not is_due(friday, AT, TZ)


def test_the_group_setting_comes_first_then_the_grade_then_the_default() -> None:
    grade = {"一級": WeeklyTime(2, 8, 0)}
    own = WeeklyTime(4, 15, 0)
    assert schedule_for(own, "一級", grade, MONDAY_9) == own
    assert schedule_for(None, "一級", grade, MONDAY_9) == WeeklyTime(2, 8, 0)
    assert schedule_for(None, "三級", grade, MONDAY_9) == MONDAY_9
    assert schedule_for(None, None, grade, MONDAY_9) == MONDAY_9
    assert own_schedule(4, 15, 0) == own
    assert own_schedule(None, 15, 0) is None


def test_weekly_times_read_as_people_write_them() -> None:
    assert parse_weekly_time("週一 09:00") == MONDAY_9
    assert parse_weekly_time("周三 15:30") == WeeklyTime(2, 15, 30)
    assert parse_weekly_time("星期日 8:05") == WeeklyTime(6, 8, 5)
    assert parse_weekly_time("週天 08:05") == WeeklyTime(6, 8, 5)
    assert parse_weekly_time("Fri 17:00") == WeeklyTime(4, 17, 0)
    assert parse_weekly_time("monday 09:00") == MONDAY_9
    for bad in ("週八 09:00", "週一 24:00", "週一 09:60", "週一", "09:00", "xyz 09:00", ""):
        assert parse_weekly_time(bad) is None, bad
    assert str(WeeklyTime(6, 8, 5)) == "週日 08:05"
    with pytest.raises(ValueError, match="not a time"):
        WeeklyTime(7, 0, 0)


def _idle(**changes: object):  # type: ignore[no-untyped-def]
    facts: dict[str, object] = {
        "finished_at": None,
        "finished_reason": "",
        "last_message_at": AT - timedelta(days=3),
        "last_active_day": None,
        "filed_at": AT - timedelta(days=400),
        "now": AT,
        "dormant_days": 60,
        "tz": TZ,
    }
    return idle_state(**{**facts, **changes})  # type: ignore[arg-type]


def test_a_group_is_idle_when_finished_or_silent_for_the_dormant_days() -> None:
    assert _idle() is None
    done = _idle(finished_at=AT - timedelta(days=1), finished_reason="活動結束")
    assert done is not None
    assert done.finished
    assert done.finished_reason == "活動結束"
    silent = _idle(last_message_at=AT - timedelta(days=61))
    assert silent is not None
    assert not silent.finished
    assert silent.days == 61
    assert _idle(last_message_at=AT - timedelta(days=59)) is None
    # A day with activity counted (its end) is a sign of life too.
    assert _idle(last_message_at=None, last_active_day=date(2026, 2, 20)) is None
    # Never heard from: silent since filing.
    never = _idle(last_message_at=None, filed_at=AT - timedelta(days=70))
    assert never is not None
    assert never.days == 70
    assert never.since == AT - timedelta(days=70)
    assert _idle(last_message_at=None, filed_at=AT - timedelta(days=10)) is None
