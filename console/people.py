"""Who may use the console, and which groups each one sees (the organisation file decides)."""

from collections.abc import Iterable
from dataclasses import dataclass

from core.org import Org


@dataclass(frozen=True)
class Viewer:
    account: int
    department: bool  # the department's staff and the superusers: every group, and decisions
    units: frozenset[str] = frozenset()  # the units a unit leader leads

    def sees(self, unit: str) -> bool:
        return self.department or unit in self.units


def viewer(account: int, org: Org, superusers: Iterable[int]) -> Viewer | None:
    """The console user `account` is, or None: only the department's staff, the superusers and
    the units' leaders may log in."""
    if org.is_department(account) or account in set(superusers):
        return Viewer(account, department=True)
    led = frozenset(u.name for u in org.units_led_by(account))
    return Viewer(account, department=False, units=led) if led else None
