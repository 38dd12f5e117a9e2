"""The platform port's tests: a limiter that `platform_for` will use for the test bot."""

from typing import Any

import pytest

from adapters import events
from adapters.account import Account
from adapters.pacing import Limiter


@pytest.fixture
def limiter(monkeypatch: pytest.MonkeyPatch) -> Limiter:
    """The limiter `platform_for` will use for the test bot: fast, with a short back-off."""
    fresh = Limiter(10_000, 10_000, backoff=0.5)
    monkeypatch.setattr(events, "_accounts", {})
    return fresh


def install(bot: Any, limiter: Limiter) -> None:
    events._accounts[f"{bot.type}:{bot.self_id}"] = Account(limiter)
