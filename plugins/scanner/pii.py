"""Personal data (Art. 4): resident identity numbers and mainland mobile numbers, and their masks.

Numbers are matched on the folded text (see `normalize`), so full-width digits are caught, and must
stand apart from other digits: a 19-digit bank card or a QQ number is not an identity number. An
identity number counts only if it is valid under GB 11643: a known province code, a real birth date
between 1900 and today, and the ISO 7064 MOD 11-2 check character.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .articles import article_of_kind
from .findings import Finding
from .normalize import Normalized

ID_SEVERITY = 3
PHONE_SEVERITY = 2
LOCAL_ZONE = ZoneInfo("Asia/Shanghai")

PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# 18 characters, optionally grouped 6-8-4 or 6-4-4-4 by single spaces or hyphens.
_ID = re.compile(
    r"(?<![0-9])([0-9]{6})[ -]?([0-9]{4})[ -]?([0-9]{4})[ -]?([0-9]{3}[0-9xX])(?![0-9])"
)
# 11 digits starting 1[3-9], optionally after +86 / 86, optionally grouped 3-4-4.
_PHONE = re.compile(
    r"(?<![0-9+])(?:\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])"
)


def today_local() -> date:
    return datetime.now(LOCAL_ZONE).date()


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of an identity number."""
    return _CHECK[
        sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True)) % 11
    ]


def is_valid_id(number: str, today: date | None = None) -> bool:
    """True if `number` (18 characters, no separators) is a valid resident identity number."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    if int(number[:2]) not in PROVINCES:
        return False
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= birth <= (today or today_local()):
        return False
    return check_character(number[:17]) == number[17].upper()


def find_ids(norm: Normalized, piece: int = 0, today: date | None = None) -> list[Finding]:
    """Valid resident identity numbers in one normalised text."""
    folded = norm.folded
    findings = []
    for match in _ID.finditer(folded.text):
        if is_valid_id("".join(match.groups()), today):
            start, end = folded.span(match.start(), match.end())
            article = article_of_kind("privacy")
            findings.append(
                Finding(
                    "privacy", "id_number", article, ID_SEVERITY, start, end, piece, "id_number"
                )
            )
    return findings


def find_phones(norm: Normalized, piece: int = 0) -> list[Finding]:
    """Mainland mobile numbers in one normalised text."""
    folded = norm.folded
    findings = []
    for match in _PHONE.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        article = article_of_kind("privacy")
        findings.append(
            Finding("privacy", "phone", article, PHONE_SEVERITY, start, end, piece, "mobile_phone")
        )
    return findings


def mask_id(number: str) -> str:
    """`110101199003077578` -> `110101********7578`; separators are dropped first."""
    chars = re.sub(r"[^0-9A-Za-z]", "", number)
    if len(chars) <= 10:
        return "*" * len(chars)
    return chars[:6] + "*" * (len(chars) - 10) + chars[-4:]


def mask_phone(number: str) -> str:
    """`13812345678` (or `+86 138-1234-5678`) -> `138****5678`."""
    digits = re.sub(r"[^0-9]", "", number)
    if len(digits) > 11 and digits.startswith("86"):
        digits = digits[-11:]
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
