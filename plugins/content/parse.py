"""Reading `/內容設定`: one change to the group's policy, as a pure function."""

import re
from dataclasses import replace
from typing import Literal

from core.script import to_simplified
from plugins.content.categories import find_category
from plugins.content.policy import DEFAULT_BLACKLIST, ContentPolicy, Rung
from plugins.measures.parse import parse_duration

Reset = Literal["reset"]
_WINDOW = re.compile(r"(\d{1,3})(?:天|日|d)?")
_RUNGS: dict[str, Rung] = {
    "警告": Rung("warning"),
    "warn": Rung("warning"),
    "移出": Rung("kick"),
    "kick": Rung("kick"),
    "拉黑": Rung("blacklist"),
    "ban": Rung("blacklist"),
}
_NONE = {"无", "none"}
_DEFAULT = {"预设", "default"}


def _word(text: str) -> str:
    return to_simplified(text.strip()).lower()


def _rung(word: str) -> Rung | None:
    found = _RUNGS.get(_word(word))
    if found is not None:
        return found
    seconds = parse_duration(word)
    return Rung("mute", seconds) if seconds is not None else None


def parse_change(words: tuple[str, ...], current: ContentPolicy) -> ContentPolicy | Reset | None:
    """The policy after the change `words` asks for; "reset" for the defaults; None if malformed.

    `禁言 <時長>`, `拉黑 <類別…>|無|預設`, `階梯 <警告|時長|移出|拉黑>…`, `期限 <天數>`, `預設`.
    """
    if not words:
        return None
    key, rest = _word(words[0]), words[1:]
    if key in _DEFAULT and not rest:
        return "reset"
    try:
        if key in ("禁言", "mute") and len(rest) == 1:
            seconds = parse_duration(rest[0])
            return replace(current, illegal_mute_seconds=seconds) if seconds else None
        if key in ("拉黑", "ban") and rest:
            return _blacklist(rest, current)
        if key in ("阶梯", "ladder") and rest:
            rungs = [_rung(word) for word in rest]
            if None in rungs or len(rungs) > 8:
                return None
            return replace(current, ladder=tuple(r for r in rungs if r is not None))
        if key in ("期限", "window") and len(rest) == 1:
            match = _WINDOW.fullmatch(_word(rest[0]))
            return replace(current, window_days=int(match.group(1))) if match else None
    except ValueError:  # out of the policy's bounds (a window of 0 days…)
        return None
    return None


def _blacklist(words: tuple[str, ...], current: ContentPolicy) -> ContentPolicy | None:
    if len(words) == 1 and _word(words[0]) in _NONE:
        return replace(current, blacklist=frozenset())
    if len(words) == 1 and _word(words[0]) in _DEFAULT:
        return replace(current, blacklist=DEFAULT_BLACKLIST)
    found = [find_category(word, "illegal") for word in words]
    if None in found:
        return None
    return replace(current, blacklist=frozenset(c.key for c in found if c is not None))
