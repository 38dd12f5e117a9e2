"""The pacing limiter: one action per interval, groups served in turn, paused after a refusal.

Timings use small intervals and generous tolerances: the assertions are about order and
spacing, not precise clocks.
"""

import asyncio
import itertools
import time
from collections.abc import Hashable, Sequence

from adapters.pacing import Lane, Limiter

INTERVAL = 0.02  # 50 per second


async def queue(lane: Lane, keys: list[Hashable]) -> list[asyncio.Task[None]]:
    """Queue one waiter per key, in order, and let each reach the lane before returning."""
    tasks = [asyncio.create_task(lane.acquire(k)) for k in keys]
    await asyncio.sleep(0)
    return tasks


async def grant_order(lane: Lane, labelled: Sequence[tuple[str, Hashable]]) -> list[str]:
    order: list[str] = []

    async def wait(label: str, key: Hashable) -> None:
        await lane.acquire(key)
        order.append(label)

    await asyncio.wait_for(asyncio.gather(*(wait(lb, k) for lb, k in labelled)), timeout=10)
    return order


async def test_actions_are_spaced_by_the_interval() -> None:
    lane = Lane(1 / INTERVAL)
    times: list[float] = []
    start = time.monotonic()

    async def act() -> None:
        await lane.acquire("g")
        times.append(time.monotonic())

    await asyncio.wait_for(asyncio.gather(*(act() for _ in range(6))), timeout=5)

    assert times[0] - start < 0.1  # the first goes at once
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(gap >= INTERVAL * 0.75 for gap in gaps), gaps
    assert times[-1] - times[0] >= 5 * INTERVAL * 0.9


async def test_a_later_action_waits_only_for_the_rest_of_the_interval() -> None:
    lane = Lane(1 / 0.2)
    await lane.acquire("g")
    await asyncio.sleep(0.25)  # the interval has passed
    start = time.monotonic()
    await lane.acquire("g")
    assert time.monotonic() - start < 0.1


async def test_keys_are_served_round_robin() -> None:
    lane = Lane(1 / 0.005)
    labelled = [(f"A{i}", "A") for i in range(10)] + [("B0", "B"), ("B1", "B")]
    order = await grant_order(lane, labelled)

    assert order.index("B0") in (1, 2), order  # not 11th behind the burst
    assert order.index("B1") <= 4, order
    assert [x for x in order if x.startswith("A")] == [f"A{i}" for i in range(10)]  # FIFO per key


async def test_three_groups_take_turns() -> None:
    lane = Lane(1 / 0.005)
    labelled = [(f"{k}{i}", k) for k in "ABC" for i in range(3)]
    order = await grant_order(lane, labelled)
    assert order == ["A0", "B0", "C0", "A1", "B1", "C1", "A2", "B2", "C2"]


async def test_a_cancelled_waiter_does_not_block_the_lane() -> None:
    lane = Lane(1 / INTERVAL)
    first, doomed, after = await queue(lane, ["A", "A", "A"])
    other = asyncio.create_task(lane.acquire("B"))
    doomed.cancel()

    await asyncio.wait_for(asyncio.gather(first, after, other), timeout=2)
    assert doomed.cancelled()
    assert first.done()
    assert after.done()
    assert other.done()


async def test_the_lane_works_after_every_waiter_was_cancelled() -> None:
    lane = Lane(1 / INTERVAL)
    await lane.acquire("A")  # the next one must wait an interval
    tasks = await queue(lane, ["A", "B", "A"])
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    await asyncio.wait_for(lane.acquire("C"), timeout=2)


async def test_pause_delays_the_next_grant() -> None:
    lane = Lane(1000)
    await lane.acquire("g")
    lane.pause(0.2)
    start = time.monotonic()
    await lane.acquire("g")
    assert time.monotonic() - start >= 0.15


async def test_a_shorter_pause_does_not_cut_a_longer_one() -> None:
    lane = Lane(1000)
    lane.pause(0.2)
    lane.pause(0.01)
    start = time.monotonic()
    await lane.acquire("g")
    assert time.monotonic() - start >= 0.15


async def test_pause_while_waiters_are_queued_delays_them_too() -> None:
    """A refusal for risk while the lane waits out an interval holds back the next action."""
    lane = Lane(1 / 0.1)
    await lane.acquire("g")
    waiter = asyncio.create_task(lane.acquire("g"))
    await asyncio.sleep(0.01)  # the lane is now waiting out its interval for `waiter`
    paused_at = time.monotonic()
    lane.pause(0.4)

    await asyncio.wait_for(waiter, timeout=2)
    assert time.monotonic() - paused_at >= 0.3


async def test_back_off_pauses_sending_and_never_the_protective_lane() -> None:
    limiter = Limiter(1000, 1000, backoff=0.2)
    limiter.back_off()
    start = time.monotonic()

    async def granted(lane: Lane) -> float:
        await lane.acquire(1)
        return time.monotonic() - start

    sent, managed = await asyncio.gather(granted(limiter.send), granted(limiter.manage))
    assert sent >= 0.15, sent
    assert managed < 0.1, managed  # recalls and removals go on while sending waits


async def test_no_back_off_when_it_is_zero() -> None:
    limiter = Limiter(1000, 1000, backoff=0)
    limiter.back_off()
    start = time.monotonic()
    await limiter.manage.acquire(1)
    assert time.monotonic() - start < 0.1
