"""The article an admin's own measure is filed under, as the rulebook in force says (no matchers
here: the console and other duties import it)."""

from core import runtime

MEASURES = "measures"  # the duty: an admin's own measures (Art. 10 in the default rulebook)


def manual_article() -> int:
    """The measures duty's first article (警告、限制發言、清移出群). A rulebook that leaves the duty
    out takes no such measure; what is still done by hand there (lifting a mute or a listing) is
    filed under the filing article, the admins' own responsibility."""
    book = runtime.rulebook()
    return book.article_of(MEASURES if book.binds(MEASURES) else "filing")
