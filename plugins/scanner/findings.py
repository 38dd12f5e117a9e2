"""The values a scan produces: the pieces of text a message carries, and what was found in them."""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["illegal", "harmful", "confidential", "privacy"]
Source = Literal["text", "forward", "card", "reply", "file", "card_name"]


@dataclass(frozen=True, slots=True)
class TextPiece:
    source: Source  # where in the message the text was found
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    category: str  # lexicon category, or the pattern family ("state_secret", "id_number", …)
    article: int  # the article of the measures that the finding falls under
    severity: int  # 1 (mild) … 5 (gravest)
    start: int  # span in the original text of the piece, end exclusive
    end: int
    piece: int  # index of the text piece the span refers to
    rule: str  # the lexicon term, or the id of the pattern that matched
