from pathlib import Path

import pytest

from plugins.scanner.lexicon import Hit, Matcher, Term, load_lexicon, parse_lexicon
from plugins.scanner.normalize import normalize


def term(text: str, category: str = "邪教", kind: str = "illegal", severity: int = 3) -> Term:
    return Term(text, kind, category, 7 if kind == "illegal" else 9, severity)  # type: ignore[arg-type]


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    """(term, original slice) of every hit."""
    return [(hit.term.term, text[hit.start : hit.end]) for hit in matcher.find(normalize(text))]


def test_parse_lexicon_reads_terms_comments_and_severities() -> None:
    text = "# 邪教類\n\n法輪功\t5\n全能神\n  法輪功  \n# 法輪大法\n東方閃電\t 2 \n"
    terms = parse_lexicon(text, kind="illegal", category="邪教")
    assert terms == [
        Term("法輪功", "illegal", "邪教", 7, 5),
        Term("全能神", "illegal", "邪教", 7, 3),
        Term("東方閃電", "illegal", "邪教", 7, 2),
    ]


def test_parse_lexicon_article_and_default_severity() -> None:
    terms = parse_lexicon("賭球\n", kind="harmful", category="賭博", default_severity=2)
    assert terms == [Term("賭球", "harmful", "賭博", 9, 2)]
    terms = parse_lexicon("賭球\n", kind="harmful", category="賭博", article=10)
    assert terms[0].article == 10


@pytest.mark.parametrize("line", ["賭球\t0", "賭球\t6", "賭球\t高", "賭球\t-1"])
def test_parse_lexicon_rejects_bad_severity(line: str) -> None:
    with pytest.raises(ValueError, match=r"x\.txt:2: severity"):
        parse_lexicon("# head\n" + line, kind="harmful", category="賭博", origin="x.txt")


def test_parse_lexicon_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        parse_lexicon("x", kind="spam", category="c")  # type: ignore[arg-type]


def test_load_lexicon_uses_file_names_as_categories(tmp_path: Path) -> None:
    (tmp_path / "邪教.txt").write_text("\ufeff法輪功\t5\n", encoding="utf-8")
    (tmp_path / "賭博.txt").write_text("# none yet\n網絡賭博\n", encoding="utf-8")
    (tmp_path / "readme.md").write_text("not a lexicon", encoding="utf-8")
    terms = load_lexicon(tmp_path, kind="illegal")
    assert terms == [  # files in name order
        Term("網絡賭博", "illegal", "賭博", 7, 3),
        Term("法輪功", "illegal", "邪教", 7, 5),
    ]


def test_matcher_matches_across_scripts() -> None:
    matcher = Matcher([term("法輪功"), term("网络赌博", "赌博")])
    assert found(matcher, "有人在傳法轮功的东西") == [("法輪功", "法轮功")]
    assert found(matcher, "嚴禁參與網絡賭博") == [("网络赌博", "網絡賭博")]


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("看看法 輪 功吧", "法 輪 功"),
        ("看看法*輪*功吧", "法*輪*功"),
        ("看看法\u200b輪\u200b功吧", "法\u200b輪\u200b功"),
        ("看看法，轮。功吧", "法，轮。功"),
        ("看看法✩輪⭐功吧", "法✩輪⭐功"),
    ],
)
def test_matcher_sees_through_inserted_characters(text: str, piece: str) -> None:
    assert found(Matcher([term("法輪功")]), text) == [("法輪功", piece)]


def test_matcher_latin_terms_fold_case_and_width() -> None:
    matcher = Matcher([term("FLG")])
    assert found(matcher, "说的就是ｆｌｇ") == [("FLG", "ｆｌｇ")]


def test_matcher_reports_every_occurrence() -> None:
    matcher = Matcher([term("賭球")])
    assert found(matcher, "赌球，又是赌球") == [("賭球", "赌球"), ("賭球", "赌球")]


def test_nested_hits_of_one_category_keep_the_longest() -> None:
    matcher = Matcher([term("赌博"), term("网络赌博")])
    hits = matcher.find(normalize("网络赌博"))
    assert [hit.term.term for hit in hits] == ["网络赌博"]


def test_nested_hits_of_different_categories_are_all_kept() -> None:
    matcher = Matcher([term("赌博", "赌博", "harmful"), term("网络赌博", "网赌", "illegal")])
    hits = matcher.find(normalize("网络赌博"))
    assert {(hit.term.category, hit.start, hit.end) for hit in hits} == {
        ("网赌", 0, 4),
        ("赌博", 2, 4),
    }


def test_same_term_in_two_categories_gives_two_hits() -> None:
    matcher = Matcher([term("赌球", "赌博", "harmful"), term("賭球", "赌博网站", "illegal")])
    hits = matcher.find(normalize("赌球"))
    assert sorted(hit.term.category for hit in hits) == ["赌博", "赌博网站"]


def test_overlapping_terms_are_both_found() -> None:
    matcher = Matcher([term("法轮"), term("轮功")])
    assert found(matcher, "法轮功") == [("法轮", "法轮"), ("轮功", "轮功")]


def test_symbol_terms_do_not_shrink_to_one_character() -> None:
    matcher = Matcher([term("C++")])
    assert found(matcher, "c语言") == []
    assert found(matcher, "学C++") == [("C++", "C++")]


def test_term_with_inner_symbol_matches_with_and_without_it() -> None:
    matcher = Matcher([term("法.轮")])
    assert found(matcher, "法.轮") == [("法.轮", "法.轮")]
    assert found(matcher, "法轮") == [("法.轮", "法轮")]


def test_duplicate_terms_match_once() -> None:
    matcher = Matcher([term("赌球"), term("赌球")])
    assert len(matcher.terms) == 1
    assert matcher.find(normalize("赌球")) == [Hit(term("赌球"), 0, 2)]


def test_empty_matcher_finds_nothing() -> None:
    assert Matcher([]).find(normalize("法轮功")) == []


def test_term_that_normalises_to_nothing_is_ignored() -> None:
    matcher = Matcher([term("\u200b"), term("赌球")])
    assert found(matcher, "赌球") == [("赌球", "赌球")]
