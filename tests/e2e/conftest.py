"""End-to-end fixtures: a real bot process and a OneBot peer connected to it."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests import accounts
from tests.e2e.browser import Browser, skip_without_browser
from tests.e2e.pg import pg_url  # noqa: F401  (the fixture, for every end-to-end test)
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Peer, PeerMember


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
