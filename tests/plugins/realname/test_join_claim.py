"""The join decision where the answer was given privately and the roster cannot know the account
(a platform without cards): the answer says who the applicant is (join.Claim)."""

from collections.abc import Set

import pytest

from plugins.realname import texts
from plugins.realname.join import Claim, JoinDecision, JoinWhy, before_answer, decide_join
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

from .people import AYI, LI, WANG, ZHANG, ZHANG_NAMESAKE, ZHAO

UNIT = "XX社區"
APPLICANT = 6100004  # a Telegram account: in no roster


def decide(
    roster: RosterIndex,
    answer: str = "XX社區-張三",
    *,
    bound: RosterEntry | None = None,
    taken: Set[int] = frozenset(),
    **overrides: object,
) -> JoinDecision:
    facts: dict[str, object] = {
        "blacklisted": False,
        "member_count": 10,
        "member_cap": 500,
        "auto_approve": True,
        "roster": roster,
        "group_unit": UNIT,
    } | overrides
    return decide_join(APPLICANT, answer, claim=Claim(bound, taken), **facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "entry"),
    [
        ("XX社區-張三", ZHANG),
        ("xx社区 张三", ZHANG),
        ("張三", ZHANG),
        ("我是XX社區的張三", ZHANG),
        ("XX社區-趙", ZHAO),  # a one-character name after the unit
        ("趙", ZHAO),
        ("XX社区—阿依古丽·买买提", AYI),
    ],
)
def test_an_answer_naming_a_person_of_the_unit_is_approved(
    roster: RosterIndex, answer: str, entry: RosterEntry
) -> None:
    assert decide(roster, answer) == JoinDecision(
        "approve", "roster_match", texts.JOIN_APPROVED, entry
    )


def test_auto_approval_off_leaves_a_match_to_the_admins_with_the_person(
    roster: RosterIndex,
) -> None:
    decision = decide(roster, auto_approve=False)
    assert (decision.kind, decision.why, decision.entry) == (
        "ask_admins",
        "auto_approve_off",
        ZHANG,
    )


@pytest.mark.parametrize(
    ("answer", "why", "reason", "entry"),
    [
        ("我是外賣員", "not_in_roster", texts.JOIN_CLAIM_NOT_IN_ROSTER, None),
        ("", "not_in_roster", texts.JOIN_CLAIM_NOT_IN_ROSTER, None),
        ("XX社區-王五", "not_in_roster", texts.JOIN_CLAIM_NOT_IN_ROSTER, None),
        ("YY村-王五", "other_unit", texts.JOIN_CLAIM_OTHER_UNIT, WANG),
        ("XX社區-李四", "departed", texts.JOIN_DEPARTED, LI),
    ],
)
def test_what_does_not_fit_is_refused(
    roster: RosterIndex, answer: str, why: JoinWhy, reason: str, entry: RosterEntry | None
) -> None:
    assert decide(roster, answer) == JoinDecision("refuse", why, reason, entry)


def test_refusals_name_nothing_of_the_roster(roster: RosterIndex) -> None:
    for answer in ("YY村-王五", "XX社區-李四", "路人", "XX社區-張三"):
        reason = decide(roster, answer, taken={ZHANG.account}).reason
        assert [w for w in ("YY村", "王五", "李四", "張三") if w in reason] == []


def test_a_person_bound_to_another_account_is_refused(roster: RosterIndex) -> None:
    decision = decide(roster, taken={ZHANG.account})
    assert decision == JoinDecision(
        "refuse", "name_other_account", texts.JOIN_CLAIM_NAME_TAKEN, ZHANG
    )


def test_a_namesake_in_post_not_yet_bound_is_the_one_named() -> None:
    other = RosterEntry(UNIT, "張三", 77777777, "在崗")
    roster = RosterIndex([ZHANG, ZHANG_NAMESAKE, other])
    assert decide(roster).entry == ZHANG  # the departed namesake is passed over
    assert decide(roster, taken={ZHANG.account}).entry == other
    assert decide(roster, taken={ZHANG.account, other.account}).why == "name_other_account"


def test_an_account_already_bound_is_judged_by_its_person(roster: RosterIndex) -> None:
    assert decide(roster, "張三", bound=ZHANG).kind == "approve"
    assert decide(roster, "XX社區-趙", bound=ZHAO).kind == "approve"
    mismatch = decide(roster, "XX社區-阿依古麗·買買提", bound=ZHANG)
    assert mismatch == JoinDecision("refuse", "answer_mismatch", texts.JOIN_BOUND_MISMATCH, ZHANG)
    assert decide(roster, "李四", bound=LI).why == "departed"
    other_unit = decide(roster, "王五", bound=WANG)
    assert (other_unit.kind, other_unit.why) == ("refuse", "other_unit")


def test_a_unit_without_roster_is_left_to_the_admins(roster: RosterIndex) -> None:
    decision = decide(roster, group_unit="ZZ鎮")
    assert (decision.kind, decision.why) == ("ask_admins", "no_roster")


def test_blacklist_and_cap_come_first(roster: RosterIndex) -> None:
    assert decide(roster, blacklisted=True).why == "blacklisted"
    assert decide(roster, member_count=500).why == "full"


def test_before_answer_decides_only_what_needs_no_answer() -> None:
    assert before_answer(blacklisted=False, member_count=1, member_cap=5) is None
    blacklisted = before_answer(blacklisted=True, member_count=5, member_cap=5)
    assert blacklisted == JoinDecision("refuse", "blacklisted", texts.JOIN_BLACKLISTED)
    full = before_answer(blacklisted=False, member_count=5, member_cap=5)
    assert full == JoinDecision("refuse", "full", texts.join_full(5))
    with pytest.raises(ValueError, match="positive"):
        before_answer(blacklisted=False, member_count=0, member_cap=0)
