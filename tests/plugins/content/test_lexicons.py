"""Reading lexicon files: severities, contexts, removals, bad files, merging and reloading."""

import os
from pathlib import Path

import pytest

from plugins.content.categories import by_key
from plugins.content.lexicons import (
    Context,
    Lexicon,
    load,
    merge,
    parse_context,
    parse_file,
    read_folder,
    signature,
)
from plugins.scanner.findings import TextPiece
from plugins.scanner.lexicon import Term
from plugins.scanner.scan import Scanner

CULT = by_key()["cult"]


def found(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    pieces = [TextPiece("text", text)]
    findings = Scanner(lexicon.terms).scan(pieces)
    return [(f.category, f.rule) for f in lexicon.relevant(pieces, findings)]


def test_a_line_is_a_term_with_optional_severity_and_context() -> None:
    text = "# 說明\n\n法輪大法好\t5\n法輪功\t4\t!反邪教 !揭批\n全能神教會\n李洪志\t\t宣揚\n"
    read = parse_file(text, CULT)
    assert [e.term for e in read.entries] == [
        Term("法輪大法好", "illegal", "cult", 7, 5),
        Term("法輪功", "illegal", "cult", 7, 4),
        Term("全能神教會", "illegal", "cult", 7, 3),
        Term("李洪志", "illegal", "cult", 7, 3),
    ]
    contexts = [e.context for e in read.entries]
    assert contexts[0] is None
    assert contexts[2] is None
    assert contexts[1] == Context((), ("反邪教", "揭批"))
    assert contexts[3] == Context(("宣扬",), ())


def test_contexts_set_terms_aside_or_require_company() -> None:
    lexicon = Lexicon(parse_file("法輪功\t4\t!反邪教\n李洪志\t4\t宣揚 傳播\n", CULT).entries)
    assert found(lexicon, "法轮功是好东西") == [("cult", "法輪功")]
    assert found(lexicon, "开展反邪教宣传，揭批法 輪 功") == []
    assert found(lexicon, "李洪志") == []
    assert found(lexicon, "大家傳播李洪志的经文") == [("cult", "李洪志")]


def test_context_words_match_through_normalisation() -> None:
    context = parse_context("!反邪教 必須")
    assert context == Context(("必须",), ("反邪教",))
    assert not context.allows("必须反邪教")
    assert context.allows("必须")
    assert not context.allows("其他")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("好\t5\n", "two characters"),
        ("法輪功\t9\n", "severity"),
        ("法輪功\t4\t!x\textra\n", "three"),
        ("# ok\n-法\n", "two characters"),
    ],
)
def test_bad_lines_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        parse_file(text, CULT, "cult.txt")
    assert "cult.txt:" in str(raised.value)


def test_the_deployment_replaces_and_removes_default_terms() -> None:
    defaults = [parse_file("法輪功\t4\t!反邪教\n全能神教會\t4\n三退保平安\t5\n", CULT)]
    own = [parse_file("法轮功\t5\n-全能神教會\n新詞語\n", CULT)]
    entries = merge(defaults, own)
    assert [(e.term.term, e.term.severity, e.context) for e in entries] == [
        ("三退保平安", 5, None),
        ("法轮功", 5, None),
        ("新詞語", 3, None),
    ]
    # A removal in another category leaves this one's term alone.
    other = [parse_file("-三退保平安\n", by_key()["rumor"])]
    assert len(merge(defaults, other)) == 3


def test_folders_skip_bad_and_unknown_files_and_name_them(tmp_path: Path) -> None:
    (tmp_path / "illegal").mkdir()
    (tmp_path / "harmful").mkdir()
    (tmp_path / "illegal" / "cult.txt").write_text("\ufeff新邪教名稱\t5\n", "utf-8")
    (tmp_path / "illegal" / "spam.txt").write_text("廣告詞語\n", "utf-8")
    (tmp_path / "harmful" / "rumor.txt").write_text("謠言詞語\n", "utf-8")  # illegal key
    (tmp_path / "harmful" / "vulgar.txt").write_text("壞\n", "utf-8")
    read, errors = read_folder(tmp_path)
    assert [(f.category, [e.term.term for e in f.entries]) for f in read] == [
        ("cult", ["新邪教名稱"])
    ]
    assert len(errors) == 3
    assert any("spam.txt" in e and "unknown illegal category" in e for e in errors)
    assert any("rumor.txt" in e and "unknown harmful category" in e for e in errors)
    assert any("vulgar.txt:1" in e for e in errors)

    lexicon = load(tmp_path)
    assert ("illegal", "cult", "新邪教名稱") in {
        (t.kind, t.category, t.term) for t in lexicon.terms
    }
    assert lexicon.errors == tuple(errors)
    assert load(tmp_path / "missing").errors == ()


def test_the_signature_changes_when_a_file_changes(tmp_path: Path) -> None:
    (tmp_path / "illegal").mkdir()
    path = tmp_path / "illegal" / "rumor.txt"
    path.write_text("謠言詞語\n", "utf-8")
    before = signature([tmp_path, None])
    assert signature([tmp_path]) == before
    path.write_text("謠言詞語\n另一條謠言\n", "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert signature([tmp_path]) != before
    assert signature([tmp_path / "missing"]) == ()


def test_the_default_lexicon_loads_whole() -> None:
    lexicon = load(None)
    assert lexicon.errors == ()
    counts = lexicon.counts()
    assert counts["illegal"] >= 40
    assert counts["harmful"] >= 25
