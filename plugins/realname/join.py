"""Join requests: refuse, approve, or leave to the group's admins; and default member caps.

Order of the decision: a blacklisted account is refused; then a group at its cap is refused;
then the roster decides. Approval needs all of: the roster lists people of the group's unit, the
requester's account is in it under that unit and 在崗, and the answer names that person (any
script, separators, or words around it: `張三`, `XX社區-张三`, `我是張三`). QQ hands the answer
over as `問題：…\n答案：…`; only the text after the last 答案 counts. Everything else is left to
the admins with a note saying why, and the matched roster person when there is one. A group that
has not switched auto-approval on gets the same note it would, plus that reason.

On a platform without cards or join answers (Telegram) the roster cannot know the account: the
applicant answers the bot privately, and the answer itself says who they are (a `Claim`). An
account already bound there to a roster person is judged as an account in the roster is; any
other answer must name (unit optional, any script) a person of the group's unit who is 在崗 and not
bound there to another account. The answer is all the bot can go by, so what does not fit is
refused (the applicant is told why, and to ask the group's admins), not left waiting: only a unit
with no roster at all is left to the admins. The reasons a refusal gives name no roster data.

Default member caps come from the rulebook (`duty.realname.member_caps`), by group type and grade:
a work group should stay within what its admins can check by name, so the default rulebook starts
internal groups smaller than groups with members of the public (1000/500/200 against
2000/1000/500; QQ's own tiers are 200, 500, 1000, 2000 and 3000). Grades come from the registry:
一級 (key, large or active), 二級, 三級 (routine, small); an empty grade (not graded yet) takes
the 二級 cap.
"""

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Literal

from core.rulebook import MemberCaps
from core.script import to_simplified
from plugins.realname import texts
from plugins.realname.normal import MatchKey, fold, match_key
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

GroupType = Literal["內部", "群眾"]
JoinKind = Literal["approve", "refuse", "ask_admins"]
JoinWhy = Literal[
    "blacklisted",
    "full",
    "roster_match",
    "auto_approve_off",
    "no_roster",
    "not_in_roster",
    "other_unit",
    "departed",
    "answer_mismatch",
    "name_other_account",
]

_GROUP_TYPES: dict[str, GroupType] = {"内部": "內部", "群众": "群眾"}
_GRADES = {"1": 1, "一": 1, "2": 2, "二": 2, "3": 3, "三": 3}
_GRADE = re.compile(r"([123一二三])级?")
_ANSWER = re.compile(r"答案\s*:")


@dataclass(frozen=True, slots=True)
class JoinDecision:
    """`reason` is sent to the applicant when refused, and is the admins' note otherwise."""

    kind: JoinKind
    why: JoinWhy
    reason: str
    entry: RosterEntry | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """Who an account may be where the roster cannot know it (a platform without cards).

    `bound`: the roster person the account is already bound to on that platform; `taken`: the
    roster accounts of people bound there to other accounts."""

    bound: RosterEntry | None = None
    taken: Set[int] = frozenset()


def decide_join(
    account: int,
    answer: str,
    *,
    blacklisted: bool,
    member_count: int,
    member_cap: int,
    auto_approve: bool,
    roster: RosterIndex,
    group_unit: str,
    claim: Claim | None = None,
) -> JoinDecision:
    """What to do with a join request (order and rules in the module docstring); `claim` given:
    the answer was given privately on a platform where the roster cannot know the account.

    Raises ValueError when `member_cap` is not positive.
    """
    early = before_answer(blacklisted=blacklisted, member_count=member_count, member_cap=member_cap)
    if early is not None:
        return early
    said, unit = match_key(answer_text(answer)), match_key(group_unit)
    if claim is None:
        decision = _by_roster(account, said, roster, unit)
    else:
        decision = _by_claim(said, roster, unit, claim)
    if decision.kind == "approve" and not auto_approve:
        return JoinDecision(
            "ask_admins", "auto_approve_off", texts.JOIN_AUTO_APPROVE_OFF, decision.entry
        )
    return decision


def before_answer(*, blacklisted: bool, member_count: int, member_cap: int) -> JoinDecision | None:
    """A refusal that needs no answer (blacklisted, full), or None: the answer decides.

    Raises ValueError when `member_cap` is not positive.
    """
    if member_cap <= 0:
        raise ValueError(f"member cap must be positive, not {member_cap}")
    if blacklisted:
        return JoinDecision("refuse", "blacklisted", texts.JOIN_BLACKLISTED)
    if member_count >= member_cap:
        return JoinDecision("refuse", "full", texts.join_full(member_cap))
    return None


def answer_text(comment: str) -> str:
    """The applicant's own words in a join request's comment (after the last 答案：)."""
    return _ANSWER.split(fold(comment))[-1]


def _by_roster(account: int, said: MatchKey, roster: RosterIndex, unit: MatchKey) -> JoinDecision:
    if not roster.has_unit(unit):
        return JoinDecision("ask_admins", "no_roster", texts.JOIN_NO_ROSTER)
    entry = roster.by_account(account)
    if entry is None:
        claimed = _named_person(said, roster.unit_names(unit))
        if claimed is not None:
            return JoinDecision(
                "ask_admins", "name_other_account", texts.JOIN_NAME_OTHER_ACCOUNT, claimed
            )
        return JoinDecision("ask_admins", "not_in_roster", texts.JOIN_NOT_IN_ROSTER)
    return _by_entry(entry, said, unit)


def _by_entry(
    entry: RosterEntry, said: MatchKey, unit: MatchKey, rest: MatchKey | None = None
) -> JoinDecision:
    """The account's roster person is known: of the unit, named by the answer (or by `rest`,
    the answer without the unit), 在崗."""
    if match_key(entry.unit) != unit:
        return JoinDecision("ask_admins", "other_unit", texts.join_other_unit(entry.unit), entry)
    name = match_key(entry.name)
    if not (_names(said, name) or (rest is not None and _names(rest, name))):
        return JoinDecision("ask_admins", "answer_mismatch", texts.JOIN_ANSWER_MISMATCH, entry)
    if entry.status != "在崗":
        return JoinDecision("ask_admins", "departed", texts.JOIN_DEPARTED, entry)
    return JoinDecision("approve", "roster_match", texts.JOIN_APPROVED, entry)


def _by_claim(said: MatchKey, roster: RosterIndex, unit: MatchKey, claim: Claim) -> JoinDecision:
    if not roster.has_unit(unit):
        return JoinDecision("ask_admins", "no_roster", texts.JOIN_NO_ROSTER)
    if claim.bound is not None:
        known = _by_entry(claim.bound, said, unit, _without(said, unit))
        if known.why == "answer_mismatch":
            return JoinDecision("refuse", known.why, texts.JOIN_BOUND_MISMATCH, known.entry)
        return known if known.kind == "approve" else _refused(known)
    named = _named_people(said, unit, roster.unit_names(unit))
    if not named:
        elsewhere = _named_elsewhere(said, unit, roster)
        if elsewhere is not None:
            return JoinDecision("refuse", "other_unit", texts.JOIN_CLAIM_OTHER_UNIT, elsewhere)
        return JoinDecision("refuse", "not_in_roster", texts.JOIN_CLAIM_NOT_IN_ROSTER)
    active = [e for e in named if e.status == "在崗"]
    if not active:
        return JoinDecision("refuse", "departed", texts.JOIN_DEPARTED, named[0])
    free = [e for e in active if e.account not in claim.taken]
    if not free:
        return JoinDecision("refuse", "name_other_account", texts.JOIN_CLAIM_NAME_TAKEN, active[0])
    return JoinDecision("approve", "roster_match", texts.JOIN_APPROVED, free[0])


def _refused(decision: JoinDecision) -> JoinDecision:
    return JoinDecision("refuse", decision.why, decision.reason, decision.entry)


def _named_people(
    said: MatchKey, unit: MatchKey, names: Mapping[MatchKey, tuple[RosterEntry, ...]]
) -> tuple[RosterEntry, ...]:
    """The people (namesakes) of the unit whose name the answer gives, with the unit written
    before or around it or not (`XX社區-趙` names 趙 as `趙` alone does)."""
    rest = _without(said, unit)
    found = [name for name in names if _names(rest, name) or _names(said, name)]
    return names[max(found, key=len)] if found else ()


def _without(said: MatchKey, unit: MatchKey) -> MatchKey:
    """The answer without the unit's name, where it writes it."""
    return MatchKey(said.replace(unit, "", 1)) if unit and unit in said else said


def _named_elsewhere(said: MatchKey, unit: MatchKey, roster: RosterIndex) -> RosterEntry | None:
    """A person of another unit, when the answer writes that unit and the person's name."""
    for other in roster.units():
        if other != unit and other and other in said:
            named = _named_people(said, other, roster.unit_names(other))
            if named:
                return named[0]
    return None


def _names(said: MatchKey, name: MatchKey) -> bool:
    """Whether the answer names `name`: a one-character name must be the whole answer."""
    return said == name or (len(name) >= 2 and name in said)


def _named_person(
    said: MatchKey, names: Mapping[MatchKey, tuple[RosterEntry, ...]]
) -> RosterEntry | None:
    """The roster person with the longest name the answer names, if any."""
    found = [name for name in names if _names(said, name)]
    return names[max(found, key=len)][0] if found else None


def member_cap_default(group_type: str, grade: str, caps: MemberCaps) -> int:
    """The starting member cap for a new group, from the rulebook's table (`caps`).

    Raises ValueError for an unknown group type or grade.
    """
    kind = _GROUP_TYPES.get(to_simplified(group_type))
    folded = to_simplified("".join(fold(grade).split()))
    match = _GRADE.fullmatch(folded)
    if kind is None or (folded and match is None):
        raise ValueError(f"unknown group type {group_type!r} or grade {grade!r}")
    level = _GRADES[match.group(1)] if match else 2
    return (caps.internal if kind == "內部" else caps.public)[level - 1]
