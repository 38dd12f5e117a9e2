"""Rulebooks other than the default one, for the tests: the default edited (`edited`, `second`),
or the rulebook in force changed and checked again whole (`without`, `shifted`, `telling`);
`install` puts one in force for one test (with monkeypatch: the next test has the default)."""

from typing import Any

import pytest

from core import runtime
from core.rulebook import DEFAULT_FILE, Chain, Numbering, Rulebook, parse_rulebook

# Numbered in figures, another title, the privacy duty left out of Art. 4, the measures duty
# moved from Art. 10 to Art. 12, and Art. 5 worded its own way.
SECOND = (
    ('numbering = "漢字"', 'numbering = "數字"'),
    ('title = "XX街道工作互聯網群組管理辦法（試行）"', 'title = "YY街道工作群組管理規定（試行）"'),
    ('duties = ["realname", "clearance", "privacy"]', 'duties = ["realname", "clearance"]'),
    ('duties = ["content", "measures"]', 'duties = ["content"]'),
    ('規范網絡行為。"\n', '規范網絡行為。"\nduties = ["measures"]\n'),
    (
        "群組管理員因工作調整或調離崗位等原因不再適合管理群組的,應由建群單位及時更換。",
        "管理員換人時，建群單位應及時指定新的群組管理員。",
    ),
)


def edited(*edits: tuple[str, str]) -> Rulebook:
    """The default rulebook with each `old` (which must be there) replaced by `new`, once."""
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return parse_rulebook(text.encode(), "second.toml")


def second(monkeypatch: pytest.MonkeyPatch) -> Rulebook:
    return install(monkeypatch, edited(*SECOND))


def _rebuilt(data: dict[str, Any]) -> Rulebook:
    return Rulebook.model_validate(data)


def without(*duties: str) -> Rulebook:
    """The rulebook in force with no article binding `duties` (and without their numbers)."""
    data = runtime.rulebook().model_dump()
    for article in data["article"]:
        article["duties"] = [d for d in article["duties"] if d not in duties]
    for duty in duties:
        data["duty"].pop(duty, None)
    return _rebuilt(data)


def shifted(by: int, numbering: Numbering = "數字") -> Rulebook:
    """The rulebook in force with every article `by` further on (handover: 5 → 7 for by=2), its
    categories and ladders with them, numbered as `numbering` says."""
    data = runtime.rulebook().model_dump()
    data["numbering"] = numbering
    for part in (data["article"], data["category"], data["ladder"].values()):
        for item in part:
            item["article" if "article" in item else "number"] += by
    return _rebuilt(data)


def telling(article: int, *chains: Chain, book: Rulebook | None = None) -> Rulebook:
    """`book` (the rulebook in force by default) with `article`'s tell chain set to `chains`."""
    data = (book or runtime.rulebook()).model_dump()
    for item in data["article"]:
        if item["number"] == article:
            item["tell"] = list(chains)
    return _rebuilt(data)


def install(monkeypatch: pytest.MonkeyPatch, book: Rulebook) -> Rulebook:
    """`book` in force for the test (the settings and the organisation file unchanged)."""
    now = runtime.current()
    monkeypatch.setattr(runtime, "_current", runtime.Runtime(now.settings, now.org, book))
    return book
