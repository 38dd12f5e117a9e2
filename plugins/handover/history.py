"""A group's admin history, oldest first, from its registry rows and its completed handovers.

Each RegisteredAdmin row is a tenure: `since` (and, while it lasts, `reason`: why it began) and,
once it ends, `until` with `reason` saying why it ended. A completed handover writes the old
tenure's end and the new one's start at its own `closed_at`, so the history shows it as one entry
(old → new, who opened it, why) instead of an end and a start. Tenures that began without a
handover began by filing (the registry writes 備案); once ended, their start reads as filing when
the person is the group's filer, else without a reason.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

FILED_REASON = "備案"
LEFT_REASON = "退群"
SAME_MOMENT = timedelta(seconds=1)  # a handover's writes share one timestamp; allow for rounding


@dataclass(frozen=True)
class Tenure:
    """One RegisteredAdmin row."""

    user_id: int
    since: datetime
    until: datetime | None
    added_by: int
    reason: str


@dataclass(frozen=True)
class Change:
    """One completed handover."""

    from_admin: int | None
    to_admin: int
    opened_by: int
    reason: str
    forced: bool
    at: datetime  # its closed_at


EntryKind = Literal["start", "handover", "end"]
_RANK: dict[EntryKind, int] = {"end": 0, "handover": 1, "start": 2}


@dataclass(frozen=True)
class Entry:
    """One line of the history: `who` began or ended (start, end), or `other` → `who` (handover).

    `by`: who registered the start, or opened the handover.
    """

    kind: EntryKind
    at: datetime
    who: int
    reason: str
    by: int | None = None
    other: int | None = None
    forced: bool = False


def _near(a: datetime, b: datetime | None) -> bool:
    return b is not None and abs(a - b) <= SAME_MOMENT


def history(tenures: Sequence[Tenure], changes: Sequence[Change], filed_by: int) -> list[Entry]:
    """Every change of the group's registered admins, oldest first."""
    entries = [
        Entry("handover", c.at, c.to_admin, c.reason, c.opened_by, c.from_admin, c.forced)
        for c in changes
    ]
    for t in tenures:
        came_by_handover = any(c.to_admin == t.user_id and _near(c.at, t.since) for c in changes)
        if not came_by_handover:
            if t.until is None:
                why = t.reason
            else:
                why = FILED_REASON if t.user_id == filed_by else ""
            entries.append(Entry("start", t.since, t.user_id, why, t.added_by))
        if t.until is not None and not any(
            c.from_admin == t.user_id and _near(c.at, t.until) for c in changes
        ):
            entries.append(Entry("end", t.until, t.user_id, t.reason))
    return sorted(entries, key=lambda e: (e.at, _RANK[e.kind]))


def people(entries: Sequence[Entry]) -> list[int]:
    """Everyone the entries name, once each, in order of appearance."""
    seen: dict[int, None] = {}
    for e in entries:
        for uid in (e.other, e.who, e.by):
            if uid is not None:
                seen.setdefault(uid, None)
    return list(seen)
