"""Handover storage: pending handovers, and the registry rows a handover or a departure changes.

No decisions here. Times are aware UTC.
"""

from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from models.handover import Handover, HandoverStatus
from models.registry import Group, RegisteredAdmin
from plugins.handover.decide import expires_at, is_expired
from plugins.handover.history import Change, Tenure


def now() -> datetime:
    return datetime.now(UTC)


async def open_handover(
    group: Group,
    *,
    from_admin: int | None,
    to_admin: int,
    opened_by: int,
    reason: str,
    forced: bool,
    at: datetime,
) -> tuple[Handover, int]:
    """A new pending handover; the group's older pending ones are cancelled (how many: second)."""
    async with in_transaction():
        cancelled = await Handover.filter(group=group, status=HandoverStatus.PENDING).update(
            status=HandoverStatus.CANCELLED, closed_at=at
        )
        handover = await Handover.create(
            group=group,
            from_admin=from_admin,
            to_admin=to_admin,
            opened_by=opened_by,
            reason=reason,
            forced=forced,
            opened_at=at,
            expires_at=expires_at(at),
        )
    return handover, cancelled


async def latest(group: Group, at: datetime) -> Handover | None:
    """The group's most recent handover; a pending one past its time is marked expired first."""
    handover = await Handover.filter(group=group).order_by("-id").first()
    if handover is not None and handover.status == HandoverStatus.PENDING:
        if is_expired(handover.status, handover.expires_at, at):
            await Handover.filter(id=handover.id, status=HandoverStatus.PENDING).update(
                status=HandoverStatus.EXPIRED, closed_at=at
            )
            await handover.refresh_from_db()
    return handover


async def complete(handover: Handover, registry_reason: str, at: datetime) -> bool:
    """Close the handover and change the registry, as one step; False when it was no longer
    pending (confirmed twice at once, or cancelled meanwhile).

    The old admin's open row gets `until` and the reason; the new admin gets a row from the same
    moment (`since` = `until` = the handover's `closed_at`), added by whoever opened it.
    """
    async with in_transaction():
        closed = await Handover.filter(id=handover.id, status=HandoverStatus.PENDING).update(
            status=HandoverStatus.DONE, closed_at=at
        )
        if not closed:
            return False
        group_id = handover.group_id  # type: ignore[attr-defined]
        if handover.from_admin is not None:
            await RegisteredAdmin.filter(
                group_id=group_id, user_id=handover.from_admin, until=None
            ).update(until=at, reason=registry_reason)
        if not await RegisteredAdmin.exists(
            group_id=group_id, user_id=handover.to_admin, until=None
        ):
            await RegisteredAdmin.create(
                group_id=group_id,
                user_id=handover.to_admin,
                since=at,
                added_by=handover.opened_by,
                reason=registry_reason,
            )
    await handover.refresh_from_db()
    return True


async def close_tenure(group: Group, user_id: int, reason: str, at: datetime) -> bool:
    """End `user_id`'s open registry row in `group`; False when they had none."""
    ended = await RegisteredAdmin.filter(group=group, user_id=user_id, until=None).update(
        until=at, reason=reason
    )
    return ended > 0


async def expire_due(at: datetime) -> int:
    """Mark every pending handover past its time expired; how many were."""
    return await Handover.filter(status=HandoverStatus.PENDING, expires_at__lte=at).update(
        status=HandoverStatus.EXPIRED, closed_at=at
    )


async def tenures(group: Group) -> list[Tenure]:
    rows = await RegisteredAdmin.filter(group=group).order_by("since", "id")
    return [Tenure(r.user_id, r.since, r.until, r.added_by, r.reason) for r in rows]


async def changes(group: Group) -> list[Change]:
    rows = await Handover.filter(group=group, status=HandoverStatus.DONE).order_by("closed_at")
    return [
        Change(h.from_admin, h.to_admin, h.opened_by, h.reason, h.forced, h.closed_at)
        for h in rows
        if h.closed_at is not None
    ]
