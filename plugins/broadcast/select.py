"""Which groups a broadcast goes to: pure, facts in and the matching groups out.

Selectors of one kind widen (XX社區 and XX村: the groups of either unit), selectors of different
kinds narrow (XX社區 and 群眾: XX社區's groups with members of the public). `全部` alone is every
managed group.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from models.registry import GroupType
from plugins.registry.grade import Grade

GRADES: tuple[Grade, ...] = ("一級", "二級", "三級")


@dataclass(frozen=True)
class Filters:
    """What the department picked; nothing picked selects nothing (`everything` is `全部`)."""

    units: frozenset[str] = field(default_factory=frozenset)  # the organisation file's names
    types: frozenset[GroupType] = field(default_factory=frozenset)
    grades: frozenset[Grade] = field(default_factory=frozenset)
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (self.everything or self.units or self.types or self.grades)

    def as_json(self) -> dict[str, Any]:
        return {
            "units": sorted(self.units),
            "types": sorted(t.value for t in self.types),
            "grades": [g for g in GRADES if g in self.grades],
            "everything": self.everything,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Filters":
        return cls(
            units=frozenset(data.get("units", ())),
            types=frozenset(GroupType(t) for t in data.get("types", ())),
            grades=frozenset(g for g in GRADES if g in data.get("grades", ())),
            everything=bool(data.get("everything", False)),
        )

    def shown(self) -> list[str]:
        """The selectors as the department typed them, in a fixed order."""
        if self.empty:
            return []
        picked = [*sorted(self.units), *(t.value for t in GroupType if t in self.types)]
        picked += [g for g in GRADES if g in self.grades]
        return picked or ["全部"]


@dataclass(frozen=True)
class GroupFacts:
    """A managed group as the selection sees it."""

    group_id: int
    name: str
    unit: str
    type: GroupType
    grade: Grade


def matches(filters: Filters, group: GroupFacts) -> bool:
    if filters.empty:
        return False
    return (
        (not filters.units or group.unit in filters.units)
        and (not filters.types or group.type in filters.types)
        and (not filters.grades or group.grade in filters.grades)
    )


def select(
    filters: Filters, groups: Iterable[GroupFacts], unit_order: Sequence[str] = ()
) -> list[GroupFacts]:
    """The matching groups, by unit (in `unit_order`, the organisation file's) then group id."""
    rank = {name: i for i, name in enumerate(unit_order)}
    found = [g for g in groups if matches(filters, g)]
    return sorted(found, key=lambda g: (rank.get(g.unit, len(rank)), g.unit, g.group_id))
