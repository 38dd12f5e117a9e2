"""One account's received events, waiting for a fixed set of workers: memory stays flat in a flood.

The connection's reader `put`s each event (or `room`, then `push`) and a worker handles it. When `size` events are
waiting, `put` waits for room, so the reader stops reading the socket and TCP slows the sender
down (NapCat) instead of the bot's memory growing with every frame.

One exception keeps that from deadlocking. Answers to the bot's own API calls come on the same
socket as the events, behind them. A worker that waits for an answer waits on the reader; if
every worker does while the reader waits for room, nothing moves until the calls time out. So
while every worker is waiting for an answer (`answering`), `room` lets the events past the bound:
the reader goes on and reaches the answers. That overflow is bounded by what the sender had
queued before its answers (all of a burst, when the sender writes faster than the bot reads),
and it ends as soon as one answer arrives; the reader keeps what it lets past in a compact form.
"""

import asyncio
import contextlib
import contextvars
from collections.abc import Awaitable, Callable, Iterator
from typing import Generic, TypeVar

from nonebot.log import logger

T = TypeVar("T")
_STOP = object()


class Worker:
    """One worker's count of the API answers it (and the tasks it started) is waiting for."""

    def __init__(self, inbox: "Inbox[object]", number: int) -> None:
        self.inbox = inbox
        self.number = number
        self.waiting = 0


_worker: contextvars.ContextVar[Worker | None] = contextvars.ContextVar(
    "qungui_inbox_worker", default=None
)


@contextlib.contextmanager
def awaiting_answer() -> Iterator[None]:
    """Around a wait for an answer that only the connection's reader can bring (an API call).

    Inside one of an inbox's workers (or a task it started), the inbox learns that the worker
    is waiting on the reader; elsewhere it does nothing.
    """
    worker = _worker.get()
    if worker is None:
        yield
        return
    worker.waiting += 1
    if worker.waiting == 1:
        worker.inbox._answering_changed(+1)
    try:
        yield
    finally:
        worker.waiting -= 1
        if worker.waiting == 0:
            worker.inbox._answering_changed(-1)


class Inbox(Generic[T]):
    def __init__(
        self,
        handle: Callable[[T], Awaitable[None]],
        *,
        size: int,
        workers: int,
        name: str = "",
    ) -> None:
        if size < 1 or workers < 1:
            raise ValueError("an inbox needs room for one event and one worker at least")
        self.size = size
        self.name = name
        self._handle = handle
        self._queue: asyncio.Queue[object] = asyncio.Queue()  # bounded by `put`, not here
        self._room = asyncio.Event()
        self._answering = 0  # workers waiting for an API answer
        self._closed = False
        self.busy = 0  # workers handling an event now
        self.peak = 0  # the most events that were waiting at once
        self.workers: list[asyncio.Task[None]] = []
        for number in range(workers):
            worker = Worker(self, number)  # type: ignore[arg-type]
            context = contextvars.copy_context()
            context.run(_worker.set, worker)
            task = asyncio.create_task(self._work(), context=context)
            self.workers.append(task)

    @property
    def waiting(self) -> int:
        """Events received and not yet taken by a worker."""
        return self._queue.qsize()

    @property
    def answering(self) -> bool:
        """Every worker waits for an answer that only the reader can bring."""
        return self._answering >= len(self.workers)

    def _answering_changed(self, by: int) -> None:
        self._answering += by
        if self.answering:
            self._room.set()

    async def room(self) -> bool:
        """Wait until an item may be pushed: True while fewer than `size` wait; False when it
        is let past the bound because every worker waits for an answer (keep it small then)."""
        if self._closed:
            raise RuntimeError("inbox closed")
        while self._queue.qsize() >= self.size and not self.answering:
            self._room.clear()
            await self._room.wait()
        return self._queue.qsize() < self.size

    def push(self, item: T) -> None:
        """Hand `item` to the workers (after `room`)."""
        self._queue.put_nowait(item)
        self.peak = max(self.peak, self._queue.qsize())

    async def put(self, item: T) -> None:
        """`room`, then `push`; past the bound, one item at a time, so that an answer just read
        reaches its worker (and ends the overflow) before the next item comes."""
        within = await self.room()
        self.push(item)
        if not within:
            await asyncio.sleep(0)

    def close(self) -> None:
        """No more items: the workers finish what is waiting, then stop."""
        if not self._closed:
            self._closed = True
            for _ in self.workers:
                self._queue.put_nowait(_STOP)

    async def drained(self) -> None:
        """Wait until the workers have handled everything and stopped (after `close`)."""
        await asyncio.gather(*self.workers, return_exceptions=True)

    async def _work(self) -> None:
        while True:
            item = await self._queue.get()
            self._room.set()
            if item is _STOP:
                return
            self.busy += 1
            try:
                await self._handle(item)  # type: ignore[arg-type]
            except Exception:
                logger.exception(f"inbox {self.name}: an event's handling failed")
            finally:
                self.busy -= 1
