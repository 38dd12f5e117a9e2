"""The labelled corpus: every positive found with the right kind, no negative flagged."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from plugins.scanner.findings import TextPiece
from plugins.scanner.scan import Scanner

CORPUS = Path(__file__).with_name("corpus.tsv")
_ESCAPE = re.compile(r"\\(n|u[0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Sample:
    line: int
    label: str
    kind: str
    text: str


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m[1] == "n" else chr(int(m[1][1:], 16)), text)


def load_corpus() -> list[Sample]:
    samples = []
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("#") or line == "label\tkind\ttext":
            continue
        label, kind, text = line.split("\t")
        samples.append(Sample(number, label, kind, _unescape(text)))
    return samples


SAMPLES = load_corpus()
SCANNER = Scanner([])


def test_corpus_size_and_labels() -> None:
    assert sum(sample.label == "pos" for sample in SAMPLES) >= 200
    assert sum(sample.label == "neg" for sample in SAMPLES) >= 200
    assert {sample.label for sample in SAMPLES} == {"pos", "neg"}
    assert {sample.kind for sample in SAMPLES} == {"confidential", "privacy", "phone", "-"}
    assert len({sample.text for sample in SAMPLES}) == len(SAMPLES)


@pytest.mark.parametrize(
    "sample",
    [sample for sample in SAMPLES if sample.label == "pos"],
    ids=lambda sample: f"line{sample.line}",
)
def test_positive_found(sample: Sample) -> None:
    findings = SCANNER.scan([TextPiece("text", sample.text)], phones=sample.kind == "phone")
    if sample.kind == "phone":
        assert [f.category for f in findings] == ["phone"]
        assert SCANNER.scan([TextPiece("text", sample.text)]) == []
    else:
        assert findings, sample.text
        assert {f.kind for f in findings} == {sample.kind}
    for finding in findings:  # spans point at something in the original text
        assert 0 <= finding.start < finding.end <= len(sample.text)


@pytest.mark.parametrize(
    "sample",
    [sample for sample in SAMPLES if sample.label == "neg"],
    ids=lambda sample: f"line{sample.line}",
)
def test_negative_not_flagged(sample: Sample) -> None:
    assert SCANNER.scan([TextPiece("text", sample.text)]) == []
