"""Lexicons: terms loaded from plain-text files, matched all at once by one Aho-Corasick automaton.

A lexicon folder holds one file per category, named after it (`賭博.txt` holds the category
`賭博`). A file has one term per line, optionally followed by a tab and a severity (1-5); blank
lines and lines starting with `#` are ignored.

A term is matched in both forms of a text (`folded` and `skeleton`, see `normalize`), and in the
skeleton without stars when it has any, so `法 輪 功`, `法*輪*功` and `法輪功` all match `法轮功`.
Every term goes into the automaton in its folded form and its skeleton forms; since a match in the
folded text is then also a match in the skeleton, the folded text is searched on its own only when
some term holds characters the skeleton drops.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import ahocorasick_rs

from .articles import article_of_kind
from .findings import Kind
from .normalize import Mapped, Normalized, normalize

DEFAULT_SEVERITY = 3
MIN_SEVERITY, MAX_SEVERITY = 1, 5


@dataclass(frozen=True, slots=True)
class Term:
    term: str  # as written in the lexicon
    kind: Kind
    category: str
    article: int
    severity: int


@dataclass(frozen=True, slots=True)
class Hit:
    term: Term
    start: int  # span in the original text
    end: int


def parse_lexicon(
    text: str,
    *,
    kind: Kind,
    category: str,
    article: int | None = None,
    default_severity: int = DEFAULT_SEVERITY,
    origin: str = "<lexicon>",
) -> list[Term]:
    """The terms of one lexicon file's text. Raises ValueError on a malformed line.

    `article`: the terms' (default: the rulebook's for `kind`, `articles.article_of_kind`)."""
    if kind not in get_args(Kind):
        raise ValueError(f"{origin}: unknown kind {kind!r}")
    article = article if article is not None else article_of_kind(kind)
    terms: dict[str, Term] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        term, _, severity_text = (part.strip() for part in line.partition("\t"))
        severity = default_severity
        if severity_text:
            if (
                not severity_text.isdecimal()
                or not MIN_SEVERITY <= int(severity_text) <= MAX_SEVERITY
            ):
                raise ValueError(f"{origin}:{number}: severity must be 1-5, not {severity_text!r}")
            severity = int(severity_text)
        terms.setdefault(term, Term(term, kind, category, article, severity))
    return list(terms.values())


def load_lexicon(
    folder: Path,
    *,
    kind: Kind,
    article: int | None = None,
    default_severity: int = DEFAULT_SEVERITY,
) -> list[Term]:
    """The terms of every `*.txt` file in `folder`; each file's name is its category."""
    terms: list[Term] = []
    for path in sorted(folder.glob("*.txt")):
        terms += parse_lexicon(
            path.read_text(encoding="utf-8-sig"),
            kind=kind,
            category=path.stem,
            article=article,
            default_severity=default_severity,
            origin=str(path),
        )
    return terms


def _forms(term: str) -> set[str]:
    """The strings a term is matched as: its folded form, and its skeleton (with and without
    stars) unless that leaves a single character (`C++` must not become `c`).
    """
    norm = normalize(term)
    forms = {norm.folded.text}
    forms.update(form.text for form in (norm.skeleton, norm.bare()) if len(form.text) > 1)
    return forms - {""}


def _skeleton_differs(term: str) -> bool:
    norm = normalize(term)
    return norm.skeleton is not norm.folded


class Matcher:
    """All terms in one automaton, built once; `find` reports each term occurrence once."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms: tuple[Term, ...] = tuple(dict.fromkeys(terms))
        owners: dict[str, list[int]] = {}
        for index, term in enumerate(self.terms):
            for form in _forms(term.term):
                owners.setdefault(form, []).append(index)
        self._patterns = list(owners)
        # Whether some term keeps a character the skeleton drops; if none does, a match in the
        # folded text is also a match in the skeleton, with the same span, so one search will do.
        self._symbolic = any(_skeleton_differs(term.term) for term in self.terms)
        self._owners = [tuple(owners[pattern]) for pattern in self._patterns]
        self._automaton = (
            ahocorasick_rs.AhoCorasick(self._patterns, matchkind=ahocorasick_rs.MATCHKIND_STANDARD)
            if self._patterns
            else None
        )

    def find(self, norm: Normalized) -> list[Hit]:
        """Every term in `norm`, with spans in the original text, ordered by start, longest first."""
        if self._automaton is None:
            return []
        spans: set[tuple[int, int, int]] = set()
        forms: list[Mapped] = [norm.skeleton]
        if self._symbolic and norm.skeleton is not norm.folded:
            forms.append(norm.folded)
        bare = norm.bare()
        if bare is not norm.skeleton:
            forms.append(bare)
        for form in forms:
            for pattern, start, end in self._automaton.find_matches_as_indexes(
                form.text, overlapping=True
            ):
                origin_start, origin_end = form.span(start, end)
                for owner in self._owners[pattern]:
                    spans.add((owner, origin_start, origin_end))
        ordered = sorted(spans, key=lambda span: (span[1], span[1] - span[2], span[0]))
        return _drop_nested([Hit(self.terms[owner], start, end) for owner, start, end in ordered])


def _drop_nested(hits: list[Hit]) -> list[Hit]:
    """Drop each hit lying inside a longer hit of the same kind and category.

    `hits` are ordered by start, longest first; per family, the hit reaching furthest so far
    (earliest start among those) contains the current hit if anything does.
    """
    reach: dict[tuple[str, str], tuple[int, int]] = {}  # family -> (end, start) of that hit
    kept = []
    for hit in hits:
        family = (hit.term.kind, hit.term.category)
        end, start = reach.get(family, (-1, -1))
        if end > hit.end or (end == hit.end and start < hit.start):
            continue
        kept.append(hit)
        if hit.end > end:
            reach[family] = (hit.end, hit.start)
    return kept
