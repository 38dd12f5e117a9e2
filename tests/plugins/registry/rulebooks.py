"""Another street's rulebook for the tests: the default file's text, edited, installed for one
test (with monkeypatch, so the next test has the default again)."""

import pytest

from core import runtime
from core.rulebook import DEFAULT_FILE, Rulebook, parse_rulebook

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


def install(monkeypatch: pytest.MonkeyPatch, book: Rulebook) -> Rulebook:
    now = runtime.current()
    monkeypatch.setattr(runtime, "_current", runtime.Runtime(now.settings, now.org, book))
    return book


def second(monkeypatch: pytest.MonkeyPatch) -> Rulebook:
    return install(monkeypatch, edited(*SECOND))
