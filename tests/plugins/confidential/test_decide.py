"""The confidential duty's pure decisions: which findings count, the masked excerpt, the hash."""

import hashlib

import pytest

from plugins.confidential import texts
from plugins.confidential.decide import Recent, judge, text_digest, upload_key
from plugins.scanner.findings import Finding, TextPiece
from plugins.scanner.redact import mask_term as mask
from plugins.scanner.scan import Scanner

SCANNER = Scanner(())


def scan(*pieces: TextPiece) -> list[Finding]:
    return SCANNER.scan(list(pieces), phones=True)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("機密★10年", "機****年"),
        ("機密★", "機*★"),
        ("絕密★長期", "絕***期"),
        ("㊙", "*"),
        ("注意", "**"),
        ("", ""),
        ("機 密 ★ 1 年", "機***年"),
        ("一二三四五六七八九十一二", "一********二"),
    ],
)
def test_mask_keeps_only_the_first_and_last_character(text: str, masked: str) -> None:
    assert mask(text) == masked


def test_a_state_secret_mark_is_judged_with_a_redacted_reference() -> None:
    text = "通知：機密★1年 會議紀要"
    pieces = [TextPiece("text", text)]
    marked = judge(pieces, scan(*pieces))
    assert marked is not None
    assert (marked.category, marked.source, marked.markers) == ("state_secret", "text", 1)
    assert marked.excerpt == "機***年"
    assert marked.digest == hashlib.sha256(text.encode()).hexdigest()
    assert marked.short_hash == marked.digest[:12]
    assert marked.evidence == f"機***年 sha256:{marked.digest}"
    assert "機密★1年" not in marked.evidence
    assert marked.upload_key is None


def test_internal_notices_count_too_and_the_gravest_marker_leads() -> None:
    pieces = [TextPiece("text", "請勿轉發，謝謝"), TextPiece("forward", "絕密★長期 文件")]
    marked = judge(pieces, scan(*pieces))
    assert marked is not None
    assert (marked.category, marked.source, marked.markers) == ("state_secret", "forward", 2)
    assert marked.digest == text_digest(pieces)

    only_internal = [TextPiece("card", "內部資料 注意保存")]
    internal = judge(only_internal, scan(*only_internal))
    assert internal is not None
    assert (internal.category, internal.source, internal.markers) == ("internal", "card", 2)
    assert internal.excerpt == "內**料"


def test_other_findings_and_everyday_words_do_not_count() -> None:
    pieces = [TextPiece("text", "商業機密和小秘密，身份證 110101199003077571")]
    findings = scan(*pieces)
    assert [f.kind for f in findings] == ["privacy"]
    assert judge(pieces, findings) is None
    assert judge([], []) is None


def test_a_marked_file_name_gives_its_upload_key() -> None:
    pieces = [TextPiece("file", "工作方案（機密★）.docx")]
    marked = judge(pieces, scan(*pieces))
    assert marked is not None
    assert marked.source == "file"
    assert marked.upload_key == upload_key("工作方案（機密★）.docx")
    assert marked.upload_key != upload_key("另一個檔案.docx")
    assert "機密" not in (marked.upload_key or "")


def test_recent_says_first_once_per_window() -> None:
    recent = Recent(ttl=60, size=3)
    assert recent.first("a", now=0)
    assert not recent.first("a", now=59)
    assert recent.first("a", now=61)  # the window passed
    assert recent.first("b", now=62)
    assert recent.first("c", now=62)
    assert recent.first("d", now=62)  # the oldest ("a") makes room
    assert recent.first("a", now=63)
    recent.forget()
    assert recent.first("b", now=63)


def test_the_reference_names_facts_and_never_the_content() -> None:
    reference = texts.reference(
        group_id=700100,
        unit="XX社區",
        user_id=50001,
        message_id=1234,
        when="2026-11-28 09:00:00",
        source="forward",
        category="state_secret",
        excerpt="機***年",
        short_hash="abcdef012345",
        markers=2,
        result=texts.outcome(True, "ok"),
    )
    for fact in ("700100", "XX社區", "50001", "1234", "09:00:00", "轉發的聊天記錄", "國家秘密標誌"):
        assert fact in reference
    assert "機***年" in reference
    assert "abcdef012345" in reference
    assert "共 2 處" in reference
    assert "已撤回" in reference
    upload = texts.outcome(True, "ok", upload=True)
    assert "群檔案" in upload
    assert "retcode 102" in texts.outcome(False, "retcode 102")
    assert "其他職責" in texts.outcome(False, "", by_other="content")
