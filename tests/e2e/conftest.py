"""End-to-end fixtures: a real bot process and a OneBot peer connected to it; or a fake Telegram
Bot API (tests/telegram_api.py) in the test's event loop and a bot process polling it."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests import accounts
from tests.e2e.browser import Browser, skip_without_browser
from tests.e2e.pg import pg_url  # noqa: F401  (the fixture, for every end-to-end test)
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Peer, PeerMember
from tests.telegram_api import TelegramApi
from tests.telegram_world import populate


@pytest.fixture
def bot_process(tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path)
    process.start()
    yield process
    process.stop()


@pytest.fixture
async def peer(bot_process: BotProcess) -> AsyncIterator[Peer]:
    peer = new_peer(bot_process.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
    )
    await peer.connect()
    yield peer
    await peer.close()


@pytest.fixture
def browser(bot_process: BotProcess) -> Iterator[Browser]:
    skip_without_browser()
    opened = Browser(f"http://127.0.0.1:{bot_process.port}")
    yield opened
    opened.close()


@pytest.fixture
async def telegram_api() -> AsyncIterator[TelegramApi]:
    """The fake Bot API on a free port, with the test organisation's people and group
    (tests/telegram_world.py). It runs in the test's event loop: a test must not block it."""
    async with TelegramApi() as api:
        populate(api)
        yield api
    assert not api.faults, api.faults[0]


@pytest.fixture
async def telegram_bot_process(
    tmp_path: Path, telegram_api: TelegramApi
) -> AsyncIterator[BotProcess]:
    """bot.py with a Telegram bot polling `telegram_api` (and OneBot, unconnected). Started in a
    thread: the fake must go on answering while the process starts."""
    process = BotProcess(tmp_path, telegram_url=telegram_api.url, telegram_token=telegram_api.token)
    await asyncio.to_thread(process.start)
    yield process
    await asyncio.to_thread(process.stop)
