"""Text folding shared by card, roster and join matching.

Two spellings of a unit or a name are the same when their match keys are equal. The key is built
from the text's chunks, the pieces left between separator runs:

1. NFKC (folds full-width letters, digits and punctuation: `ＸＸ` = `XX`, `－` = `-`),
2. format and zero-width characters dropped,
3. split on runs of separators (`SEPARATORS`: dashes, dots, slashes, underscores, brackets, bars,
   tildes, any whitespace), empty pieces dropped,
4. each chunk converted to Simplified (`core.script.to_simplified`) and case-folded,
5. the converted chunks joined without separators.

So `XX社區—張三`, `xx社区 - 张三` and `ＸＸ社區張三` share one key. Chunks are converted one by one,
the same way for roster fields and for card fields, so phrase-level conversion never sees text
across a separator on one side and not on the other.
"""

import re
import unicodedata
from typing import NewType

from core.script import to_simplified

MatchKey = NewType("MatchKey", str)
"""A folded spelling: only ever compared with other keys, never shown to people."""

SEPARATORS = "-‐‑‒–—―−﹘﹣·‧・•_/\\|~()[]{}【】〔〕「」『』《》〈〉"
"""Characters (after NFKC) that people type between the parts of a card; whitespace counts too."""

_SEPARATOR_RUN = re.compile("[\\s" + re.escape(SEPARATORS) + "]+")


def fold(text: str) -> str:
    """NFKC form of `text` without format (zero-width) characters, stripped."""
    normal = unicodedata.normalize("NFKC", text)
    if not normal.isprintable():  # only then can it hold a format character
        normal = "".join(ch for ch in normal if unicodedata.category(ch) != "Cf")
    return normal.strip()


def chunks(text: str) -> list[str]:
    """The folded pieces of `text` between separator runs, empty pieces dropped."""
    return [piece for piece in _SEPARATOR_RUN.split(fold(text)) if piece]


def chunk_keys(text: str) -> list[MatchKey]:
    """The keys of the chunks of `text`, in order.

    One OpenCC call converts all chunks, one a line: no dictionary phrase holds a line break, so
    each chunk converts exactly as it would alone.
    """
    pieces = chunks(text)
    if not pieces:
        return []
    return [MatchKey(key) for key in to_simplified("\n".join(pieces)).casefold().split("\n")]


def join_keys(keys: list[MatchKey]) -> MatchKey:
    return MatchKey("".join(keys))


def match_key(text: str) -> MatchKey:
    """Key under which `text` is compared with other spellings of the same unit or name."""
    return join_keys(chunk_keys(text))
