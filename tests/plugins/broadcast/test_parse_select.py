"""Reading /群發 and choosing its groups: pure functions."""

from models.registry import GroupType
from plugins.broadcast.parse import MAX_TEXT, Bad, Request, parse_broadcast
from plugins.broadcast.select import Filters, GroupFacts, matches, select

UNITS = ["XX社區", "XX村"]


def parsed(raw: str) -> Request:
    result = parse_broadcast(raw, UNITS)
    assert isinstance(result, Request), result
    return result


def test_selectors_come_first_and_the_first_other_word_starts_the_notice() -> None:
    r = parsed("內部 XX社區 一級 明天 9 點開會")
    assert r.filters == Filters(
        frozenset({"XX社區"}), frozenset({GroupType.INTERNAL}), frozenset({"一級"})
    )
    assert r.text == "明天 9 點開會"


def test_selectors_read_in_either_script() -> None:
    r = parsed("内部 XX社区 群众 二级 通知")
    assert r.filters.units == {"XX社區"}  # as the organisation file spells it
    assert r.filters.types == {GroupType.INTERNAL, GroupType.PUBLIC}
    assert r.filters.grades == {"二級"}
    assert r.text == "通知"


def test_the_notice_keeps_its_lines_and_its_markup_as_text() -> None:
    r = parsed("全部 第一行\n  第二行 [CQ:at,qq=all]  ")
    assert r.filters.everything
    assert r.text == "第一行\n  第二行 [CQ:at,qq=all]"


def test_a_bar_ends_the_selectors_so_a_notice_may_start_with_one() -> None:
    assert parsed("內部 ｜ 一級響應已啟動").text == "一級響應已啟動"
    assert parsed("XX村|一級響應").filters.units == {"XX村"}
    r = parsed("內部 ｜ 甲｜乙")
    assert r.text == "甲｜乙"


def test_before_a_bar_every_word_must_be_a_selector() -> None:
    assert parse_broadcast("內部 火星辦 ｜ 開會", UNITS) == Bad("unknown", "火星辦")


def test_bad_calls() -> None:
    assert parse_broadcast("明天開會", UNITS) == Bad("no_selector")
    assert parse_broadcast("", UNITS) == Bad("no_selector")
    assert parse_broadcast("內部 XX社區", UNITS) == Bad("no_text")
    assert parse_broadcast("內部 ｜   ", UNITS) == Bad("no_text")
    long = "字" * (MAX_TEXT + 1)
    assert parse_broadcast(f"內部 {long}", UNITS) == Bad("too_long", length=MAX_TEXT + 1)
    assert isinstance(parse_broadcast(f"內部 {'字' * MAX_TEXT}", UNITS), Request)


def facts(group_id: int, unit: str, kind: GroupType, grade: str) -> GroupFacts:
    return GroupFacts(group_id, f"g{group_id}", unit, kind, grade)  # type: ignore[arg-type]


GROUPS = [
    facts(3, "XX村", GroupType.PUBLIC, "一級"),
    facts(1, "XX社區", GroupType.INTERNAL, "三級"),
    facts(2, "XX社區", GroupType.PUBLIC, "二級"),
    facts(4, "XX村", GroupType.INTERNAL, "三級"),
]


def ids(filters: Filters) -> list[int]:
    return [g.group_id for g in select(filters, GROUPS, UNITS)]


def test_one_kind_widens_different_kinds_narrow() -> None:
    assert ids(Filters(units=frozenset(UNITS))) == [1, 2, 3, 4]  # by unit as the file lists them
    assert ids(Filters(units=frozenset({"XX社區"}))) == [1, 2]
    assert ids(Filters(types=frozenset({GroupType.PUBLIC}))) == [2, 3]
    assert ids(Filters(frozenset({"XX村"}), frozenset({GroupType.PUBLIC}))) == [3]
    assert ids(Filters(grades=frozenset({"三級", "一級"}))) == [1, 3, 4]
    assert ids(Filters(everything=True)) == [1, 2, 3, 4]
    assert ids(Filters(everything=True, types=frozenset({GroupType.INTERNAL}))) == [1, 4]


def test_nothing_picked_selects_nothing() -> None:
    assert Filters().empty
    assert not matches(Filters(), GROUPS[0])
    assert ids(Filters()) == []


def test_filters_round_trip_and_show_as_typed() -> None:
    f = Filters(frozenset({"XX村"}), frozenset({GroupType.PUBLIC}), frozenset({"二級", "一級"}))
    assert Filters.from_json(f.as_json()) == f
    assert f.shown() == ["XX村", "群眾", "一級", "二級"]
    assert Filters(everything=True).shown() == ["全部"]
