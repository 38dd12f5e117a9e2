"""The default lexicons on a labelled corpus: every category caught, ordinary messages left alone."""

import csv
from pathlib import Path

import pytest

from plugins.content.categories import by_key
from plugins.content.lexicons import Lexicon, load
from plugins.scanner.findings import TextPiece
from plugins.scanner.scan import Scanner

CORPUS = Path(__file__).parent / "corpus.tsv"


def _rows(label: str) -> list[tuple[str, str]]:
    with CORPUS.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return [
        (r["category"], r["text"])
        for r in csv.DictReader(lines, delimiter="\t")
        if r["label"] == label
    ]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load(None)


@pytest.fixture(scope="module")
def scanner(lexicon: Lexicon) -> Scanner:
    return Scanner(lexicon.terms)


def _categories(lexicon: Lexicon, scanner: Scanner, text: str) -> set[str]:
    pieces = [TextPiece("text", text)]
    return {f.category for f in lexicon.relevant(pieces, scanner.scan(pieces))}


@pytest.mark.parametrize(("category", "text"), _rows("pos"))
def test_positives_are_found_in_their_category(
    lexicon: Lexicon, scanner: Scanner, category: str, text: str
) -> None:
    assert category in _categories(lexicon, scanner, text)


@pytest.mark.parametrize(("category", "text"), _rows("neg"))
def test_ordinary_work_messages_are_not_flagged(
    lexicon: Lexicon, scanner: Scanner, category: str, text: str
) -> None:
    assert _categories(lexicon, scanner, text) == set()


def test_the_corpus_covers_every_category_and_is_mostly_ordinary() -> None:
    assert {category for category, _ in _rows("pos")} == set(by_key())
    assert len(_rows("neg")) >= 60
