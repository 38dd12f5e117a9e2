"""The roster entry and the difference between two rosters (what an import would change).

An entry is keyed by its account: one account is one person. Re-importing a file whose entries are
already stored yields a diff with nothing added or changed, so the storage layer writes nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Status = Literal["在崗", "調離"]


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One person of the roster. No ID numbers or phone numbers, ever (Art. 4)."""

    unit: str
    name: str
    account: int
    status: Status
    note: str = ""


@dataclass(frozen=True, slots=True)
class RosterChange:
    old: RosterEntry
    new: RosterEntry


@dataclass(frozen=True, slots=True)
class RosterDiff:
    """What importing `incoming` over `existing` changes, entries in incoming order.

    `missing` lists stored entries the file does not mention. A file may cover one unit only, so
    the import leaves them alone; the storage layer may offer to mark them 調離.
    """

    added: tuple[RosterEntry, ...]
    changed: tuple[RosterChange, ...]
    unchanged: tuple[RosterEntry, ...]
    missing: tuple[RosterEntry, ...]

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed)


def diff_roster(existing: Sequence[RosterEntry], incoming: Sequence[RosterEntry]) -> RosterDiff:
    """Compare by account. Raises ValueError when `incoming` repeats an account."""
    stored = {entry.account: entry for entry in existing}
    seen: set[int] = set()
    added: list[RosterEntry] = []
    changed: list[RosterChange] = []
    unchanged: list[RosterEntry] = []
    for entry in incoming:
        if entry.account in seen:
            raise ValueError(f"account {entry.account} appears twice in the incoming roster")
        seen.add(entry.account)
        old = stored.get(entry.account)
        if old is None:
            added.append(entry)
        elif old == entry:
            unchanged.append(entry)
        else:
            changed.append(RosterChange(old, entry))
    missing = tuple(entry for entry in existing if entry.account not in seen)
    return RosterDiff(tuple(added), tuple(changed), tuple(unchanged), missing)
