"""One pacing limiter per bot account, so the platform does not freeze the account (風控).

Each lane (sending, managing) grants one action per interval. Waiters are queued per key
(a group) and served round-robin, so a burst in one group never starves the others. A send
refused for risk pushes the sending lane back for a while; recalls and removals go on, so
protection never waits on the risk pause (every other refusal pauses nothing).
"""

import asyncio
import time
from collections import OrderedDict, deque
from collections.abc import Hashable


class Lane:
    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second
        self._queues: OrderedDict[Hashable, deque[asyncio.Future[None]]] = OrderedDict()
        self._next_at = 0.0
        self._paused_until = 0.0
        self._pump: asyncio.Task[None] | None = None

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def waiting(self) -> int:
        """Actions queued for their turn."""
        return sum(len(q) for q in self._queues.values())

    def paused_for(self) -> float:
        """Seconds the lane stays paused (0: not paused)."""
        return max(0.0, self._paused_until - time.monotonic())

    async def acquire(self, key: Hashable) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queues.setdefault(key, deque()).append(future)
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._serve())
        await future

    async def _serve(self) -> None:
        while self._queues:
            wait = max(self._next_at, self._paused_until) - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
                continue  # look again: a pause may have come while this one slept
            key, queue = next(iter(self._queues.items()))
            future = queue.popleft()
            del self._queues[key]
            if queue:
                self._queues[key] = queue  # to the back of the round
            if not future.done():
                future.set_result(None)
                self._next_at = time.monotonic() + self.interval


class Limiter:
    def __init__(self, send_per_second: float, manage_per_second: float, backoff: float) -> None:
        self.send = Lane(send_per_second)
        self.manage = Lane(manage_per_second)
        self.backoff = backoff

    def back_off(self) -> None:
        """Risk control refused a send: the account sends nothing for a while."""
        self.send.pause(self.backoff)
