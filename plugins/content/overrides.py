"""A group's own content policy: its differences from the rulebook's ladders (pure).

A group may give a ladder other steps or another window, and put a category on another ladder of
the rulebook. Only the differences are kept, so where the group changed nothing a changed rulebook
applies as it is. A difference naming a ladder or category the rulebook no longer has is ignored.

Policies stored before the rulebook (an illegal mute, a set of blacklisting categories, the harmful
ladder and its window) are read onto the ladders `illegal`, `illegal_blacklist` and `harmful`,
where the rulebook has them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from adapters.actions import MAX_MUTE_SECONDS
from core.rulebook import Category, Ladder, Rulebook, Step

MAX_STEPS = 8
MAX_WINDOW_DAYS = 365
# The ladders a policy stored before the rulebook speaks of.
LEGACY_MUTE, LEGACY_BLACKLIST, LEGACY_HARMFUL = "illegal", "illegal_blacklist", "harmful"


def check_steps(steps: tuple[Step, ...]) -> None:
    """A group's steps: one to eight, each mute shorter than the platforms' limit."""
    if not 1 <= len(steps) <= MAX_STEPS:
        raise ValueError(f"a ladder has 1 to {MAX_STEPS} steps, not {len(steps)}")
    if any(s.seconds > MAX_MUTE_SECONDS for s in steps):
        raise ValueError("a mute must be under 30 days")


def check_window(days: int) -> None:
    if not 1 <= days <= MAX_WINDOW_DAYS:
        raise ValueError(f"a window of 1 to {MAX_WINDOW_DAYS} days, not {days}")


@dataclass(frozen=True)
class ContentPolicy:
    steps: Mapping[str, tuple[Step, ...]] = field(default_factory=dict)  # ladder key -> steps
    windows: Mapping[str, int] = field(default_factory=dict)  # ladder key -> window in days
    ladders: Mapping[str, str] = field(default_factory=dict)  # category key -> ladder key

    def __post_init__(self) -> None:
        for steps in self.steps.values():
            check_steps(steps)
        for days in self.windows.values():
            check_window(days)

    @property
    def empty(self) -> bool:
        return not (self.steps or self.windows or self.ladders)

    # What it makes of the rulebook.

    def ladder(self, book: Rulebook, key: str) -> Ladder:
        """The rulebook's ladder `key` with this group's steps and window."""
        own: dict[str, Any] = {}
        if key in self.steps:
            own["steps"] = self.steps[key]
        if key in self.windows:
            own["window_days"] = self.windows[key]
        return book.ladder[key].model_copy(update=own)

    def ladder_key(self, book: Rulebook, category: Category) -> str:
        moved = self.ladders.get(category.key)
        return moved if moved is not None and moved in book.ladder else category.ladder

    def ladder_for(self, book: Rulebook, category: Category) -> Ladder:
        """The ladder that deals with `category` in this group."""
        return self.ladder(book, self.ladder_key(book, category))

    def on_ladder(self, book: Rulebook, key: str) -> tuple[Category, ...]:
        return tuple(c for c in book.category if self.ladder_key(book, c) == key)

    def changes(self, book: Rulebook, key: str) -> bool:
        """Whether this group's ladder `key` differs from the rulebook's."""
        own = self.compact(book)
        return key in own.steps or key in own.windows

    def compact(self, book: Rulebook) -> "ContentPolicy":
        """Only what differs from `book` (and what `book` still has a ladder or category for)."""
        categories = {c.key: c for c in book.category}
        return ContentPolicy(
            steps={
                k: v
                for k, v in self.steps.items()
                if k in book.ladder and v != book.ladder[k].steps
            },
            windows={
                k: v
                for k, v in self.windows.items()
                if k in book.ladder and v != book.ladder[k].window_days
            },
            ladders={
                k: v
                for k, v in self.ladders.items()
                if k in categories and v in book.ladder and v != categories[k].ladder
            },
        )

    # On record.

    def to_detail(self) -> dict[str, Any]:
        detail: dict[str, Any] = {}
        if self.steps:
            detail["steps"] = {
                k: [[s.kind, s.seconds] for s in v] for k, v in sorted(self.steps.items())
            }
        if self.windows:
            detail["windows"] = dict(sorted(self.windows.items()))
        if self.ladders:
            detail["ladders"] = dict(sorted(self.ladders.items()))
        return detail

    @classmethod
    def from_detail(cls, data: Any, book: Rulebook) -> "ContentPolicy":
        """The policy a record's detail holds, against `book`; nothing for what is unreadable."""
        if not isinstance(data, dict):
            return cls()
        try:
            if any(k in data for k in ("illegal_mute_seconds", "blacklist", "ladder")):
                return _legacy(data, book).compact(book)
            return cls(
                steps={str(k): _steps(v) for k, v in dict(data.get("steps", {})).items()},
                windows={str(k): int(v) for k, v in dict(data.get("windows", {})).items()},
                ladders={str(k): str(v) for k, v in dict(data.get("ladders", {})).items()},
            ).compact(book)
        except (TypeError, ValueError):
            return cls()


def _steps(pairs: Any) -> tuple[Step, ...]:
    return tuple(Step(kind=kind, seconds=int(seconds)) for kind, seconds in pairs)


def _legacy(data: dict[str, Any], book: Rulebook) -> ContentPolicy:
    """A policy stored before the rulebook, on the ladders it spoke of."""
    steps: dict[str, tuple[Step, ...]] = {}
    windows: dict[str, int] = {}
    ladders: dict[str, str] = {}
    if "illegal_mute_seconds" in data and LEGACY_MUTE in book.ladder:
        steps[LEGACY_MUTE] = (Step(kind="mute", seconds=int(data["illegal_mute_seconds"])),)
    if "ladder" in data and LEGACY_HARMFUL in book.ladder:
        steps[LEGACY_HARMFUL] = _steps(data["ladder"])
    if "window_days" in data and LEGACY_HARMFUL in book.ladder:
        windows[LEGACY_HARMFUL] = int(data["window_days"])
    pair = (LEGACY_MUTE, LEGACY_BLACKLIST)
    if "blacklist" in data and all(k in book.ladder for k in pair):
        listed = {str(key) for key in data["blacklist"]}
        for c in book.category:
            if c.ladder in pair:
                ladders[c.key] = LEGACY_BLACKLIST if c.key in listed else LEGACY_MUTE
    return ContentPolicy(steps, windows, ladders)
