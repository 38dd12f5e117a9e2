"""The card deadline: a member who joins has `hours` to set a compliant card (24 by default)."""

from datetime import UTC, datetime, timedelta

DEFAULT_HOURS = 24


def deadline_for(joined_at: datetime, hours: float = DEFAULT_HOURS) -> datetime:
    """The deadline, in aware UTC. Raises ValueError for a naive time or non-positive hours."""
    _require_aware(joined_at, "joined_at")
    if hours <= 0:
        raise ValueError(f"the card deadline needs a positive number of hours, not {hours}")
    return (joined_at + timedelta(hours=hours)).astimezone(UTC)


def is_overdue(deadline: datetime, now: datetime) -> bool:
    """Whether `now` has reached the deadline. Raises ValueError for naive times."""
    _require_aware(deadline, "deadline")
    _require_aware(now, "now")
    return now >= deadline


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, not {moment!r}")
