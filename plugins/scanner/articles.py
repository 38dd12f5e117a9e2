"""The article a finding falls under, from the rulebook in force (read at each finding).

Personal data is the privacy duty's article and a confidential marker the confidential duty's;
a lexicon term is its category's, and a term read without one takes the article of the
rulebook's first category of its kind. 0 when the rulebook has none.
"""

from core import runtime

from .findings import Kind

_DUTY_OF: dict[Kind, str] = {"privacy": "privacy", "confidential": "confidential"}


def article_of_kind(kind: Kind) -> int:
    book = runtime.rulebook()
    duty = _DUTY_OF.get(kind)
    if duty is not None:
        return book.article_of(duty) if book.binds(duty) else 0
    return next((c.article for c in book.category if c.kind == kind), 0)
