"""A finding's article is the rulebook's: the privacy and confidential duties' own, a term's
category's, read when the finding is made."""

from datetime import date

import pytest

from core.rulebook import DEFAULT_FILE, Rulebook, parse_rulebook
from plugins.scanner.articles import article_of_kind
from plugins.scanner.lexicon import parse_lexicon
from plugins.scanner.markers import find_markers
from plugins.scanner.normalize import normalize
from plugins.scanner.pii import find_ids, find_phones
from tests.rulebooks import install

VALID = "110101199003077571"


def _moved() -> Rulebook:
    """The default rulebook with the privacy duty under Art. 12, the confidential one left out."""
    text = DEFAULT_FILE.read_text("utf-8")
    for old, new in (
        ('duties = ["realname", "clearance", "privacy"]', 'duties = ["realname", "clearance"]'),
        ('規范網絡行為。"\n', '規范網絡行為。"\nduties = ["privacy"]\n'),
        ('duties = ["confidential"]\n', ""),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return parse_rulebook(text.encode("utf-8"), "moved.toml")


def test_the_default_rulebook_gives_the_usual_articles() -> None:
    assert [article_of_kind(k) for k in ("privacy", "illegal", "harmful", "confidential")] == [
        4,
        7,
        9,
        11,
    ]


def test_findings_follow_the_rulebook_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, _moved())
    [identity] = find_ids(normalize(VALID), today=date(2025, 6, 1))
    [phone] = find_phones(normalize("13812345678"))
    [marker] = find_markers(normalize("機密★5年"))
    assert (identity.article, phone.article, marker.article) == (12, 12, 0)
    assert parse_lexicon("賭球\n", kind="harmful", category="x")[0].article == 9
