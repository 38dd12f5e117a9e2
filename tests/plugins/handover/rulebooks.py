"""Rulebooks other than the default one, for tests of a duty left out or of articles renumbered.

Each is the rulebook in force, changed and checked again whole (`Rulebook.model_validate`), and
installed for one test with `install`.
"""

from typing import Any

import pytest

from core import runtime
from core.rulebook import Chain, Numbering, Rulebook


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


def install(monkeypatch: pytest.MonkeyPatch, book: Rulebook) -> None:
    """`book` in force for the test (the settings and the organisation file unchanged)."""
    now = runtime.current()
    monkeypatch.setattr(runtime, "_current", runtime.Runtime(now.settings, now.org, book))
