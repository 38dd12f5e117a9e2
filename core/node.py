"""This process as one node of a deployment: its name, its heartbeat, its accounts online.

A district runs several bot processes on one PostgreSQL, each with its own QUNGUI_NODE. A node
is alive while its heartbeat (every quarter lease) is fresh; past the lease, its accounts count
as offline and its leases run out, so the others take its work over. A node restarted under the
same name starts a new incarnation: what its past life left pending is its own to recover.
"""

import uuid
from datetime import UTC, datetime, timedelta

from nonebot.log import logger
from tortoise.exceptions import IntegrityError

from core import runtime
from models.cluster import AccountOnline, Node

_incarnation = uuid.uuid4().hex


def name() -> str:
    return runtime.settings().qungui_node


def owner() -> str:
    """This process, as a lease names its holder."""
    return f"{name()}:{_incarnation}"


def lease() -> timedelta:
    return timedelta(seconds=runtime.settings().qungui_lease_seconds)


def beat_seconds() -> float:
    return runtime.settings().qungui_lease_seconds / 4


def now() -> datetime:
    return datetime.now(UTC)


async def start() -> None:
    """Take this node's name for this incarnation; its past life's accounts are offline."""
    at = now()
    found = await Node.get_or_none(name=name())
    if found is not None and found.heartbeat_at > at - lease():
        logger.warning(
            f"node {name()!r} had a heartbeat {int((at - found.heartbeat_at).total_seconds())} s"
            " ago: a restart, or a second process with the same QUNGUI_NODE"
        )
    await Node.update_or_create(
        defaults={"incarnation": _incarnation, "started_at": at, "heartbeat_at": at},
        name=name(),
    )
    await AccountOnline.filter(node=name()).delete()


async def beat() -> None:
    """The heartbeat; a name taken over by another process is logged loudly."""
    changed = await Node.filter(name=name(), incarnation=_incarnation).update(heartbeat_at=now())
    if not changed:
        logger.error(
            f"node {name()!r} was started again elsewhere: two processes share QUNGUI_NODE"
        )


async def connected(platform: str, bot_id: str) -> None:
    key, at = f"{platform}:{bot_id}", now()
    try:
        await AccountOnline.create(key=key, platform=platform, bot_id=bot_id, node=name(), since=at)
    except IntegrityError:
        await AccountOnline.filter(key=key).update(node=name(), since=at)


async def disconnected(platform: str, bot_id: str) -> None:
    await AccountOnline.filter(key=f"{platform}:{bot_id}", node=name()).delete()


async def alive_nodes() -> set[str]:
    rows = await Node.filter(heartbeat_at__gt=now() - lease()).values_list("name", flat=True)
    return {str(r) for r in rows}


async def online_accounts() -> set[tuple[str, str]]:
    """(platform, account) of every account connected to a live node."""
    alive = await alive_nodes()
    rows = await AccountOnline.filter(node__in=list(alive)).values_list("platform", "bot_id")
    return {(str(p), str(b)) for p, b in rows}
