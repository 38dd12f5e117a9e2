"""Pure member decisions: accepted cards (visitors too), cards to set, who may be removed, counts."""

from adapters.port import Member
from plugins.realname import texts
from plugins.realname.card import compile_card_rule, judge
from plugins.realname.checks import accepted, card_accepted, card_to_set, check_members, removable
from plugins.realname.parse import SettingChange, is_default, parse_setting
from plugins.realname.roster import RosterEntry
from plugins.realname.roster_index import RosterIndex
from plugins.realname.wording import pages

from .people import LI, WANG, ZHANG

UNIT = "XX社區"
SELF = 99999


def test_the_spellings_of_one_card_are_judged_the_same(rule, roster):
    for card in ("XX社區-張三", "XX社區-张三", "XX社區—張三", "xx社区 / 张三", "ＸＸ社區－張三"):
        assert card_accepted(card, ZHANG.account, rule, roster, UNIT), card
    for card in ("張三", "张三"):  # the default format wants the unit: both fail alike
        assert not card_accepted(card, ZHANG.account, rule, roster, UNIT)
    name_only = compile_card_rule("姓名", "test")
    for card in ("張三", "张三", " 張三 "):
        assert card_accepted(card, ZHANG.account, name_only, roster, UNIT), card


def test_a_visitor_of_another_unit_is_accepted_under_their_own_account_only(rule, roster):
    verdict = judge("YY村-王五", rule, roster, UNIT, account=WANG.account)
    assert verdict.kind == "wrong_unit"
    assert accepted(verdict, WANG.account, roster)
    assert not accepted(verdict, ZHANG.account, roster)
    departed = RosterIndex([ZHANG, RosterEntry("YY村", "王五", WANG.account, "調離")])
    assert not card_accepted("YY村-王五", WANG.account, rule, departed, UNIT)
    assert not card_accepted("ZZ鎮-王五", WANG.account, rule, roster, UNIT)


def test_card_to_set(rule, roster):
    assert card_to_set(ZHANG.account, rule, roster, UNIT) == "XX社區-張三"
    assert card_to_set(WANG.account, rule, roster, UNIT) == "YY村-王五"
    assert card_to_set(LI.account, rule, roster, UNIT) is None  # 調離
    assert card_to_set(1, rule, roster, UNIT) is None
    # Under a name-only format a visitor's card would read as this unit's: none is set.
    assert card_to_set(WANG.account, compile_card_rule("姓名", "t"), roster, UNIT) is None


def test_only_plain_members_are_removable():
    assert removable("member", 50001, SELF)
    assert not removable("admin", 50001, SELF)
    assert not removable("owner", 50001, SELF)
    assert not removable("member", SELF, SELF)


def test_check_members_leaves_out_the_bot_and_counts_by_kind(rule, roster):
    members = [
        Member(SELF, "bot", "", "admin"),
        Member(ZHANG.account, "z", "XX社區-張三", "member"),
        Member(LI.account, "l", "XX社區-李四", "member"),
        Member(2, "nick", "", "owner"),
        Member(3, "n3", "XX社區-路人", "member"),
        Member(4, "n4", "亂寫", "member"),
    ]
    report = check_members(members, rule, roster, UNIT, SELF)
    assert (report.total, report.compliant) == (5, 1)
    assert [(p.user_id, p.name, p.kind) for p in report.problems] == [
        (LI.account, "XX社區-李四", "departed"),
        (2, "nick", "malformed"),
        (3, "XX社區-路人", "unknown_person"),
        (4, "亂寫", "malformed"),
    ]
    assert report.by_kind() == [("malformed", 2), ("unknown_person", 1), ("departed", 1)]


def test_parse_setting():
    assert parse_setting(("自動審核", "開")) == SettingChange("auto_approve", True)
    assert parse_setting(("逾期移出", "关")) == SettingChange("remove_after_deadline", False)
    assert parse_setting(("remove", "on")) == SettingChange("remove_after_deadline", True)
    assert parse_setting(("人數上限", "300")) == SettingChange("member_cap", 300)
    assert parse_setting(("cap", "預設")) == SettingChange("member_cap", None)
    for bad in (
        ("人數上限", "0"),
        ("人數上限", "１２"),
        ("自動審核",),
        ("顏色", "開"),
        ("自動審核", "300"),
    ):
        assert parse_setting(bad) is None, bad
    assert is_default("默认")
    assert not is_default("單位-姓名")


def test_pages_split_long_lists_and_say_how_many_were_left_out():
    lines = [f"line {i}" for i in range(7)]
    assert pages("head", lines[:2]) == ["head\nline 0\nline 1"]
    assert pages("head", lines, per_page=3, limit=2) == [
        "head\nline 0\nline 1\nline 2",
        f"line 3\nline 4\nline 5\n{texts.check_more(1)}",
    ]
    assert pages("head", []) == ["head"]
