"""Leases on due work: each piece runs in one process at a time, and once where it says so.

A job that finds work due claims it by key before doing it. The claim is one row
(models.cluster.JobLease) taken by one statement: an insert, or an update of a row whose lease
ran out and that is not done, so on PostgreSQL two processes never both hold it, and on SQLite
the one process is alone anyway. A process that dies holding a lease leaves it to run out
(QUNGUI_LEASE_SECONDS); another process then takes the work. Work done once for all (a week's
post) is marked done and never claimed again; work that only must not run twice at once (a
sweep's next steps) is given back when the holder stops.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from tortoise.exceptions import IntegrityError

from core import node
from models.cluster import JobLease


async def claim(key: str) -> bool:
    """Take `key` for this process for one lease; False when another holds it or it is done."""
    at = node.now()
    until = at + node.lease()
    try:
        await JobLease.create(key=key, owner=node.owner(), taken_at=at, expires_at=until)
        return True
    except IntegrityError:
        taken = await JobLease.filter(key=key, done_at=None, expires_at__lte=at).update(
            owner=node.owner(), taken_at=at, expires_at=until
        )
        return taken == 1


async def renew(key: str) -> bool:
    """Hold `key` for another lease from now; False when this process lost it."""
    until = node.now() + node.lease()
    return await JobLease.filter(key=key, owner=node.owner()).update(expires_at=until) == 1


async def done(key: str) -> None:
    await JobLease.filter(key=key, owner=node.owner()).update(done_at=node.now())


async def give_back(key: str) -> None:
    """Free `key` now (not done): the next look, here or elsewhere, may take it."""
    past = node.now() - timedelta(seconds=1)
    await JobLease.filter(key=key, owner=node.owner()).update(expires_at=past)


async def once(key: str, work: Callable[[], Awaitable[bool]]) -> bool:
    """Do `work` under the lease of `key`, once for all: done when it says so (True), given back
    when it could not (False) or failed. False also when another process holds it or it is done."""
    if not await claim(key):
        return False
    try:
        finished = await work()
    except BaseException:
        await give_back(key)
        raise
    await (done(key) if finished else give_back(key))
    return finished


@asynccontextmanager
async def exclusive(key: str) -> AsyncIterator[bool]:
    """Hold `key` for the block (yields whether it was got), then give it back: work that must
    not run twice at once, and may run again later."""
    if not await claim(key):
        yield False
        return
    try:
        yield True
    finally:
        await give_back(key)


async def free_past_lives() -> int:
    """At start: the leases this node held in its past life (before a crash) are free now, so a
    restarted process goes on at once instead of waiting for its own old leases to run out."""
    mine = f"{node.name()}:"
    past = node.now() - timedelta(seconds=1)
    return (
        await JobLease.filter(owner__startswith=mine, done_at=None)
        .exclude(owner=node.owner())
        .update(expires_at=past)
    )


async def prune(older_than: timedelta) -> int:
    """Done leases older than `older_than` go (a week's work is never due again anyway)."""
    return await JobLease.filter(done_at__lt=node.now() - older_than).delete()
