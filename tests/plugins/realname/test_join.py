import pytest

from core.rulebook import DEFAULT_FILE, load_rulebook
from plugins.realname import texts
from plugins.realname.join import (
    JoinDecision,
    answer_text,
    decide_join,
    member_cap_default,
)
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

from .people import LI, WANG, ZHANG, ZHAO

CAPS = load_rulebook(DEFAULT_FILE).duty.realname.member_caps  # type: ignore[union-attr]

UNIT = "XX社區"


def decide(roster, account=ZHANG.account, answer="張三", **overrides):
    facts = {
        "blacklisted": False,
        "member_count": 10,
        "member_cap": 500,
        "auto_approve": True,
        "roster": roster,
        "group_unit": UNIT,
    } | overrides
    return decide_join(account, answer, **facts)


@pytest.mark.parametrize(
    "answer",
    [
        "張三",
        "张三",
        "XX社區—張三",
        "XX社區-张三",
        "我是張三",
        "問題：單位和姓名\n答案：XX社区 张三",
    ],
)
def test_an_answer_naming_the_roster_person_is_approved(roster, answer):
    assert decide(roster, answer=answer) == JoinDecision(
        "approve", "roster_match", texts.JOIN_APPROVED, ZHANG
    )


def test_blacklisted_is_refused_first(roster):
    decision = decide(roster, blacklisted=True, member_count=500)
    assert (decision.kind, decision.why, decision.reason) == (
        "refuse",
        "blacklisted",
        texts.JOIN_BLACKLISTED,
    )


@pytest.mark.parametrize("count", [500, 501])
def test_a_full_group_is_refused(roster, count):
    decision = decide(roster, member_count=count)
    assert (decision.kind, decision.why) == ("refuse", "full")
    assert decision.reason == "本群已達成員上限（500人）"


def test_one_place_left_is_not_full(roster):
    assert decide(roster, member_count=499).kind == "approve"


def test_auto_approve_off_leaves_a_match_to_admins(roster):
    decision = decide(roster, auto_approve=False)
    assert (decision.kind, decision.why, decision.entry) == (
        "ask_admins",
        "auto_approve_off",
        ZHANG,
    )


def test_auto_approve_off_keeps_other_reasons(roster):
    assert decide(roster, answer="李四", auto_approve=False).why == "answer_mismatch"


@pytest.mark.parametrize(
    ("account", "answer", "why", "entry"),
    [
        (ZHANG.account, "李四", "answer_mismatch", ZHANG),
        (ZHANG.account, "", "answer_mismatch", ZHANG),
        (LI.account, "李四", "departed", LI),
        (WANG.account, "王五", "other_unit", WANG),
        (99999, "張三", "name_other_account", ZHANG),
        (99999, "我是外賣員", "not_in_roster", None),
    ],
)
def test_other_cases_are_left_to_admins(roster, account, answer, why, entry):
    decision = decide(roster, account=account, answer=answer)
    assert (decision.kind, decision.why, decision.entry) == ("ask_admins", why, entry)
    assert decision.reason


def test_other_unit_note_names_the_unit(roster):
    assert decide(roster, account=WANG.account).reason == texts.join_other_unit("YY村")


def test_a_unit_without_roster_is_left_to_admins(roster):
    assert decide(roster, group_unit="ZZ鎮").why == "no_roster"
    assert decide(RosterIndex([]), group_unit="ZZ鎮").why == "no_roster"


def test_one_character_names_must_be_the_whole_answer(roster):
    assert decide(roster, account=ZHAO.account, answer="趙").kind == "approve"
    assert decide(roster, account=ZHAO.account, answer="我姓趙").why == "answer_mismatch"


def test_longest_named_person_is_reported():
    short = RosterEntry(UNIT, "張三", 11111, "在崗")
    long = RosterEntry(UNIT, "張三豐", 22222, "在崗")
    decision = decide(RosterIndex([short, long]), account=99999, answer="我是張三豐")
    assert decision.entry == long


def test_cap_must_be_positive(roster):
    with pytest.raises(ValueError, match="positive"):
        decide(roster, member_cap=0)


def test_answer_text_takes_the_words_after_the_last_answer_label():
    assert answer_text("問題：你是誰？\n答案：張三") == "張三"
    assert answer_text("问题:答案是什么\n答案: 张三") == " 张三"
    assert answer_text("我是張三") == "我是張三"


@pytest.mark.parametrize(
    ("group_type", "grade", "cap"),
    [
        ("內部", "一級", 1000),
        ("內部", "二级", 500),
        ("內部", "3", 200),
        ("內部", "", 500),
        ("群眾", "1級", 2000),
        ("群眾", " 二 級 ", 1000),
        ("群眾", "三級", 500),
        ("群眾", "", 1000),
    ],
)
def test_member_cap_default(group_type, grade, cap):
    assert member_cap_default(group_type, grade, CAPS) == cap


def test_member_cap_default_accepts_simplified_type():
    assert member_cap_default("群众", "一级", CAPS) == 2000


@pytest.mark.parametrize(("group_type", "grade"), [("內部", "四級"), ("外部", "一級")])
def test_member_cap_default_refuses_unknown_values(group_type, grade):
    with pytest.raises(ValueError, match="unknown"):
        member_cap_default(group_type, grade, CAPS)


def test_member_caps_are_qq_tiers():
    assert {*CAPS.internal, *CAPS.public} <= {200, 500, 1000, 2000, 3000}
