from datetime import date

import pytest

from plugins.scanner.normalize import normalize
from plugins.scanner.pii import (
    check_character,
    find_ids,
    find_phones,
    is_valid_id,
    mask_id,
    mask_phone,
)

TODAY = date(2025, 6, 1)
VALID = "110101199003077571"
VALID_X = "11010519491231002X"


def checked(first17: str) -> str:
    """An 18-character number with a correct check character."""
    return first17 + check_character(first17)


def ids(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_ids(normalize(text), today=TODAY)]


def phones(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_phones(normalize(text))]


def test_check_character() -> None:
    assert check_character("11010119900307757") == "1"
    assert check_character("11010519491231002") == "X"
    assert check_character("44030420011231001") == "2"


@pytest.mark.parametrize(
    "number",
    [VALID, VALID_X, VALID_X.lower(), "440304200112310012", "320583198506151236"],
)
def test_valid_ids(number: str) -> None:
    assert is_valid_id(number, TODAY)


@pytest.mark.parametrize(
    "number",
    [
        "110101199003077578",  # wrong check character
        "110101199003077571 ",  # wrong length
        "11010119900307757",
        checked("10010119900307757"),  # province 10 does not exist
        checked("99010119900307757"),  # neither does 99
        checked("11010119900230757"),  # 30 February
        checked("11010119901307757"),  # month 13
        checked("11010118991231001"),  # born before 1900
        checked("11010120260101001"),  # born after today
        "11010119900307757a",
        "１１０１０１１９９００３０７７５７１",  # full-width: callers fold first
    ],
)
def test_invalid_ids(number: str) -> None:
    assert not is_valid_id(number, TODAY)


def test_future_birth_date_depends_on_today() -> None:
    number = checked("11010120250101001")
    assert is_valid_id(number, date(2025, 1, 1))
    assert not is_valid_id(number, date(2024, 12, 31))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (f"我的身份证号是{VALID}，麻烦登记", [VALID]),
        (f"身份證：{VALID_X}", [VALID_X]),
        (f"身份证 {VALID_X.lower()}", [VALID_X.lower()]),
        ("身份证１１０１０１１９９００３０７７５７１", ["１１０１０１１９９００３０７７５７１"]),
        ("号码 110101 19900307 7571 已核对", ["110101 19900307 7571"]),
        ("号码 110101-1990-0307-7571", ["110101-1990-0307-7571"]),
        (f"ID{VALID}abc", [VALID]),
        (f"{VALID}\n440304200112310012", [VALID, "440304200112310012"]),
    ],
)
def test_find_ids(text: str, found: list[str]) -> None:
    assert ids(text) == found


@pytest.mark.parametrize(
    "text",
    [
        f"卡号6{VALID}",  # part of a 19-digit run
        f"{VALID}9",
        "银行卡 6222021234567890123 已绑定",
        "QQ 1234567890 加我",
        "订单号 202406011234567890",
        "110101199003077578",  # bad checksum
        "11010119900307757",  # 17 digits
    ],
)
def test_ids_not_found(text: str) -> None:
    assert ids(text) == []


def test_id_finding_fields() -> None:
    [finding] = find_ids(normalize(f"号{VALID}"), piece=2, today=TODAY)
    assert (finding.kind, finding.category, finding.article) == ("privacy", "id_number", 4)
    assert (finding.start, finding.end, finding.piece) == (1, 19, 2)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("电话13812345678", ["13812345678"]),
        ("电话 138 1234 5678 找王姐", ["138 1234 5678"]),
        ("电话 138-1234-5678", ["138-1234-5678"]),
        ("+86 13812345678", ["+86 13812345678"]),
        ("+8613812345678", ["+8613812345678"]),
        ("8613812345678", ["8613812345678"]),
        ("联系：１３８１２３４５６７８", ["１３８１２３４５６７８"]),
        ("19912345678或17012345678", ["19912345678", "17012345678"]),
    ],
)
def test_find_phones(text: str, found: list[str]) -> None:
    assert phones(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "12812345678",  # 12x is not a mobile prefix
        "138123456789",  # 12 digits
        "座机 010-62345678",
        "QQ号 2381234567",
        VALID,
        "6222021381234567890",
    ],
)
def test_phones_not_found(text: str) -> None:
    assert phones(text) == []


def test_phone_finding_fields() -> None:
    [finding] = find_phones(normalize("13812345678"), piece=1)
    assert (finding.kind, finding.category, finding.severity, finding.piece) == (
        "privacy",
        "phone",
        2,
        1,
    )


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110101199003077578", "110101********7578"),
        ("11010519491231002X", "110105********002X"),
        ("110101 19900307 7571", "110101********7571"),
        ("12345", "*****"),
    ],
)
def test_mask_id(number: str, masked: str) -> None:
    assert mask_id(number) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("8613812345678", "138****5678"),
        ("12345", "*****"),
    ],
)
def test_mask_phone(number: str, masked: str) -> None:
    assert mask_phone(number) == masked
