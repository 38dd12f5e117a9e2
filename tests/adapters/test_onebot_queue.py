"""The queued OneBot adapter (adapters/onebot_queue.py) reading a socket: answers never wait
behind the inbox, a full inbox stops the reading, a lost connection fails waiting calls at once,
and an event with an id out of range is dropped with one line of its ids."""

import asyncio
import json
from collections.abc import Iterator
from functools import partial
from typing import Any

import nonebot
import pytest
from nonebot.adapters.onebot.v11 import Bot, Event, GroupMessageEvent
from nonebot.log import logger

from adapters.actions import Recall, Refused, Why
from adapters.inbox import Inbox
from adapters.onebot import OneBotPlatform
from adapters.onebot_queue import Adapter, _Link
from tests import accounts, napcat

SELF = "88888"


class Socket:
    """A NapCat that answers each call behind every event it has queued (as over TCP)."""

    def __init__(self, frames: list[dict[str, Any]], *, answers: bool = True) -> None:
        self.incoming: asyncio.Queue[str] = asyncio.Queue()
        for frame in frames:
            self.incoming.put_nowait(json.dumps(frame, ensure_ascii=False))
        self.answers = answers
        self.read = 0
        self.calls: list[dict[str, Any]] = []

    async def receive(self) -> str:
        frame = await self.incoming.get()
        self.read += 1
        return frame

    async def send(self, data: str) -> None:
        request = json.loads(data)
        self.calls.append(request)
        if self.answers:
            answer = {"status": "ok", "retcode": 0, "data": {"ok": 1}, "echo": request["echo"]}
            self.incoming.put_nowait(json.dumps(answer))

    async def close(self, code: int = 1000, reason: str = "") -> None:
        return None


def _message(n: int, **changes: Any) -> dict[str, Any]:
    sender = {"user_id": accounts.MEMBER, "nickname": "u", "card": "", "role": "member"}
    frame = napcat.group_message(
        n, accounts.GROUP, "群", accounts.MEMBER, napcat.text(f"第{n}則"), sender
    )
    return {"time": 1, "self_id": int(SELF), **frame, **changes}


class AskingBot(Bot):
    """Handles each message by asking the platform something and waiting for the answer."""

    handled: list[int]

    async def handle_event(self, event: Event) -> None:
        assert isinstance(event, GroupMessageEvent)
        await self.call_api("get_msg", message_id=event.message_id)
        self.handled.append(event.message_id)


class WaitingBot(Bot):
    release: asyncio.Event
    handled: list[int]

    async def handle_event(self, event: Event) -> None:
        await self.release.wait()
        self.handled.append(getattr(event, "message_id", 0))


@pytest.fixture
def adapter() -> Iterator[Adapter]:
    found = nonebot.get_adapter(Adapter)
    assert isinstance(found, Adapter)
    yield found
    found.links.pop(SELF, None)
    found.connections.pop(SELF, None)


def _link(adapter: Adapter, bot: Bot, socket: Socket, size: int, workers: int) -> _Link:
    inbox: Inbox[Event | str | bytes] = Inbox(
        partial(adapter._handle, bot), size=size, workers=workers
    )
    link = _Link(socket, inbox)  # type: ignore[arg-type]
    adapter.links[SELF] = link
    adapter.connections[SELF] = socket  # type: ignore[assignment]
    return link


async def test_answers_behind_a_full_inbox_still_reach_their_callers(adapter: Adapter) -> None:
    bot = AskingBot(adapter, SELF)
    bot.handled = []
    socket = Socket([_message(n) for n in range(1, 31)])
    link = _link(adapter, bot, socket, size=2, workers=2)
    reader = asyncio.create_task(adapter._read(socket, link))  # type: ignore[arg-type]
    try:
        for _ in range(300):
            if len(bot.handled) == 30:
                break
            await asyncio.sleep(0.01)
        # Each answer came behind the events queued before it: without letting the reader past
        # the bound, every call would have waited for its 30 s timeout.
        assert sorted(bot.handled) == list(range(1, 31))
        assert len(socket.calls) == 30
        assert link.inbox.peak > 2
    finally:
        reader.cancel()
        link.inbox.close()
        await link.inbox.drained()


async def test_a_full_inbox_stops_reading_the_socket(adapter: Adapter) -> None:
    bot = WaitingBot(adapter, SELF)
    bot.release, bot.handled = asyncio.Event(), []
    socket = Socket([_message(n) for n in range(1, 101)])
    link = _link(adapter, bot, socket, size=5, workers=2)
    reader = asyncio.create_task(adapter._read(socket, link))  # type: ignore[arg-type]
    try:
        await asyncio.sleep(0.1)
        assert socket.read <= 5 + 2 + 1  # waiting, being handled, and the one the reader holds
        bot.release.set()
        for _ in range(300):
            if len(bot.handled) == 100:
                break
            await asyncio.sleep(0.01)
        assert sorted(bot.handled) == list(range(1, 101))  # nothing dropped
        assert link.inbox.peak <= 5
    finally:
        reader.cancel()
        link.inbox.close()
        await link.inbox.drained()


async def test_a_lost_connection_fails_the_calls_waiting_for_it_at_once(adapter: Adapter) -> None:
    bot = Bot(adapter, SELF)
    socket = Socket([], answers=False)  # a platform that never answers
    link = _link(adapter, bot, socket, size=5, workers=1)
    platform = OneBotPlatform(bot, _account())
    waiting = asyncio.create_task(platform.perform(Recall(1, 123)))
    await asyncio.sleep(0.05)
    assert [c["action"] for c in socket.calls] == ["delete_msg"]
    assert not waiting.done()
    adapter._close(bot, link)  # the reader saw the socket close
    outcome = await asyncio.wait_for(waiting, 1)  # not the 30 s API timeout
    assert isinstance(outcome, Refused)
    assert outcome.why is Why.NO_ANSWER
    assert SELF not in adapter.links
    later = await asyncio.wait_for(platform.perform(Recall(1, 124)), 1)  # no connection now
    assert isinstance(later, Refused)
    assert later.why is Why.NO_ANSWER
    await link.inbox.drained()


def _account() -> Any:
    from adapters.account import Account
    from adapters.pacing import Limiter

    return Account(Limiter(10_000, 10_000, 0))


@pytest.mark.parametrize(("field", "value"), [("group_id", 2**70), ("user_id", -5)])
def test_an_event_with_an_id_out_of_range_is_dropped_with_one_line_of_ids(
    field: str, value: int
) -> None:
    lines: list[str] = []
    sink = logger.add(lambda m: lines.append(str(m)), level="WARNING", format="{message}")
    try:
        assert Adapter.json_to_event(_message(7, **{field: value})) is None
    finally:
        logger.remove(sink)
    assert len(lines) == 1
    assert f"{field}={value}" in lines[0]
    assert "第7則" not in lines[0]  # never the text
    assert isinstance(Adapter.json_to_event(_message(7)), GroupMessageEvent)


def test_an_answer_still_goes_to_the_result_store() -> None:
    assert Adapter.json_to_event({"status": "ok", "retcode": 0, "data": None, "echo": "1"}) is None
