"""When the Monday digest and the trial-period reminder are due (pure)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from plugins.reports.schedule import (
    days_left,
    digest_due,
    trial_reminder_due,
    week_bounds,
    week_key,
)

TZ = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 3, 2)  # ISO 2026-W10
LAST_MONDAY = date(2026, 2, 23)  # 2026-W09


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def test_week_keys_and_bounds_are_street_time() -> None:
    assert week_key(MONDAY) == "2026-W10"
    assert week_key(date(2026, 1, 1)) == "2026-W01"
    assert week_key(date(2027, 1, 1)) == "2026-W53"
    assert week_bounds(MONDAY, TZ) == (
        datetime(2026, 3, 1, 16, tzinfo=UTC),
        datetime(2026, 3, 8, 16, tzinfo=UTC),
    )


def test_the_digest_of_last_week_is_owed_from_monday_nine() -> None:
    assert digest_due(local(2026, 3, 2, 8, 59), TZ, set()) is None
    assert digest_due(local(2026, 3, 2, 9, 0), TZ, set()) == LAST_MONDAY
    assert digest_due(datetime(2026, 3, 2, 1, 0, tzinfo=UTC), TZ, set()) == LAST_MONDAY


def test_once_sent_it_is_not_owed_again_that_week() -> None:
    sent = {"2026-W09"}
    assert digest_due(local(2026, 3, 2, 9, 10), TZ, sent) is None
    assert digest_due(local(2026, 3, 8, 23, 59), TZ, sent) is None
    assert digest_due(local(2026, 3, 9, 9, 0), TZ, sent) == MONDAY


def test_a_bot_down_on_monday_sends_it_later_that_week() -> None:
    assert digest_due(local(2026, 3, 4, 15, 0), TZ, {"2026-W08"}) == LAST_MONDAY


def test_the_trial_reminder_opens_thirty_days_before_the_end_at_nine() -> None:
    end = date(2027, 1, 1)
    assert not trial_reminder_due(local(2026, 12, 1, 23, 0), TZ, end, False)
    assert not trial_reminder_due(local(2026, 12, 2, 8, 59), TZ, end, False)
    assert trial_reminder_due(local(2026, 12, 2, 9, 0), TZ, end, False)
    assert not trial_reminder_due(local(2026, 12, 2, 9, 0), TZ, end, True)


def test_the_trial_reminder_goes_on_after_the_end_but_never_before_nine() -> None:
    end = date(2027, 1, 1)
    assert trial_reminder_due(local(2027, 3, 1, 10, 0), TZ, end, False)
    assert not trial_reminder_due(local(2027, 3, 1, 7, 0), TZ, end, False)
    assert days_left(date(2026, 12, 2), end) == 30
    assert days_left(date(2027, 1, 3), end) == -2
