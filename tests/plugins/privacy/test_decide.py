"""The privacy duty's pure decisions: which numbers count, how they are shown, the option words."""

import pytest

from plugins.privacy import texts
from plugins.privacy.decide import OptionChange, asks_about_phones, judge, masked, parse_option
from plugins.scanner.findings import Finding, TextPiece
from plugins.scanner.scan import Scanner

SCANNER = Scanner(())
ID = "110101199003077571"


def scan(*pieces: TextPiece) -> list[Finding]:
    return SCANNER.scan(list(pieces), phones=True)


def test_an_id_number_always_counts_and_is_masked() -> None:
    pieces = [TextPiece("text", f"我的身份證 {ID}，電話 13812345678")]
    findings = scan(*pieces)
    exposed = judge(pieces, findings, phones=False)
    assert exposed is not None
    assert (exposed.categories, exposed.masked, exposed.source) == (
        ("id_number",),
        ("110101********7571",),
        "text",
    )
    assert exposed.category == "id_number"
    assert exposed.evidence == "110101********7571"
    assert asks_about_phones(findings)


def test_phones_count_only_with_the_option_and_repeats_are_shown_once() -> None:
    pieces = [TextPiece("forward", "聯繫 138-1234-5678 或 13812345678"), TextPiece("text", ID)]
    findings = scan(*pieces)
    assert judge(pieces, [f for f in findings if f.category == "phone"], phones=False) is None
    exposed = judge(pieces, findings, phones=True)
    assert exposed is not None
    assert exposed.categories == ("id_number", "phone")
    assert exposed.masked == ("138****5678", "110101********7571")
    assert exposed.source == "forward"
    assert exposed.evidence == "138****5678、110101********7571"


def test_full_width_digits_are_masked_as_digits() -> None:
    wide = "１１０１０１１９９００３０７７５７１"
    pieces = [TextPiece("text", f"號碼{wide}")]
    exposed = judge(pieces, scan(*pieces), phones=False)
    assert exposed is not None
    assert exposed.masked == ("110101********7571",)
    assert masked("+86 139 1234 5678", "phone") == "139****5678"


def test_nothing_personal_is_nothing() -> None:
    pieces = [TextPiece("text", "會議 110101199003077578 號（校驗碼不對）機密★")]
    findings = scan(*pieces)
    assert judge(pieces, findings, phones=True) is None
    assert not asks_about_phones(findings)


@pytest.mark.parametrize(
    ("words", "change"),
    [
        (("手機", "開"), OptionChange("phone", True)),
        (("手机", "关"), OptionChange("phone", False)),
        (("phone", "ON"), OptionChange("phone", True)),
        (("手機號", "關閉"), OptionChange("phone", False)),
        (("手機",), None),
        (("郵箱", "開"), None),
        (("手機", "也許"), None),
        ((), None),
    ],
)
def test_parse_option(words: tuple[str, ...], change: OptionChange | None) -> None:
    assert parse_option(words) == change


def test_reminders_name_the_article_and_show_at_most_three_numbers() -> None:
    numbers = ["110101********7571", "138****5678", "139****0000", "137****1111"]
    said = texts.withdrawn(["id_number", "phone"], numbers, 3)
    assert "第四條" in said
    assert "身份證號、手機號（110101********7571、138****5678、139****0000等）" in said
    assert "137****1111" not in said
    assert "自行撤回" in texts.not_withdrawn(["phone"], numbers[1:2], 3)
