"""What the privacy duty makes of a scan (Art. 4): pure decisions, no I/O.

A checksum-valid resident ID number always counts; a mainland mobile number counts only where
the group switched the phone option on. Numbers leave this module masked (`110101********7571`,
`138****5678`), never whole.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from core.script import to_simplified
from plugins.scanner.findings import Finding, Source, TextPiece
from plugins.scanner.pii import mask_id, mask_phone

ID_NUMBER, PHONE = "id_number", "phone"
ORDER = (ID_NUMBER, PHONE)  # the gravest first
MAX_SHOWN = 3  # masked numbers named in a reminder


@dataclass(frozen=True)
class Exposed:
    """Personal data found in a message, as far as anyone may see it."""

    categories: tuple[str, ...]  # in ORDER
    masked: tuple[str, ...]  # each distinct number, masked, in the order found
    source: Source  # where the first one sat

    @property
    def category(self) -> str:
        return self.categories[0]

    @property
    def evidence(self) -> str:
        return "、".join(self.masked)[:200]


def masked(text: str, category: str) -> str:
    """The number a finding covers, masked (full-width digits read as digits)."""
    plain = unicodedata.normalize("NFKC", text)
    return mask_id(plain) if category == ID_NUMBER else mask_phone(plain)


def asks_about_phones(findings: Sequence[Finding]) -> bool:
    """Whether the group's phone option matters for these findings (only then is it read)."""
    return any(f.kind == "privacy" and f.category == PHONE for f in findings)


def judge(
    pieces: Sequence[TextPiece], findings: Sequence[Finding], *, phones: bool
) -> Exposed | None:
    """The privacy verdict; None when nothing the group protects was found."""
    wanted = {ID_NUMBER, PHONE} if phones else {ID_NUMBER}
    found = [f for f in findings if f.kind == "privacy" and f.category in wanted]
    if not found:
        return None
    shown = dict.fromkeys(masked(pieces[f.piece].text[f.start : f.end], f.category) for f in found)
    categories = tuple(c for c in ORDER if any(f.category == c for f in found))
    return Exposed(categories, tuple(shown), pieces[found[0].piece].source)


# --- the group's options (/隱私選項) --------------------------------------------------------

OPTION_NAMES = {"phone": ("手機", "手機號", "電話", "phone")}
ON_WORDS = ("開", "開啟", "on")
OFF_WORDS = ("關", "關閉", "off")


def _key(word: str) -> str:
    return to_simplified(word.strip()).lower()


@dataclass(frozen=True)
class OptionChange:
    option: str
    enabled: bool


def parse_option(words: Sequence[str]) -> OptionChange | None:
    """`手機 開` -> OptionChange("phone", True); None when the words are not an option and a state."""
    if len(words) != 2:
        return None
    name, state = _key(words[0]), _key(words[1])
    option = next((o for o, names in OPTION_NAMES.items() if name in map(_key, names)), None)
    if option is None:
        return None
    if state in map(_key, ON_WORDS):
        return OptionChange(option, True)
    if state in map(_key, OFF_WORDS):
        return OptionChange(option, False)
    return None
