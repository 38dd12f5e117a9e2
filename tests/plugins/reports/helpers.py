"""Records and other duties' rows written straight into the database, at chosen times."""

import itertools
from datetime import datetime, timedelta
from typing import Any

from models.clearance import ClearanceBatch, ClearanceItem
from models.handover import Handover, HandoverStatus
from models.measures import MeasureRecord, RecordStatus
from models.realname import CardDeadline
from models.registry import Group
from tests import accounts

_digests = itertools.count(1)


class Capture:
    """Stands for an API parameter in `should_call_api` and keeps what the bot really sent."""

    def __init__(self) -> None:
        self.values: list[Any] = []

    def __eq__(self, other: object) -> bool:
        self.values.append(other)
        return True

    __hash__ = None  # type: ignore[assignment]

    @property
    def value(self) -> Any:
        assert self.values, "nothing was sent"
        return self.values[-1]

    @property
    def text(self) -> str:
        return str(self.value.extract_plain_text())


async def record(
    at: datetime,
    *,
    action: str = "recall",
    category: str = "",
    group_id: int | None = accounts.GROUP,
    seconds: float | None = 1.0,
    status: RecordStatus = RecordStatus.DONE,
    message_id: int | None = None,
    actor: int | None = None,
    target: int | None = accounts.MEMBER,
    article: int = 10,
    reason: str = "",
    unit: str = "XX社區",
    **detail: Any,
) -> MeasureRecord:
    if message_id is not None:
        detail["message_id"] = message_id
    return await MeasureRecord.create(
        created_at=at,
        platform="qq",
        group_id=group_id,
        unit=unit,
        actor=actor,
        target=target,
        action=action,
        article=article,
        category=category,
        reason=reason,
        detail=detail,
        prev_digest="0" * 64,
        digest=f"{next(_digests):064x}",
        status=status,
        finished_at=None if seconds is None else at + timedelta(seconds=seconds),
    )


async def deadline(group_id: int, user_id: int, at: datetime, **changes: Any) -> CardDeadline:
    return await CardDeadline.create(
        bot_id=str(accounts.SELF),
        group_id=group_id,
        user_id=user_id,
        joined_at=at,
        deadline=at + timedelta(hours=24),
        **changes,
    )


async def batch(group: Group, at: datetime, *users: int, **changes: Any) -> ClearanceBatch:
    made = await ClearanceBatch.create(
        group=group, created_at=at, expires_at=at + timedelta(days=7), **changes
    )
    for user in users:
        await ClearanceItem.create(batch=made, user_id=user, reasons=["silent"])
    return made


async def handover(
    group: Group, at: datetime, status: HandoverStatus, closed: datetime | None = None
) -> Handover:
    return await Handover.create(
        group=group,
        from_admin=accounts.ADMIN,
        to_admin=accounts.MEMBER,
        opened_by=accounts.ADMIN,
        opened_at=at,
        expires_at=at + timedelta(hours=24),
        status=status,
        closed_at=closed,
    )
