"""Text normalisation for matching, with a map from every normalised character back to the original.

`normalize(text)` gives two forms of `text`:

- `folded`: NFKC, format and zero-width characters dropped, Traditional to Simplified, lower case,
  and the star family (★☆✩✭⭐＊* …) written as one canonical `STAR`;
- `skeleton`: `folded` keeping only letters, digits, `STAR` and `CIRCLED_SECRET`, i.e. without the
  spaces, punctuation and symbols people insert between characters to dodge a filter.

Each form maps its characters back to offsets in the original text, so a match in either form is
reported as a span of the text the user wrote.

Every character is folded on its own, through a table built once on first use (the Basic
Multilingual Plane at once, other planes as their characters appear): `str.translate` does the work
in C, and the offset map is the identity unless some character folded to zero or several characters.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from core.script import to_simplified

STAR = "★"
CIRCLED_SECRET = "㊙"  # kept as itself: NFKC would turn it into a plain 秘

# Characters people use for the star in a secrecy mark; all become STAR.
STARS = frozenset("★☆✩✭⭐＊*✪✫✬✮✯✰⋆⭑⭒🌟🟉✱✲﹡")

# Invisible characters that are not in category Cf but are used the same way.
_INVISIBLE = frozenset(
    "\u115f\u1160\u3164\uffa0\u034f\u2800"  # Hangul fillers, grapheme joiner, blank braille
    + "".join(map(chr, range(0xFE00, 0xFE10)))  # variation selectors
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)

_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# What the skeleton drops: everything but letters, digits (`\w` without `_`) and the two marks.
_NOT_SKELETON = re.compile(f"[\\W_](?<![{STAR}{CIRCLED_SECRET}])")
_STAR_RUN = re.compile(f"{STAR}+")


def _pre_fold(char: str) -> str:
    """NFKC with stars made canonical and invisible characters dropped (no script conversion)."""
    if char in STARS:
        return STAR
    if char == CIRCLED_SECRET:
        return char
    return "".join(
        STAR if part in STARS else part
        for part in unicodedata.normalize("NFKC", char)
        if part not in _INVISIBLE and unicodedata.category(part) != "Cf"
    )


def _finish(folded: str, simplified: str) -> str:
    return folded if folded in (STAR, CIRCLED_SECRET) else simplified.lower()


class _Table:
    """Code point -> folded code point (one character) or string (zero or several)."""

    def __init__(self) -> None:
        codes = [code for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
        pre = [_pre_fold(chr(code)) for code in codes]
        # One OpenCC call for the whole plane: one folded string a line, so no phrase spans two.
        convertible = [text for text in pre if "\n" not in text]
        lines = to_simplified("\n".join(convertible)).split("\n")
        if len(lines) != len(convertible):  # not expected; then one call per character
            lines = [to_simplified(text) for text in convertible]
        converted = iter(lines)
        self.map: dict[int, int | str] = {}
        irregular: list[str] = []
        for code, text in zip(codes, pre, strict=True):
            self._put(code, _finish(text, next(converted) if "\n" not in text else text))
            if not isinstance(self.map[code], int):
                irregular.append(re.escape(chr(code)))
        # Fold to a fixed point (OpenCC maps 薴 to 苧, and 苧 to 苎), so folding is idempotent.
        for code, folded in self.map.items():
            for _ in range(3):
                target = self.map.get(folded) if isinstance(folded, int) else None
                if not isinstance(target, int) or target == folded:
                    break
                folded = target
            self.map[code] = folded
        self.irregular = re.compile(f"[{''.join(irregular)}]")
        # Irregular or astral: the characters that send a text down the slow path.
        self.special = re.compile(f"[{''.join(irregular)}\U00010000-\U0010ffff]")

    def _put(self, code: int, folded: str) -> None:
        self.map[code] = ord(folded) if len(folded) == 1 else folded

    def add_astral(self, text: str) -> bool:
        """Fold the astral characters of `text` not seen yet; True if any of them is irregular."""
        irregular = False
        for char in _ASTRAL.findall(text):
            code = ord(char)
            if code not in self.map:
                pre = _pre_fold(char)
                self._put(code, _finish(pre, to_simplified(pre)))
            irregular = irregular or not isinstance(self.map[code], int)
        return irregular

    def width(self, char: str) -> int:
        folded = self.map.get(ord(char), 1)
        return 1 if isinstance(folded, int) else len(folded)


@cache
def _table() -> _Table:
    return _Table()


class Offsets(Protocol):
    def __getitem__(self, index: int, /) -> int: ...

    def __len__(self) -> int: ...


class _Selection:
    """Which characters of `text` survive removing `pattern`; worked out only when asked."""

    __slots__ = ("_pattern", "_picks", "_text")

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self._text = text
        self._pattern = pattern
        self._picks: list[int] | None = None

    @property
    def picks(self) -> list[int]:
        if self._picks is None:
            picks: list[int] = []
            position = 0
            for match in self._pattern.finditer(self._text):
                picks.extend(range(position, match.start()))
                position = match.end()
            picks.extend(range(position, len(self._text)))
            self._picks = picks
        return self._picks


class _Picked:
    """`base[picks[i]]`: the offsets of a text that kept some of another text's characters."""

    __slots__ = ("_base", "_selection")

    def __init__(self, base: Offsets, selection: _Selection) -> None:
        self._base = base
        self._selection = selection

    def __getitem__(self, index: int, /) -> int:
        return self._base[self._selection.picks[index]]

    def __len__(self) -> int:
        return len(self._selection.picks)


@dataclass(frozen=True, slots=True)
class Mapped:
    """A derived text; character i came from `original[starts[i]:ends[i]]`."""

    text: str
    starts: Offsets
    ends: Offsets

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of `text[start:end]` (a non-empty range)."""
        return self.starts[start], self.ends[end - 1]

    def without(self, pattern: re.Pattern[str]) -> "Mapped":
        """This text with the matches of `pattern` removed (the offsets are worked out lazily)."""
        text = pattern.sub("", self.text)
        if len(text) == len(self.text):
            return self
        selection = _Selection(self.text, pattern)
        return Mapped(text, _Picked(self.starts, selection), _Picked(self.ends, selection))


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    folded: Mapped
    skeleton: Mapped

    def bare(self) -> Mapped:
        """The skeleton without its stars, for words with a `*` inserted between characters."""
        if STAR not in self.skeleton.text:
            return self.skeleton
        return self.skeleton.without(_STAR_RUN)

    def crosses_line(self, start: int, end: int) -> bool:
        """True if the original span contains a line break."""
        return not _LINE_BREAKS.isdisjoint(self.original[start:end])


def fold(text: str) -> Mapped:
    """The folded form of `text` with its offset map."""
    table = _table()
    irregular = False
    if table.special.search(text) is not None:
        irregular = table.irregular.search(text) is not None
        irregular = table.add_astral(text) or irregular
    folded = text.translate(table.map)
    if not irregular:
        return Mapped(folded, range(len(text)), range(1, len(text) + 1))
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        width = table.width(char)
        starts.extend([index] * width)
        ends.extend([index + 1] * width)
    return Mapped(folded, starts, ends)


def normalize(text: str) -> Normalized:
    folded = fold(text)
    return Normalized(text, folded, folded.without(_NOT_SKELETON))
