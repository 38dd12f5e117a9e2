"""Pure decisions of the handover (Art. 5): arguments, checks, confirmation, rights. No I/O here.

Who is handed over from. The outgoing admin is the one the command names (a second @mention or
account), else the opener when they are a registered admin, else the group's only registered
admin; a group without one hands over from nobody. A group with several, none of them named or
opening, is asked which one.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from adapters.events import Args
from adapters.port import Role
from core.script import to_simplified
from models.handover import HandoverStatus
from plugins.realname.normal import match_key
from plugins.realname.roster import RosterEntry
from plugins.scanner.redact import free_text

PENDING_HOURS = 24
MAX_REASON = 200
FORCE_WORDS = frozenset({"强制", "force"})  # keys: Simplified, case-folded
_ACCOUNT = re.compile(r"\d{5,12}")


@dataclass(frozen=True)
class OpenArgs:
    new: int
    old: int | None  # the outgoing admin, when named
    reason: str
    force: bool


def is_force(word: str) -> bool:
    return to_simplified(word).casefold() in FORCE_WORDS


def parse_open(args: Args) -> OpenArgs | None:
    """`@新管理員 [@原管理員] [原因…] [強制]`: mentions, or without any, leading account numbers.

    The word 強制 / force counts wherever it stands alone; None for a call without a target.
    """
    words = [w for w in args.words if not is_force(w)]
    force = len(words) != len(args.words)
    targets = list(args.mentions)
    if not targets:
        while words and len(targets) < 2 and _ACCOUNT.fullmatch(words[0]):
            targets.append(int(words.pop(0)))
    if not 1 <= len(targets) <= 2 or len(set(targets)) != len(targets):
        return None
    old = targets[1] if len(targets) == 2 else None
    return OpenArgs(targets[0], old, free_text(words), force)


class Refusal(StrEnum):
    """Why a handover cannot be opened (each has its sentence in texts)."""

    FORCE_NOT_DEPARTMENT = "force_not_department"
    REASON_TOO_LONG = "reason_too_long"
    SELF = "self"  # the bot itself
    ALREADY_ADMIN = "already_admin"
    OLD_NOT_ADMIN = "old_not_admin"
    WHICH_ADMIN = "which_admin"


def refusal(
    parsed: OpenArgs, *, department: bool, bot_id: int, active: list[int]
) -> Refusal | None:
    """The first reason the command cannot go on, before anyone is looked up."""
    if parsed.force and not department:
        return Refusal.FORCE_NOT_DEPARTMENT
    if len(parsed.reason) > MAX_REASON:
        return Refusal.REASON_TOO_LONG
    if bot_id in (parsed.new, parsed.old):
        return Refusal.SELF
    if parsed.new in active:
        return Refusal.ALREADY_ADMIN
    if parsed.old is not None and parsed.old not in active:
        return Refusal.OLD_NOT_ADMIN
    return None


def outgoing(parsed: OpenArgs, opener: int, active: list[int]) -> int | Refusal | None:
    """Who is handed over from (rules in the module docstring)."""
    if parsed.old is not None:
        return parsed.old
    if opener in active:
        return opener
    if len(active) > 1:
        return Refusal.WHICH_ADMIN
    return active[0] if active else None


class Check(StrEnum):
    """The checks on the new admin, in the order they are reported."""

    NOT_MEMBER = "not_member"
    BLACKLISTED = "blacklisted"
    NOT_REAL_NAMED = "not_real_named"


def failed_checks(
    *, is_member: bool, blacklisted: bool, card_accepted: bool, on_unit_roster: bool
) -> tuple[Check, ...]:
    """Every check the new admin fails: a member of the group, not blacklisted, and real-named
    (a card the real-name duty accepts for this group, or a 在崗 roster person of its unit)."""
    failed: list[Check] = []
    if not is_member:
        failed.append(Check.NOT_MEMBER)
    if blacklisted:
        failed.append(Check.BLACKLISTED)
    if is_member and not (card_accepted or on_unit_roster):
        failed.append(Check.NOT_REAL_NAMED)
    return tuple(failed)


def on_unit_roster(entry: RosterEntry | None, group_unit: str) -> bool:
    """Whether the roster lists the person under the group's unit (any spelling), 在崗."""
    return (
        entry is not None
        and entry.status == "在崗"
        and match_key(entry.unit) == match_key(group_unit)
    )


def street_time(at: datetime, timezone: str) -> str:
    """A stored (aware) moment as the street reads it, e.g. `2025-03-02 09:00`."""
    return f"{at.astimezone(ZoneInfo(timezone)):%Y-%m-%d %H:%M}"


def expires_at(opened_at: datetime) -> datetime:
    return opened_at + timedelta(hours=PENDING_HOURS)


def is_expired(status: HandoverStatus, expires: datetime, now: datetime) -> bool:
    """A pending handover past its time is expired, whether or not the job has marked it yet."""
    return status == HandoverStatus.EXPIRED or (status == HandoverStatus.PENDING and now >= expires)


Confirm = Literal["none", "expired", "not_named", "confirm"]


def confirm_verdict(
    status: HandoverStatus, to_admin: int, expires: datetime, sender: int, now: datetime
) -> Confirm:
    """What `/確認交接` by `sender` does, given the group's latest handover."""
    if status in (HandoverStatus.DONE, HandoverStatus.CANCELLED):
        return "none"
    if is_expired(status, expires, now):
        return "expired"
    return "confirm" if sender == to_admin else "not_named"


@dataclass(frozen=True)
class RightsPlan:
    """The platform admin rights to move: make the new admin one, and unmake the old one."""

    grant: bool
    revoke: bool

    @property
    def needed(self) -> bool:
        return self.grant or self.revoke


def rights_plan(new_role: Role | None, old_role: Role | None) -> RightsPlan:
    """`None`: the platform could not say (the new admin then gets the right asked for anyway;
    an old admin it cannot find is no longer in the group). An owner is never changed."""
    return RightsPlan(grant=new_role in ("member", None), revoke=old_role == "admin")
