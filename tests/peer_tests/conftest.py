"""The test peer against a plain websockets server standing in for the bot: no bot process."""

import asyncio
import contextlib
import itertools
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from websockets.asyncio.server import ServerConnection, serve

from tests import accounts
from tests.peer import Peer, PeerMember

TOKEN = "peer-test-token"
Event = dict[str, Any]


class FakeBot:
    """Accepts the peer's reverse WebSocket, keeps every event, and calls actions by echo."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.headers: dict[str, str] = {}
        self.connections = 0
        self.url = ""
        self._ws: ServerConnection | None = None
        self._answers: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._echo = itertools.count(1)
        self._new = asyncio.Event()

    async def handler(self, ws: ServerConnection) -> None:
        self._ws = ws
        self.connections += 1
        assert ws.request is not None
        self.headers = dict(ws.request.headers)
        async for frame in ws:
            data = json.loads(frame)
            if "retcode" in data:
                self._answers.pop(str(data["echo"])).set_result(data)
            else:
                self.events.append(data)
                self._new.set()

    async def call(self, action: str, within: float = 15.0, **params: Any) -> dict[str, Any]:
        """The peer's whole answer frame (status, retcode, data, message, wording, echo)."""
        assert self._ws is not None
        echo = str(next(self._echo))
        self._answers[echo] = asyncio.get_running_loop().create_future()
        await self._ws.send(json.dumps({"action": action, "params": params, "echo": echo}))
        return await asyncio.wait_for(self._answers[echo], within)

    async def ok(self, action: str, **params: Any) -> Any:
        answer = await self.call(action, **params)
        assert answer["status"] == "ok", answer
        return answer["data"]

    async def event(self, where: Callable[[Event], bool], within: float = 5.0) -> Event:
        deadline = asyncio.get_running_loop().time() + within
        while True:
            for event in self.events:
                if where(event):
                    return event
            self._new.clear()
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise TimeoutError(f"no such event; saw {[kind(e) for e in self.events]}")
            try:
                await asyncio.wait_for(self._new.wait(), remaining)
            except TimeoutError:
                continue

    def of(self, kind_name: str) -> list[Event]:
        return [e for e in self.events if kind(e) == kind_name]


def kind(event: Event) -> str:
    """`message/group`, `notice/group_recall`, `request/friend`, `meta_event/lifecycle`…"""
    detail = event.get("message_type") or event.get("notice_type") or event.get("request_type")
    return f"{event['post_type']}/{detail or event.get('meta_event_type')}"


def failed(answer: dict[str, Any], retcode: int = 1200) -> str:
    """The wording of a NapCat failure, after checking the frame is one."""
    assert answer["status"] == "failed", answer
    assert answer["retcode"] == retcode
    assert answer["data"] is None
    assert answer["message"] == answer["wording"]
    return str(answer["message"])


@contextlib.asynccontextmanager
async def serving() -> AsyncIterator[FakeBot]:
    """A FakeBot listening on a port of its own (a bot process of its own)."""
    fake = FakeBot()
    async with serve(fake.handler, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        fake.url = f"ws://127.0.0.1:{port}/onebot/v11/ws"
        yield fake


@pytest.fixture
async def bot() -> AsyncIterator[FakeBot]:
    async with serving() as fake:
        yield fake


@pytest.fixture
async def peer(bot: FakeBot) -> AsyncIterator[Peer]:
    """The e2e group: owner, admin and member; the bot an admin (add_group's default)."""
    peer = Peer(bot.url, accounts.SELF, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
    )
    peer.timing.member_lookup = 0.2
    peer.timing.card_check = 0.2
    await peer.connect()
    await bot.event(lambda e: kind(e) == "meta_event/lifecycle")
    yield peer
    await peer.close()
