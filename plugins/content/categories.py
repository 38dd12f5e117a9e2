"""The content categories: the rulebook's `[[category]]`, read at call time.

Each category has a key (the Finding's category), a name for notices and records, its kind
(illegal or harmful), the article and clause forbidding it, the clause's words for the incident
report, a default severity, the lexicon files that find it and the ladder that deals with it.
Nothing is listed here: another rulebook brings other categories with no change to the code.
"""

from collections.abc import Mapping
from typing import Literal

from core import runtime
from core.cite import clause
from core.rulebook import Category, Ladder, Rulebook
from core.script import to_simplified

ContentKind = Literal["illegal", "harmful"]


def categories() -> tuple[Category, ...]:
    """Every category of the rulebook in force, in its order."""
    return runtime.rulebook().category


def by_key() -> Mapping[str, Category]:
    return {c.key: c for c in categories()}


def category(key: str) -> Category:
    """The category `key` (KeyError if the rulebook has none of that key)."""
    return by_key()[key]


def of_kind(kind: ContentKind) -> tuple[Category, ...]:
    return tuple(c for c in categories() if c.kind == kind)


def find_category(
    word: str, kind: ContentKind | None = None, book: Rulebook | None = None
) -> Category | None:
    """The category named by its key or its name (either script)."""
    wanted = to_simplified(word.strip()).lower()
    for found in (book or runtime.rulebook()).category:
        if kind is not None and found.kind != kind:
            continue
        if wanted in (found.key, to_simplified(found.name).lower()):
            return found
    return None


def reference(found: Category) -> str:
    """`第七條第（八）項`, as the rulebook numbers."""
    return clause(found.article, found.clause)


def ladder_of(found: Category, book: Rulebook | None = None) -> Ladder:
    """The rulebook's own ladder for `found` (a group may move it: `policy.ContentPolicy`)."""
    return (book or runtime.rulebook()).ladder[found.ladder]
