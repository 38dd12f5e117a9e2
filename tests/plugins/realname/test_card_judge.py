import pytest

from plugins.realname import texts
from plugins.realname.card import (
    CardVerdict,
    compile_card_rule,
    explain,
    judge,
    judge_members,
)
from plugins.realname.normal import match_key
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex

from .people import AYI, LI, WANG, ZHANG, ZHANG_NAMESAKE, ZHAO

UNIT = "XX社區"


@pytest.mark.parametrize(
    "card", ["XX社區-張三", "XX社區-张三", "XX社區—張三", "XX社区 / 张三", "ＸＸ社區－張三"]
)
def test_script_and_separator_variants_are_judged_the_same(rule, roster, card):
    verdict = judge(card, rule, roster, UNIT)
    assert verdict.kind == "compliant"
    assert verdict.compliant
    assert verdict.entry == ZHANG


def test_group_unit_spelling_does_not_matter(rule, roster):
    assert judge("XX社區-張三", rule, roster, "xx社区").entry == ZHANG


@pytest.mark.parametrize("card", ["", "張三", "张三", "XX社區", "張三-XX社區", "张三 xx社区"])
def test_malformed_cards(rule, roster, card):
    verdict = judge(card, rule, roster, UNIT)
    assert verdict.kind == "malformed"
    assert verdict.entry is None


def test_unknown_person(rule, roster):
    verdict = judge("XX社區-王二麻", rule, roster, UNIT)
    assert verdict.kind == "unknown_person"
    assert verdict.parsed is not None
    assert verdict.parsed.name == match_key("王二麻")


def test_wrong_unit_names_the_person_when_the_roster_knows_them(rule, roster):
    assert judge("YY村-王五", rule, roster, UNIT) == CardVerdict(
        "wrong_unit", rule.parse("YY村-王五"), WANG
    )
    assert judge("ZZ鎮-張三", rule, roster, UNIT).entry is None
    assert judge("ZZ鎮-張三", rule, roster, UNIT).kind == "wrong_unit"


def test_departed(rule, roster):
    verdict = judge("XX社區-李四", rule, roster, UNIT)
    assert (verdict.kind, verdict.entry) == ("departed", LI)


def test_account_must_be_the_roster_persons_when_given(rule, roster):
    assert judge("XX社區-張三", rule, roster, UNIT, account=ZHANG.account).kind == "compliant"
    verdict = judge("XX社區-張三", rule, roster, UNIT, account=WANG.account)
    assert (verdict.kind, verdict.entry) == ("account_mismatch", ZHANG)


def test_namesakes_are_told_apart_by_account(rule):
    roster = RosterIndex([ZHANG, ZHANG_NAMESAKE])
    assert judge("XX社區-張三", rule, roster, UNIT).entry == ZHANG
    namesake = judge("XX社區-張三", rule, roster, UNIT, account=ZHANG_NAMESAKE.account)
    assert (namesake.kind, namesake.entry) == ("departed", ZHANG_NAMESAKE)
    only_departed = RosterIndex([ZHANG_NAMESAKE])
    assert judge("XX社區-張三", rule, only_departed, UNIT).kind == "departed"


def test_a_unit_without_roster_needs_only_a_well_formed_card(rule, roster):
    assert judge("ZZ鎮-任何人", rule, roster, "ZZ鎮") == CardVerdict(
        "compliant", rule.parse("ZZ鎮-任何人")
    )
    assert judge("XX社區-張三", rule, roster, "ZZ鎮").kind == "wrong_unit"
    assert judge("任何人", rule, roster, "ZZ鎮").kind == "malformed"


@pytest.mark.parametrize("card", ["XX社區-阿依古麗·買買提", "XX社区 阿依古丽 买买提"])
def test_names_holding_a_separator(rule, roster, card):
    assert judge(card, rule, roster, UNIT).entry == AYI


def test_units_holding_a_separator():
    office = RosterEntry("XX街道黨政辦", "錢七", 78901234, "在崗")
    rule = compile_card_rule("單位-姓名", "s")
    verdict = judge("XX街道 黨政辦-錢七", rule, RosterIndex([office]), "XX街道黨政辦")
    assert verdict.entry == office


def test_one_character_name(rule, roster):
    assert judge("XX社區-趙", rule, roster, UNIT).entry == ZHAO


def test_title_is_free_text():
    rule = compile_card_rule("單位-姓名-職務", "s")
    roster = RosterIndex([ZHANG])
    assert judge("XX社區-張三-網格員", rule, roster, UNIT).entry == ZHANG
    assert judge("XX社區-張三", rule, roster, UNIT).entry == ZHANG
    ayi = judge("XX社區-阿依古麗·買買提", rule, RosterIndex([AYI]), UNIT)
    assert ayi.entry == AYI


def test_name_only_rule_takes_the_groups_unit(roster):
    rule = compile_card_rule("姓名", "s")
    assert judge("張三", rule, roster, UNIT).entry == ZHANG
    assert judge("王五", rule, roster, UNIT).kind == "unknown_person"


def test_judge_members_checks_every_account(rule, roster):
    verdicts = judge_members(
        [(ZHANG.account, "XX社區-張三"), (LI.account, "XX社區-李四"), (1, "XX社區-張三"), (2, "")],
        rule,
        roster,
        UNIT,
    )
    assert {account: v.kind for account, v in verdicts.items()} == {
        ZHANG.account: "compliant",
        LI.account: "departed",
        1: "account_mismatch",
        2: "malformed",
    }


def test_explain(rule, roster):
    required = "群名片請改為「單位-姓名」，例如「XX社區-張三」"
    assert explain(judge("XX社區-張三", rule, roster, UNIT), rule, UNIT) == ""
    assert explain(judge("張三", rule, roster, UNIT), rule, UNIT) == required
    assert explain(judge("XX社區-李四", rule, roster, UNIT), rule, UNIT) == texts.CARD_DEPARTED
    unknown = explain(judge("XX社區-王二麻", rule, roster, UNIT), rule, UNIT)
    assert unknown == f"群名片上的姓名不在本單位名冊中。{required}"
    wrong = explain(judge("YY村-王五", rule, roster, UNIT), rule, UNIT)
    assert wrong.startswith("群名片上的單位不是本群的建群單位")
    mismatch = explain(judge("XX社區-張三", rule, roster, UNIT, account=1), rule, UNIT)
    assert mismatch.startswith("群名片上的姓名在名冊中屬於另一個帳號")
