from datetime import UTC, datetime, timedelta, timezone

import pytest

from plugins.realname.deadline import deadline_for, is_overdue

SHANGHAI = timezone(timedelta(hours=8))


def test_deadline_is_24_hours_later_in_utc():
    joined = datetime(2025, 3, 1, 9, 30, tzinfo=SHANGHAI)
    deadline = deadline_for(joined)
    assert deadline == datetime(2025, 3, 2, 1, 30, tzinfo=UTC)
    assert deadline.tzinfo is UTC


def test_deadline_takes_other_hours():
    joined = datetime(2025, 3, 1, tzinfo=UTC)
    assert deadline_for(joined, 48) == datetime(2025, 3, 3, tzinfo=UTC)


@pytest.mark.parametrize("hours", [0, -1])
def test_deadline_refuses_non_positive_hours(hours):
    with pytest.raises(ValueError, match="positive"):
        deadline_for(datetime(2025, 3, 1, tzinfo=UTC), hours)


def test_naive_times_are_refused():
    naive = datetime(2025, 3, 1)  # noqa: DTZ001 - the point of the test
    aware = datetime(2025, 3, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="aware"):
        deadline_for(naive)
    with pytest.raises(ValueError, match="aware"):
        is_overdue(naive, aware)
    with pytest.raises(ValueError, match="aware"):
        is_overdue(aware, naive)


def test_overdue_from_the_deadline_on():
    deadline = datetime(2025, 3, 2, tzinfo=UTC)
    assert not is_overdue(deadline, deadline - timedelta(seconds=1))
    assert is_overdue(deadline, deadline)
    assert is_overdue(deadline, datetime(2025, 3, 2, 8, 0, 1, tzinfo=SHANGHAI))
