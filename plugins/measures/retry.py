"""Recalls left unconfirmed by a lost connection are tried again when the account is back.

A recall whose answer never came (the connection ended while the bot waited for it, or there was
no connection) is sealed unconfirmed: the message may still be up. When an account connects,
each recall of the last RETRY_MINUTES in a group the account is in that is unconfirmed and not
yet retried is carried out again through the normal service (plugins/measures/service.py): a new
record, whose detail names the record it retries (`retry_of`) and the attempt (`attempt`: the
first try is 1), through the account that made it (message ids are each account's own). A
message is attempted MAX_ATTEMPTS times at most, and never again once one
recall of it is done. Retrying is idempotent: one pass at a time, and a record once retried is
never retried again; a second recall of a message already gone is only refused by the platform.
"""

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from nonebot.log import logger

from adapters.actions import Recall, Refused
from adapters.port import Platform
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import store
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out

RETRY_MINUTES = 10.0
MAX_ATTEMPTS = 3

_one_pass = asyncio.Lock()


@dataclass(frozen=True)
class Attempt:
    """A recall as its record tells it."""

    record_id: int
    status: RecordStatus
    group_id: int | None
    message_id: int | None
    acted: bool  # False: another duty's record carried the recall out (`recalled_by`)
    retry_of: int | None = None
    attempt: int = 1


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def attempt_of(record: MeasureRecord) -> Attempt:
    detail = record.detail if isinstance(record.detail, dict) else {}
    return Attempt(
        record_id=record.id,
        status=record.status,
        group_id=record.group_id,
        message_id=_int(detail.get("message_id")),
        acted="recalled_by" not in detail,
        retry_of=_int(detail.get("retry_of")),
        attempt=_int(detail.get("attempt")) or 1,
    )


def to_retry(attempts: Sequence[Attempt], groups: Iterable[int]) -> list[Attempt]:
    """The recalls to try again, oldest first: unconfirmed, of a message in one of `groups`, not
    retried yet, under MAX_ATTEMPTS, and of a message no recall has removed; one per message."""
    here = set(groups)
    retried = {a.retry_of for a in attempts if a.retry_of is not None}
    removed = {
        (a.group_id, a.message_id) for a in attempts if a.acted and a.status is RecordStatus.DONE
    }
    chosen: list[Attempt] = []
    taken: set[tuple[int | None, int | None]] = set()
    for a in attempts:
        key = (a.group_id, a.message_id)
        if (
            a.acted
            and a.status is RecordStatus.UNCONFIRMED
            and a.message_id is not None
            and a.group_id in here
            and a.record_id not in retried
            and a.attempt < MAX_ATTEMPTS
            and key not in removed
            and key not in taken
        ):
            chosen.append(a)
            taken.add(key)
    return chosen


def again(record: MeasureRecord, attempt: Attempt) -> Measure:
    """The recall of `record` once more, as a measure of its own naming the one it retries."""
    assert attempt.message_id is not None
    return Measure(
        kind=record.action,
        article=record.article,
        action=Recall(record.group_id or 0, attempt.message_id),
        group_id=record.group_id,
        target=record.target,
        actor=record.actor,
        unit=record.unit,
        category=record.category,
        reason=record.reason,
        evidence=record.evidence,
        detail={**record.detail, "retry_of": record.id, "attempt": attempt.attempt + 1},
        platform=record.platform,
    )


async def retry_unconfirmed(platform: Platform, now: datetime | None = None) -> list[int]:
    """Try again the unconfirmed recalls of the last RETRY_MINUTES in the account's groups;
    the ids of the new records."""
    since = (now or datetime.now(UTC)) - timedelta(minutes=RETRY_MINUTES)
    async with _one_pass:
        records = [  # a message id is the account's own: only that account may retry it
            r
            for r in await store.recalls_since(platform.name, since)
            if r.bot_id in ("", platform.self_id)
        ]
        attempts = [attempt_of(r) for r in records]
        if not any(a.status is RecordStatus.UNCONFIRMED for a in attempts):
            return []
        joined = await platform.groups()
        if isinstance(joined, Refused):
            logger.warning(f"recall retry: {platform.self_id} could not list its groups: {joined}")
            return []
        by_id = {r.id: r for r in records}
        made = []
        for attempt in to_retry(attempts, (g.group_id for g in joined)):
            record = await carry_out(platform, again(by_id[attempt.record_id], attempt))
            made.append(record.id)
            logger.info(
                f"recall of message {attempt.message_id} in {attempt.group_id} tried again "
                f"(record {record.id}, retrying {attempt.record_id}): {record.status.value}"
            )
        return made
