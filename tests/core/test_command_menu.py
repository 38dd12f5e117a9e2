"""The command menu a platform is offered (Telegram's setMyCommands): every command, less those
of a duty the rulebook in force leaves out."""

import pytest

from core.commands import menu
from tests.rulebooks import install, without


def test_the_menu_offers_only_the_commands_that_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    offered = dict(menu())
    assert offered["broadcast"] == "群發"
    assert offered["handover"] == "交接管理員"
    assert offered["rules"] == "群規"
    install(monkeypatch, without("broadcast", "handover"))
    left = dict(menu())
    assert "broadcast" not in left
    assert "broadcast_confirm" not in left
    assert "handover" not in left
    assert left["rules"] == "群規"  # no duty of its own: always there
    assert len(left) == len(offered) - 4
