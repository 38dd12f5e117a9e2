from datetime import date

from plugins.scanner.findings import Finding, TextPiece
from plugins.scanner.lexicon import Term
from plugins.scanner.scan import Scanner

TODAY = date(2025, 6, 1)
TERMS = [
    Term("法輪功", "illegal", "邪教", 7, 5),
    Term("賭球", "harmful", "賭博", 9, 2),
]


def test_scan_finds_every_rule_family_with_original_spans() -> None:
    scanner = Scanner(TERMS)
    pieces = [
        TextPiece("text", "大家好，週末有人賭 球嗎？"),
        TextPiece("forward", "機密★1年 關於法轮功問題的通報"),
        TextPiece("file", "身份證110101199003077571.jpg"),
        TextPiece("card", "联系人 13812345678"),
    ]
    findings = scanner.scan(pieces, today=TODAY)
    assert [(f.piece, f.kind, f.rule, pieces[f.piece].text[f.start : f.end]) for f in findings] == [
        (0, "harmful", "賭球", "賭 球"),
        (1, "confidential", "state_secret_mark", "機密★1年"),
        (1, "illegal", "法輪功", "法轮功"),
        (2, "privacy", "id_number", "110101199003077571"),
    ]
    assert findings[0] == Finding("harmful", "賭博", 9, 2, 8, 11, 0, "賭球")


def test_phones_only_when_asked() -> None:
    scanner = Scanner([])
    pieces = [TextPiece("text", "有事打13812345678")]
    assert scanner.scan(pieces) == []
    [finding] = scanner.scan(pieces, phones=True)
    assert (finding.category, finding.start, finding.end) == ("phone", 3, 14)


def test_findings_are_ordered_by_piece_position_and_severity() -> None:
    scanner = Scanner([Term("秘密", "harmful", "测试", 9, 1)])
    findings = scanner.scan([TextPiece("text", "x"), TextPiece("text", "秘密★ 另外")])
    assert [(f.piece, f.start, f.severity) for f in findings] == [(1, 0, 5), (1, 0, 1)]


def test_empty_input() -> None:
    scanner = Scanner(TERMS)
    assert scanner.scan([]) == []
    assert scanner.scan([TextPiece("text", "")]) == []


def test_default_today_accepts_a_real_id() -> None:
    assert Scanner([]).scan([TextPiece("text", "110101199003077571")])[0].category == "id_number"
