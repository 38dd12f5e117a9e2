"""Broadcast storage: the managed groups as the selection sees them, broadcasts and their
targets. No decisions here."""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from models.broadcast import Broadcast, BroadcastStatus, BroadcastTarget, TargetStatus
from models.registry import Group, GroupStatus
from plugins.broadcast.select import GroupFacts
from plugins.registry import activity
from plugins.registry.grade import grade_of

# The groups a notice may go to: filed (內部) or approved (群眾).
MANAGED = (GroupStatus.FILED, GroupStatus.APPROVED)


def now() -> datetime:
    return datetime.now(UTC)


async def managed_groups(platform: str) -> list[GroupFacts]:
    """Every managed group with its unit, type and grade (size as filed, activity of 7 days)."""
    rows = await Group.filter(platform=platform, status__in=MANAGED).prefetch_related("unit")
    return [
        GroupFacts(
            g.group_id,
            g.name,
            g.unit.name,
            g.type,
            grade_of(g.type, g.member_count, await activity.messages_7d(g)),
        )
        for g in rows
    ]


async def is_managed(platform: str, group_id: int) -> bool:
    return await Group.exists(platform=platform, group_id=group_id, status__in=MANAGED)


async def create(
    *,
    platform: str,
    text: str,
    selection: dict[str, Any],
    by: int,
    groups: Sequence[GroupFacts],
    valid_for: timedelta,
) -> Broadcast:
    at = now()
    async with in_transaction():
        broadcast = await Broadcast.create(
            platform=platform,
            text=text,
            selection=selection,
            asked_by=by,
            asked_at=at,
            expires_at=at + valid_for,
        )
        await BroadcastTarget.bulk_create(
            [
                BroadcastTarget(broadcast=broadcast, group_id=g.group_id, unit=g.unit, name=g.name)
                for g in groups
            ]
        )
    return broadcast


async def find(number: int) -> Broadcast | None:
    return await Broadcast.get_or_none(id=number)


async def claim(broadcast: Broadcast, by: int) -> bool:
    """Confirm a previewed broadcast not yet expired; False when someone confirmed it first or it
    expired (`broadcast` is read again either way)."""
    at = now()
    changed = await Broadcast.filter(
        id=broadcast.id, status=BroadcastStatus.PREVIEW, expires_at__gt=at
    ).update(status=BroadcastStatus.SENDING, confirmed_by=by, confirmed_at=at)
    await broadcast.refresh_from_db()
    return bool(changed)


async def set_record(broadcast: Broadcast, record_id: int) -> None:
    broadcast.record_id = record_id
    await broadcast.save(update_fields=["record_id"])


async def targets(broadcast: Broadcast) -> list[BroadcastTarget]:
    return await BroadcastTarget.filter(broadcast_id=broadcast.id).order_by("id")


async def take(target: BroadcastTarget, record_id: int, bot_id: str) -> bool:
    """Mark a waiting target as being sent (its record open); False when it was not waiting."""
    changed = await BroadcastTarget.filter(id=target.id, status=TargetStatus.WAITING).update(
        status=TargetStatus.SENDING, record_id=record_id, bot_id=bot_id, answer=""
    )
    if changed:
        target.status, target.record_id, target.bot_id = TargetStatus.SENDING, record_id, bot_id
    return bool(changed)


async def settle(target: BroadcastTarget, status: TargetStatus, answer: str) -> None:
    target.status = status
    target.answer = answer[:200]
    if status == TargetStatus.SENT:
        target.sent_at = now()
    await target.save(update_fields=["status", "answer", "sent_at"])


async def note_waiting(target: BroadcastTarget, answer: str) -> None:
    if target.answer != answer:
        target.answer = answer
        await target.save(update_fields=["answer"])


async def cut_short(broadcast: Broadcast, answer: str) -> list[BroadcastTarget]:
    """Targets left being sent by a worker that stopped: never sent again (returned)."""
    found = await BroadcastTarget.filter(
        broadcast_id=broadcast.id, status=TargetStatus.SENDING
    ).order_by("id")
    for target in found:
        await settle(target, TargetStatus.UNCONFIRMED, answer)
    return found


async def finish(broadcast: Broadcast) -> None:
    broadcast.status = BroadcastStatus.DONE
    broadcast.finished_at = now()
    await broadcast.save(update_fields=["status", "finished_at"])


async def sending(platform: str | None = None) -> list[Broadcast]:
    rows = Broadcast.filter(status=BroadcastStatus.SENDING)
    if platform is not None:
        rows = rows.filter(platform=platform)
    return await rows.order_by("id")
