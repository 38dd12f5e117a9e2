import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.script import to_simplified, to_traditional
from plugins.realname.card import ParsedCard, compile_card_rule
from plugins.realname.normal import match_key

SETTING = "實名.群名片格式"


@pytest.mark.parametrize(
    "card",
    [
        "XX社區-張三",
        "XX社區-张三",
        "XX社区—張三",
        " ＸＸ社區 － 張三 ",
        "xx社区_/张三",
        "XX社區·張三",
        "XX社區・張三",
        "XX社區–張三",
        "XX社區\u200b/\u200b張三",
        "XX社區\u3000張三",
    ],
)
def test_spellings_of_one_card_parse_alike(rule, card):
    assert rule.parse(card) == ParsedCard(match_key("XX社區"), match_key("張三"))


@pytest.mark.parametrize("card", ["", "張三", " - ", "XX社區張三", "a-b-c-d-e-f-g-h-i"])
def test_cards_that_do_not_fit_parse_to_none(rule, card):
    assert rule.parse(card) is None


def test_extra_chunks_go_to_the_later_field(rule):
    parsed = rule.parse("XX社區-阿依古麗·買買提")
    assert parsed == ParsedCard(match_key("XX社區"), match_key("阿依古麗買買提"))


def test_title_is_optional():
    rule = compile_card_rule("單位-姓名-職務", SETTING)
    assert rule.parse("XX社區-張三-網格員") == ParsedCard(
        match_key("XX社區"), match_key("張三"), match_key("網格員")
    )
    assert rule.parse("XX社區-張三") == ParsedCard(match_key("XX社區"), match_key("張三"))


def test_name_only_rule_has_no_unit():
    rule = compile_card_rule("姓名", SETTING)
    assert rule.parse(" 張三 ") == ParsedCard(None, match_key("张三"))


SEPARATOR = st.sampled_from(["-", "－", "—", "–", "·", "・", "_", "/", " ", "\u3000", "／"])
SEPARATOR_RUN = st.lists(SEPARATOR, min_size=1, max_size=3).map("".join)
PADDING = st.sampled_from(["", " ", "  ", "\u3000", "\t"])
HAN = "張王李趙劉陳楊黃吳鄭孫馬東華麗國強偉軍紅梅雲鳳龍鵬區鎮鄉會村社街道園"
UNIT_SUFFIX = st.sampled_from(["社區", "村", "街道辦", "工作站", "居委會"])
LETTERS = "ABCXYZ"
UNIT = st.builds(
    "{}{}".format, st.text(alphabet=HAN + LETTERS, min_size=1, max_size=4), UNIT_SUFFIX
)
NAME = st.text(alphabet=HAN, min_size=2, max_size=4)
SCRIPT = st.sampled_from([to_simplified, to_traditional, str])
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in LETTERS})


@given(
    unit=UNIT,
    name=NAME,
    separator=SEPARATOR_RUN,
    before=PADDING,
    after=PADDING,
    unit_script=SCRIPT,
    name_script=SCRIPT,
    full_width=st.booleans(),
    lower=st.booleans(),
)
def test_any_variant_of_a_valid_card_parses_alike(
    unit, name, separator, before, after, unit_script, name_script, full_width, lower
):
    rule = compile_card_rule("單位-姓名", SETTING)
    shown_unit = unit_script(unit)
    if full_width:
        shown_unit = shown_unit.translate(FULL_WIDTH)
    if lower:
        shown_unit = shown_unit.lower()
    card = f"{before}{shown_unit}{separator}{name_script(name)}{after}"
    assert rule.parse(card) == ParsedCard(match_key(unit), match_key(name))
