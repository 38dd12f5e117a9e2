"""/群規: the rulebook's articles in its order, each with its own text and what the bot does for
it in this group. Pure: the caller gives each duty's state here and the platform's limits.

The reply stays a chat message: an article's own text is shown in full up to `SHOWN_MAX`
characters; a longer one (the lists of Art. 7 and 9, Art. 4, 11, 13 in the default rulebook) by
its opening, marked "…", and the reply says so once. QQ sends no more than some 4,500 characters
in one message and risk control is wary of long ones well before that (Telegram's messages are
cut by the adapter); the default rulebook's reply stays under `BUDGET`, which a test keeps.
"""

from collections.abc import Callable, Sequence
from typing import Literal

from core.duties import BY_KEY
from core.rulebook import Rulebook
from plugins.registry import texts

State = Literal["on", "off", "later"]
SHOWN_MAX = 100  # characters of an article's own text shown in full
BUDGET = 2000  # characters the default rulebook's reply keeps under (tests)
_SENTENCE_ENDS = "。；;"  # kept with the sentence they end
_CLAUSE_ENDS = "，,"  # dropped before the "…"


def shown(text: str, limit: int = SHOWN_MAX) -> tuple[str, bool]:
    """The article's text as /群規 shows it, and whether it was cut: in full up to `limit`
    characters, else its first line, up to the last sentence (or clause) within `limit`, then
    "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text, False
    first = text.splitlines()[0].rstrip()
    if len(first) > limit:
        sentence = max(first.rfind(mark, 0, limit) for mark in _SENTENCE_ENDS)
        clause = max(first.rfind(mark, 0, limit) for mark in _CLAUSE_ENDS)
        if sentence > 0:
            first = first[: sentence + 1]
        elif clause > 0:
            first = first[:clause]
    return first[:limit] + "…", True


def state_in(duty: str, filed: bool, on: frozenset[str]) -> State:
    """Whether the bot does `duty` in a group: filed (not revoked) with the switchable duties
    `on`. Filing itself is what an unfiled group can do."""
    if not filed:
        return "on" if duty == "filing" else "later"
    if BY_KEY[duty].switchable and duty not in on:
        return "off"
    return "on"


def rules_reply(
    book: Rulebook,
    state: Callable[[str], State],
    limits: Callable[[str], Sequence[str]],
    platform_label: str,
    tail: Sequence[str] = (),
) -> str:
    """The whole reply: the header, every article with the duties it binds (a duty bound by
    several articles in full under the first, by reference under the others), then `tail`."""
    lines = [texts.RULES_HEADER.format(title=book.title)]
    first_of: dict[str, int] = {}
    cut = False
    for article in book.article:
        text, was_cut = shown(article.text)
        cut = cut or was_cut
        lines.append(texts.rules_article(article.number, text))
        if not article.duties:
            lines.append(texts.RULES_NOT_DONE)
        for duty in article.duties:
            kind = BY_KEY[duty]
            if duty in first_of:
                lines.append(texts.rules_duty_again(kind.name, state(duty), first_of[duty]))
                continue
            first_of[duty] = article.number
            lines.append(texts.rules_duty(kind.name, kind.does, state(duty)))
            lines += texts.rules_limits(platform_label, limits(duty))
    if cut:
        lines.append(texts.rules_cut(book.title))
    return "\n".join([*lines, *tail])
