"""Redaction of free text: every finding of the scan masked where it stands, nothing else touched."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.scanner.findings import TextPiece
from plugins.scanner.lexicon import Term
from plugins.scanner.redact import free_text, mask_term, redact, redacted
from plugins.scanner.scan import Scanner
from tests.redaction import ID, MASKED, MASKED_ID, SECRET

SCANNER = Scanner(
    [Term("法輪大法好", "illegal", "cult", 7, 5), Term("賭博網站", "illegal", "vice", 7, 3)]
)


def clean(text: str) -> bool:
    return not SCANNER.scan([TextPiece("text", text)], phones=True)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"發了身份證{ID}", f"發了身份證{MASKED_ID}"),
        ("身份證 110101 19900307 7571 呢", f"身份證 {MASKED_ID} 呢"),  # grouped by spaces
        ("１１０１０１１９９００３０７７５７１", MASKED_ID),  # full-width digits
        ("電話+86 138-1234-5678", "電話138****5678"),
        ("轉發機密★1年的文件", "轉發機***年的文件"),
        ("機 密 ★ 1 年", "機***年"),  # spaced out: found on the skeleton, masked whole
        ("請勿轉發、內部資料", "請**發、內**料"),
        ("喊法 輪 大 法 好", "喊法***好"),
        ("介紹賭博網站", "介紹賭**站"),
        (f"機密★{ID}", f"機*★{MASKED_ID}"),  # a marker against a number: each its own mask
    ],
)
def test_each_finding_is_masked_in_place(text: str, masked: str) -> None:
    assert redacted(SCANNER, text) == masked
    assert clean(masked)


@pytest.mark.parametrize(
    "plain",
    ["刷屏", "非本單位人員 已核實", "商業機密要保護", "QQ 12345678 群 700100", "1101011990030775"],
)
def test_plain_text_is_unchanged(plain: str) -> None:
    assert redacted(SCANNER, plain) == plain


def test_mask_term_keeps_the_first_and_last_character() -> None:
    assert mask_term("絕密★長期") == "絕***期"
    assert mask_term("機密★10年之久的文件，涉及很多內容") == "機********容"  # at most 8 stars
    assert mask_term("㊙") == "*"


def test_the_lexicon_in_force_is_used() -> None:
    """`redact` reads the content duty's lexicon, installed at start-up."""
    assert redact(SECRET) == MASKED
    assert free_text(SECRET.split("，")) == MASKED.replace("，", " ")
    assert free_text(["身份證", "110101", "19900307", "7571"]) == f"身份證 {MASKED_ID}"
    assert free_text(()) == ""


# Ideographs from U+4E00 to U+4FFF (no marker and no term of SCANNER can be made of them),
# Latin letters and spaces; never digits, which would run into the numbers.
FILLER = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF) | st.sampled_from("ab Z "),
    min_size=1,
    max_size=12,
)
PIECES = st.sampled_from(
    [ID, "110101 19900307 7571", "13812345678", "機密★1年", "絕密★長期", "請勿轉發", "法輪大法好"]
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.tuples(FILLER, PIECES), min_size=1, max_size=4), FILLER)
def test_nothing_is_left_to_find_and_the_filler_stays(
    parts: list[tuple[str, str]], end: str
) -> None:
    text = "".join(filler + piece for filler, piece in parts) + end
    out = redacted(SCANNER, text)
    assert clean(out)
    for filler, piece in parts:
        assert piece not in out
        if clean(filler):
            assert filler in out
