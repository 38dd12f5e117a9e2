"""Pure decisions about a group's members, on top of `card.judge`: no I/O here.

Accepted cards. A card is accepted when `judge` finds it compliant, or when it names, in the pattern,
a roster person of another unit who holds this very account and is 在崗: a visitor from another
office (a street official in a community group) is real-named by their own unit, and must not be
told to write a unit that is not theirs.

Where there are no cards (Telegram), a member is real-named by their account's binding to a roster
person (their private answer when they asked to join): a member without one is `unbound`, one bound
to a person now 調離 is `departed`.

Who may be removed. Only plain members: the platform's owner and admins, and the bot itself, are
never removed by the duty (they are still counted and reported).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from adapters.port import Member, Role
from plugins.realname.card import CardRule, CardVerdict, expected_card, judge, judge_members
from plugins.realname.roster_index import RosterIndex

PROBLEM_ORDER = (
    "malformed",
    "unknown_person",
    "wrong_unit",
    "departed",
    "account_mismatch",
    "unbound",
)


def accepted(verdict: CardVerdict, account: int, roster: RosterIndex) -> bool:
    """Whether a judged card passes (rules in the module docstring)."""
    if verdict.compliant:
        return True
    if verdict.kind != "wrong_unit" or verdict.parsed is None or verdict.parsed.unit is None:
        return False
    people = roster.lookup(verdict.parsed.unit, verdict.parsed.name)
    return any(p.account == account and p.status == "在崗" for p in people)


def card_accepted(
    card: str, account: int, rule: CardRule, roster: RosterIndex, group_unit: str
) -> bool:
    return accepted(judge(card, rule, roster, group_unit, account=account), account, roster)


def card_to_set(account: int, rule: CardRule, roster: RosterIndex, group_unit: str) -> str | None:
    """The card to give a member who joins, when the roster knows them (在崗) and it would pass."""
    entry = roster.by_account(account)
    if entry is None or entry.status != "在崗":
        return None
    card = expected_card(entry, rule)
    return card if card_accepted(card, account, rule, roster, group_unit) else None


def removable(role: Role, user_id: int, self_id: int) -> bool:
    return role == "member" and user_id != self_id


@dataclass(frozen=True)
class Problem:
    user_id: int
    name: str  # the card, or the nickname when there is no card
    kind: str


@dataclass(frozen=True)
class CheckReport:
    total: int
    problems: tuple[Problem, ...]

    @property
    def compliant(self) -> int:
        return self.total - len(self.problems)

    def by_kind(self) -> list[tuple[str, int]]:
        counts = Counter(p.kind for p in self.problems)
        return [(kind, counts[kind]) for kind in PROBLEM_ORDER if counts[kind]]


def check_members(
    members: Iterable[Member], rule: CardRule, roster: RosterIndex, group_unit: str, self_id: int
) -> CheckReport:
    """Every member's card judged (the bot itself left out), problems in member-list order."""
    people = [m for m in members if m.user_id != self_id]
    verdicts = judge_members(((m.user_id, m.card) for m in people), rule, roster, group_unit)
    problems = tuple(
        Problem(m.user_id, m.shown_name, verdicts[m.user_id].kind)
        for m in people
        if not accepted(verdicts[m.user_id], m.user_id, roster)
    )
    return CheckReport(len(people), problems)


def check_bindings(
    members: Iterable[Member], bound: Mapping[int, int], roster: RosterIndex, self_id: int
) -> CheckReport:
    """Every member judged by their binding (`bound`: account → roster account), the bot itself
    left out, problems in member-list order. A binding to someone no longer in the roster is
    as none."""
    people = [m for m in members if m.user_id != self_id]
    problems: list[Problem] = []
    for m in people:
        person = bound.get(m.user_id)
        entry = roster.by_account(person) if person is not None else None
        if entry is None:
            problems.append(Problem(m.user_id, m.shown_name, "unbound"))
        elif entry.status != "在崗":
            problems.append(Problem(m.user_id, m.shown_name, "departed"))
    return CheckReport(len(people), tuple(problems))
