"""An account's inbox (adapters/inbox.py): bounded, a fixed set of workers, no deadlock on answers."""

import asyncio

import pytest

from adapters.inbox import Inbox, awaiting_answer


async def _settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def test_at_most_the_workers_handle_at_once_and_put_waits_for_room() -> None:
    release = asyncio.Event()
    running: list[int] = []
    most = 0

    async def handle(item: int) -> None:
        nonlocal most
        running.append(item)
        most = max(most, len(running))
        await release.wait()
        running.remove(item)

    inbox: Inbox[int] = Inbox(handle, size=3, workers=2)
    for n in range(5):  # two taken by the workers, three waiting
        await asyncio.wait_for(inbox.put(n), 1)
    await _settle()
    assert inbox.busy == 2
    assert inbox.waiting == 3
    sixth = asyncio.create_task(inbox.put(5))
    await _settle()
    assert not sixth.done()  # full: the reader waits, so the socket is not read

    release.set()
    await asyncio.wait_for(sixth, 1)
    inbox.close()
    await asyncio.wait_for(inbox.drained(), 1)
    assert most == 2
    assert inbox.peak == 3


async def test_while_every_worker_waits_for_an_answer_the_reader_is_let_past_the_bound() -> None:
    answer = asyncio.Event()

    async def handle(item: int) -> None:
        if item == 0:
            with awaiting_answer():  # as an API call does: its answer comes through the reader
                await answer.wait()

    inbox: Inbox[int] = Inbox(handle, size=1, workers=1)
    await inbox.put(0)
    await _settle()
    await inbox.put(1)  # waiting: the inbox is full
    assert await asyncio.wait_for(inbox.room(), 1) is False  # let past: no deadlock
    inbox.push(2)
    assert inbox.waiting == 2

    answer.set()  # the reader reached the answer
    await _settle()
    assert inbox.waiting == 0
    ahead = asyncio.create_task(inbox.put(3))
    await _settle()
    assert ahead.done()
    inbox.close()
    await asyncio.wait_for(inbox.drained(), 1)


async def test_a_worker_not_waiting_for_an_answer_keeps_the_bound() -> None:
    stuck = asyncio.Event()
    answer = asyncio.Event()

    async def handle(item: int) -> None:
        if item == 0:
            with awaiting_answer():
                await answer.wait()
        else:
            await stuck.wait()  # busy with something else (a pacing wait): it will finish

    inbox: Inbox[int] = Inbox(handle, size=1, workers=2)
    await inbox.put(0)
    await inbox.put(1)
    await _settle()
    await inbox.put(2)
    room = asyncio.create_task(inbox.room())
    await _settle()
    assert not room.done()
    stuck.set()
    assert await asyncio.wait_for(room, 1) is True
    answer.set()
    inbox.close()
    await asyncio.wait_for(inbox.drained(), 1)


async def test_an_answer_waited_for_outside_the_workers_changes_nothing() -> None:
    inbox: Inbox[int] = Inbox(lambda _: asyncio.sleep(0), size=1, workers=1)
    with awaiting_answer():
        assert not inbox.answering
    inbox.close()
    await inbox.drained()


async def test_after_close_what_waits_is_still_handled_and_a_failure_stops_nothing() -> None:
    handled: list[int] = []

    async def handle(item: int) -> None:
        if item == 1:
            raise RuntimeError("a handler's bug")
        handled.append(item)

    inbox: Inbox[int] = Inbox(handle, size=10, workers=1)
    for n in range(4):
        await inbox.put(n)
    inbox.close()
    await asyncio.wait_for(inbox.drained(), 1)
    assert handled == [0, 2, 3]
    with pytest.raises(RuntimeError):
        await inbox.put(9)


def test_an_inbox_needs_room_and_a_worker() -> None:
    with pytest.raises(ValueError, match="one worker"):
        Inbox(lambda _: asyncio.sleep(0), size=0, workers=1)
