"""Who may use the console, and which groups each one sees (the organisation file decides)."""

from collections.abc import Iterable
from dataclasses import dataclass

from adapters import onebot_events
from core.org import Account, Org

# The console logs people in by QQ number, and sends the code through a QQ account: a
# Telegram account named in the organisation file does not log in (its decisions would be
# recorded by a number that means someone else on QQ).
PLATFORM = onebot_events.NAME


@dataclass(frozen=True)
class Viewer:
    account: int
    department: bool  # the department's staff and the superusers: every group, and decisions
    units: frozenset[str] = frozenset()  # the units a unit leader leads

    def sees(self, unit: str) -> bool:
        return self.department or unit in self.units


def viewer(account: int, org: Org, superusers: Iterable[Account]) -> Viewer | None:
    """The console user QQ `account` is, or None: only the department's staff, the superusers
    and the units' leaders may log in."""
    if org.is_department(PLATFORM, account) or Account(PLATFORM, account) in set(superusers):
        return Viewer(account, department=True)
    led = frozenset(u.name for u in org.units_led_by(PLATFORM, account))
    return Viewer(account, department=False, units=led) if led else None
