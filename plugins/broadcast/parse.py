"""Reading `/群發 <選擇…> <內容>`: pure, the command's text in and the filters and notice out.

The selectors come first, separated by spaces: unit names (from the organisation file, in either
script), 內部 / 群眾, 一級 / 二級 / 三級, or 全部. The first word that is none of these starts the
notice, which runs to the end as typed (its line breaks kept). A notice that must begin with such
a word puts a `｜` (or `|`) after the selectors: everything before it must then be selectors.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from core.script import to_simplified
from models.registry import GroupType
from plugins.broadcast.select import GRADES, Filters

MAX_TEXT = 1500  # characters: a QQ message holds more, but a notice longer than this is a file
SEPARATORS = ("｜", "|")
EVERYTHING = "全部"

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Request:
    filters: Filters
    text: str


@dataclass(frozen=True)
class Bad:
    """Why the command cannot be read: `no_selector`, `unknown` (`word`), `no_text`, `too_long`."""

    why: str
    word: str = ""
    length: int = 0


Kind = Literal["unit", "type", "grade", "all"]
Picked = tuple[Kind, str]


def _selector(word: str, units: Sequence[str]) -> Picked | None:
    """What `word` selects (a unit's name as the organisation file spells it, a type, a grade,
    or 全部); None when it is no selector."""
    key = to_simplified(word)
    if key == to_simplified(EVERYTHING):
        return "all", EVERYTHING
    for unit in units:
        if to_simplified(unit) == key:
            return "unit", unit
    for group_type in GroupType:
        if to_simplified(group_type.value) == key:
            return "type", group_type.value
    for grade in GRADES:
        if to_simplified(grade) == key:
            return "grade", grade
    return None


def _filters(picked: Sequence[Picked]) -> Filters:
    return Filters(
        units=frozenset(v for k, v in picked if k == "unit"),
        types=frozenset(GroupType(v) for k, v in picked if k == "type"),
        grades=frozenset(g for g in GRADES if ("grade", g) in picked),
        everything=any(k == "all" for k, _ in picked),
    )


def parse_broadcast(raw: str, units: Sequence[str]) -> Request | Bad:
    """`raw`: what follows the command; `units`: the organisation file's unit names."""
    cut = min((i for i in (raw.find(s) for s in SEPARATORS) if i >= 0), default=-1)
    picked: list[Picked] = []
    if cut >= 0:
        for word in raw[:cut].split():
            found = _selector(word, units)
            if found is None:
                return Bad("unknown", word)
            picked.append(found)
        text = raw[cut + 1 :]
    else:
        text = ""
        for match in _WORD.finditer(raw):
            found = _selector(match.group(), units)
            if found is None:
                text = raw[match.start() :]
                break
            picked.append(found)
    text = text.strip()
    if not picked:
        return Bad("no_selector")
    if not text:
        return Bad("no_text")
    if len(text) > MAX_TEXT:
        return Bad("too_long", length=len(text))
    return Request(_filters(picked), text)
