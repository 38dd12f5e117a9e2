import pytest

from plugins.realname.card import CardRuleError, compile_card_rule, expected_card, judge

from .people import AYI, ZHANG, ZHAO

SETTING = "實名.群名片格式"
UNIT = "XX社區"


def test_default_pattern_compiles(rule):
    assert rule.fields == ("unit", "name")
    assert rule.separators == ("", "-", "")
    assert rule.display == "單位-姓名"


def test_braces_simplified_words_full_width_separators_and_title():
    rule = compile_card_rule("{单位}／{姓名}／職務", SETTING)
    assert rule.fields == ("unit", "name", "title")
    assert rule.separators == ("", "/", "/", "")
    assert rule.display == "單位/姓名/職務"


def test_leading_and_trailing_separators_are_kept_for_rendering():
    rule = compile_card_rule("【單位】姓名", SETTING)
    assert rule.separators == ("【", "】", "")
    assert expected_card(ZHANG, rule) == "【XX社區】張三"


def test_a_pattern_without_unit_means_the_groups_unit():
    rule = compile_card_rule(" 姓名 ", SETTING)
    assert rule.fields == ("name",)
    assert expected_card(ZHANG, rule) == "張三"


def test_expected_card_is_the_canonical_form(rule):
    assert expected_card(ZHANG, rule) == "XX社區-張三"


@pytest.mark.parametrize("pattern", ["單位-姓名", "姓名/單位", "【單位】姓名-職務", "姓名"])
def test_expected_card_is_judged_compliant(roster, pattern):
    rule = compile_card_rule(pattern, SETTING)
    for entry in (ZHANG, AYI, ZHAO):
        verdict = judge(expected_card(entry, rule), rule, roster, UNIT, account=entry.account)
        assert (verdict.kind, verdict.entry) == ("compliant", entry)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("單位-姓名-職務", "XX社區-張三"),
        ("職務 單位-姓名", "XX社區-張三"),
        ("單位-職務/姓名", "XX社區/張三"),
    ],
)
def test_expected_card_leaves_the_title_out(pattern, expected):
    assert expected_card(ZHANG, compile_card_rule(pattern, SETTING)) == expected


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("", "格式是空的"),
        (" － ", "缺少「姓名」欄位"),
        ("單位", "缺少「姓名」欄位"),
        ("{部門}-姓名", "不認識的欄位「部門」"),
        ("部門-姓名", "不認識的欄位「部門」"),
        ("單位姓名", "不認識的欄位「單位姓名」"),
        ("{單位}{姓名}", "「{單位}{姓名}」的大括號不對"),
        ("{單位-姓名", "「{單位」的大括號不對"),
        ("{}-姓名", "「{}」的大括號不對"),
        ("姓名-{姓名}", "「姓名」欄位出現兩次"),
        ("單位-" * 20 + "姓名", "格式太長"),
    ],
)
def test_bad_patterns_are_refused_naming_the_setting(pattern, reason):
    with pytest.raises(CardRuleError) as raised:
        compile_card_rule(pattern, SETTING)
    assert raised.value.setting_name == SETTING
    assert raised.value.pattern == pattern
    assert reason in raised.value.reason
    assert str(raised.value).startswith(f"設定「{SETTING}」的群名片格式「{pattern}」無效：")
