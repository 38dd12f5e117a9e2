"""Reading `/內容設定`: one change to the group's policy, as a pure function.

`階梯 <階梯名> <警告|時長|移出|拉黑>…` gives a ladder other steps, `期限 <階梯名> <天數>` another
window, `類別 <類別> <階梯名>` puts a category on another ladder (one the rulebook uses for the
same kind of content), `預設` drops every change. A ladder is named by its name (either script,
brackets optional) or its key; a category by its name or key.
"""

import re
from dataclasses import replace
from typing import Literal

from core.rulebook import Rulebook, parse_step
from core.script import to_simplified
from plugins.content.categories import find_category
from plugins.content.overrides import ContentPolicy

Reset = Literal["reset"]
_WINDOW = re.compile(r"(\d{1,3})(?:天|日|d)?")
_DEFAULT = {"预设", "default"}
_BRACKETS = str.maketrans("", "", "()（）")


def _word(text: str) -> str:
    return to_simplified(text.strip()).lower()


def find_ladder(word: str, book: Rulebook) -> str | None:
    """The key of the ladder named `word` (its name in either script, or its key)."""
    wanted = _word(word).translate(_BRACKETS)
    for key, ladder in book.ladder.items():
        if wanted in (key.lower(), _word(ladder.name).translate(_BRACKETS)):
            return key
    return None


def parse_change(
    words: tuple[str, ...], current: ContentPolicy, book: Rulebook
) -> ContentPolicy | Reset | None:
    """The policy after the change `words` asks for; "reset" for the rulebook's; None if
    malformed."""
    if not words:
        return None
    key, rest = _word(words[0]), words[1:]
    if key in _DEFAULT and not rest:
        return "reset"
    try:
        if key in ("阶梯", "ladder") and len(rest) >= 2:
            return _steps(rest, current, book)
        if key in ("期限", "window") and len(rest) == 2:
            return _window(rest, current, book)
        if key in ("类别", "category") and len(rest) == 2:
            return _move(rest, current, book)
    except ValueError:  # out of a policy's bounds (nine steps, a window of 0 days…)
        return None
    return None


def _steps(words: tuple[str, ...], current: ContentPolicy, book: Rulebook) -> ContentPolicy | None:
    ladder = find_ladder(words[0], book)
    steps = [parse_step(word) for word in words[1:]]
    if ladder is None or None in steps:
        return None
    own = tuple(s for s in steps if s is not None)
    return replace(current, steps={**current.steps, ladder: own}).compact(book)


def _window(words: tuple[str, ...], current: ContentPolicy, book: Rulebook) -> ContentPolicy | None:
    ladder = find_ladder(words[0], book)
    match = _WINDOW.fullmatch(_word(words[1]))
    if ladder is None or match is None:
        return None
    days = int(match.group(1))
    return replace(current, windows={**current.windows, ladder: days}).compact(book)


def _move(words: tuple[str, ...], current: ContentPolicy, book: Rulebook) -> ContentPolicy | None:
    """A category onto a ladder the rulebook uses for its kind (illegal stays with illegal)."""
    category = find_category(words[0], book=book)
    ladder = find_ladder(words[1], book)
    if category is None or ladder is None:
        return None
    if not any(c.kind == category.kind and c.ladder == ladder for c in book.category):
        return None
    return replace(current, ladders={**current.ladders, category.key: ladder}).compact(book)
