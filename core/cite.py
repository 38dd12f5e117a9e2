"""Naming articles in what the bot writes: the one way, in the rulebook's numbering.

Every sentence that cites an article asks here, by the duty it speaks for (`cite("handover")`)
or by number when a record or category names one, so another street's rulebook renumbers the
bot's words with it. A test fails if a sentence writes an article number itself.
"""

from collections.abc import Iterable

from core import runtime
from core.rulebook import Numbering

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """十一 for 11, 二十 for 20, 一百零五 for 105 (as articles and clauses are numbered)."""
    if not 0 < n < 1000:
        raise ValueError(f"not an article number: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (_DIGITS[ones] if ones else "")


def numeral(n: int, numbering: Numbering) -> str:
    return chinese_number(n) if numbering == "漢字" else str(n)


def article_label(n: int, numbering: Numbering | None = None) -> str:
    """第十一條 (or 第11條, as the rulebook numbers)."""
    return f"第{numeral(n, numbering or runtime.rulebook().numbering)}條"


def articles(numbers: Iterable[int]) -> str:
    """第三條、第十三條: each once, in the order given."""
    return "、".join(article_label(n) for n in dict.fromkeys(numbers))


def joined(numbers: Iterable[int]) -> str:
    """第八、十條: several articles as one citation, in the order given; "" for none."""
    book = runtime.rulebook()
    shown = [numeral(n, book.numbering) for n in dict.fromkeys(numbers)]
    return f"第{'、'.join(shown)}條" if shown else ""


def cite(*duties: str) -> str:
    """The articles binding `duties` in the rulebook in force, as a sentence names them."""
    return articles(runtime.rulebook().articles_of(*duties))


def clause(article: int, number: int | None) -> str:
    """第七條第（八）項, or the article alone when the category has no clause."""
    head = article_label(article)
    if number is None:
        return head
    return f"{head}第（{numeral(number, runtime.rulebook().numbering)}）項"
