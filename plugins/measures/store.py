"""Measure records: written pending first, sealed with the outcome, recovered after a crash.

Each seal is followed by an anchor line (`anchoring`, which says what that costs).
"""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from models.measures import MeasureRecord, RecordStatus
from plugins.measures import anchoring, keyfile
from plugins.measures.chain import GENESIS, KEYED, Sealed, fact_digest, outcome_digest, pending_seal
from plugins.measures.measure import Measure

# One writer at a time keeps the chain linear (the bot is one process per database).
_chain_lock = asyncio.Lock()

FACT_FIELDS = (
    "id",
    "created_at",
    "platform",
    "group_id",
    "unit",
    "actor",
    "target",
    "action",
    "article",
    "category",
    "reason",
    "evidence",
    "detail",
)


def facts_of(record: MeasureRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in FACT_FIELDS}


async def open_record(measure: Measure) -> MeasureRecord:
    """Write the record, pending (and sealed so), chained to the last one."""
    key = keyfile.current()
    async with _chain_lock, in_transaction():
        last = await MeasureRecord.all().order_by("-id").first()
        record = MeasureRecord(
            id=(last.id + 1) if last else 1,
            created_at=datetime.now(UTC),
            platform=measure.platform,
            group_id=measure.group_id,
            unit=measure.unit,
            actor=measure.actor,
            target=measure.target,
            action=measure.kind,
            article=measure.article,
            category=measure.category,
            reason=measure.reason[:200],
            evidence=measure.evidence[:200],
            detail=measure.detail,
            prev_digest=last.digest if last else GENESIS,
            scheme=KEYED,
        )
        record.digest = fact_digest(record.prev_digest, facts_of(record), key)
        record.outcome_digest = pending_seal(record.digest, key)
        await record.save(force_create=True)
    return record


async def seal(record: MeasureRecord, status: RecordStatus, answer: str) -> None:
    """Seal the outcome (as the record's scheme seals: records from before the key stay plain),
    then anchor the chain."""
    record.status = status
    record.platform_answer = answer[:200]
    record.finished_at = datetime.now(UTC)
    key = keyfile.current() if record.scheme == KEYED else None
    record.outcome_digest = outcome_digest(
        record.digest, status.value, record.platform_answer, record.finished_at, key
    )
    await record.save(update_fields=["status", "platform_answer", "finished_at", "outcome_digest"])
    await anchoring.anchor(anchoring.SEAL)


async def recover_unconfirmed() -> list[int]:
    """Records left pending by a crash: the platform's answer is unknown, so say so."""
    found = await MeasureRecord.filter(status=RecordStatus.PENDING).order_by("id")
    for record in found:
        await seal(record, RecordStatus.UNCONFIRMED, "進程中斷，平台結果未知")
    return [r.id for r in found]


async def sealed_records(batch: int = 500) -> AsyncIterator[Sealed]:
    """Every record in id order, as the chain check reads them."""
    after = 0
    while True:
        rows = await MeasureRecord.filter(id__gt=after).order_by("id").limit(batch)
        if not rows:
            return
        for r in rows:
            yield Sealed(
                r.id,
                facts_of(r),
                r.prev_digest,
                r.digest,
                r.status.value,
                r.platform_answer,
                r.finished_at,
                r.outcome_digest,
                r.scheme,
            )
        after = rows[-1].id
