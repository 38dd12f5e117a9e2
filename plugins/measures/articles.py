"""The articles of the measures, as the rulebook in force says (no matchers here: the console and
other duties import it): the one an admin's own measure is filed under, and all those that
provide for warnings, mutes, removals and the blacklist."""

from core import runtime
from core.rulebook import Rulebook

MEASURES = "measures"  # the duty: an admin's own measures (Art. 10 in the default rulebook)


def manual_article() -> int:
    """The measures duty's first article (警告、限制發言、清移出群). A rulebook that leaves the duty
    out takes no such measure; what is still done by hand there (lifting a mute or a listing) is
    filed under the filing article, the admins' own responsibility."""
    book = runtime.rulebook()
    return book.article_of(MEASURES if book.binds(MEASURES) else "filing")


def provisions(book: Rulebook) -> tuple[int, ...]:
    """The articles that provide for the measures: the ladders' and the measures duty's, in the
    rulebook's order (Art. 8 and 10 in the default)."""
    numbers = {ladder.article for ladder in book.ladder.values()} | set(book.articles_of(MEASURES))
    return tuple(a.number for a in book.article if a.number in numbers)
