"""Text normalisation for matching, with a map from every normalised character back to the original.

`normalize(text)` gives two forms of `text`:

- `folded`: NFKC, format and zero-width characters dropped, Traditional to Simplified, lower case,
  and the star family (★☆✩✭⭐＊* …) written as one canonical `STAR`;
- `skeleton`: `folded` keeping only letters, digits, `STAR` and `CIRCLED_SECRET`, i.e. without the
  spaces, punctuation and symbols people insert between characters to dodge a filter.

Each form maps its characters back to offsets in the original text, so a match in either form is
reported as a span of the text the user wrote.

Every character is folded on its own through a lazily filled translation table (cached for the life
of the process): `str.translate` does the work in C, and the offset map is the identity unless some
character folded to zero or several characters.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

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


def _fold_char(char: str) -> str:
    """The folded form of one character: zero, one or several characters."""
    if char in STARS:
        return STAR
    if char == CIRCLED_SECRET:
        return char
    out = []
    for part in unicodedata.normalize("NFKC", char):
        if part in STARS:
            out.append(STAR)
        elif part not in _INVISIBLE and unicodedata.category(part) != "Cf":
            out.append(part)
    return to_simplified("".join(out)).lower() if out else ""


def _skeleton_keeps(char: str) -> bool:
    return char in (STAR, CIRCLED_SECRET) or unicodedata.category(char)[0] in "LN"


class _FoldTable(dict[int, str]):
    """Code point -> folded string, computed on first sight. Notes irregular characters."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(folded) != 1:
            self.irregular.add(chr(code))
        self[code] = folded
        return folded


class _KeepTable(dict[int, str]):
    """Code point -> "\\x01" if the skeleton keeps it, "\\x00" if not."""

    def __missing__(self, code: int) -> str:
        flag = "\x01" if _skeleton_keeps(chr(code)) else "\x00"
        self[code] = flag
        return flag


_FOLD = _FoldTable()
_KEEP = _KeepTable()
_NO_STAR = {ord(STAR): "\x00"}


@dataclass(frozen=True, slots=True)
class Mapped:
    """A derived text; character i came from `original[starts[i]:ends[i]]`."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of `text[start:end]` (a non-empty range)."""
        return self.starts[start], self.ends[end - 1]

    def select(self, flags: str) -> "Mapped":
        """The characters whose flag is "\\x01" in `flags` (one flag per character)."""
        if "\x00" not in flags:
            return self
        keep = list(compress(range(len(self.text)), flags.encode("latin-1")))
        text = "".join(map(self.text.__getitem__, keep))
        starts = list(map(self.starts.__getitem__, keep))
        ends = list(map(self.ends.__getitem__, keep))
        return Mapped(text, starts, ends)


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    folded: Mapped
    skeleton: Mapped

    def bare(self) -> Mapped:
        """The skeleton without its stars, for words with a `*` inserted between characters."""
        if STAR not in self.skeleton.text:
            return self.skeleton
        # Stars become "\x00", which the skeleton drops; every other skeleton character stays.
        return self.skeleton.select(self.skeleton.text.translate(_NO_STAR).translate(_KEEP))

    def crosses_line(self, start: int, end: int) -> bool:
        """True if the original span contains a line break."""
        return not _LINE_BREAKS.isdisjoint(self.original[start:end])


def fold(text: str) -> Mapped:
    """The folded form of `text` with its offset map."""
    folded = text.translate(_FOLD)
    if len(folded) == len(text) and _FOLD.irregular.isdisjoint(text):
        return Mapped(folded, range(len(text)), range(1, len(text) + 1))
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        width = len(_FOLD[ord(char)])
        starts.extend([index] * width)
        ends.extend([index + 1] * width)
    return Mapped(folded, starts, ends)


def normalize(text: str) -> Normalized:
    folded = fold(text)
    skeleton = folded.select(folded.text.translate(_KEEP))
    return Normalized(text, folded, skeleton)
