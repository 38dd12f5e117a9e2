"""One scan of a message's text pieces against every lexicon and pattern rule at once."""

from collections.abc import Iterable, Sequence
from datetime import date

from .findings import Finding, TextPiece
from .lexicon import Matcher, Term
from .markers import find_markers
from .normalize import normalize
from .pii import find_ids, find_phones, today_local


class Scanner:
    """Built once from the lexicon terms; `scan` is then called once per message."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.matcher = Matcher(terms)

    def scan(
        self, pieces: Sequence[TextPiece], *, phones: bool = False, today: date | None = None
    ) -> list[Finding]:
        """Findings in all pieces, ordered by piece and position.

        Mobile numbers are reported only when `phones` is set; `today` bounds the birth dates of
        identity numbers (default: today in China).
        """
        today = today or today_local()
        findings: list[Finding] = []
        for index, piece in enumerate(pieces):
            if not piece.text:
                continue
            norm = normalize(piece.text)
            findings += [
                Finding(
                    hit.term.kind,
                    hit.term.category,
                    hit.term.article,
                    hit.term.severity,
                    hit.start,
                    hit.end,
                    index,
                    hit.term.term,
                )
                for hit in self.matcher.find(norm)
            ]
            findings += find_markers(norm, index)
            findings += find_ids(norm, index, today)
            if phones:
                findings += find_phones(norm, index)
        findings.sort(key=lambda finding: (finding.piece, finding.start, -finding.severity))
        return findings
