"""Measure records (written pending first, sealed with the outcome, recovered after a crash),
blacklist requests and sweeps. No decisions here.

Each seal is followed by an anchor line (`anchoring`, which says what that costs).
"""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from core import node, runtime
from models.measures import (
    BlacklistRequest,
    MeasureRecord,
    RecordStatus,
    RequestStatus,
    Sweep,
    SweepStatus,
)
from plugins.measures import anchoring, keyfile
from plugins.measures.chain import GENESIS, KEYED, Sealed, fact_digest, outcome_digest, pending_seal
from plugins.measures.measure import Measure

# One writer at a time keeps the chain linear: in this process by a lock, across processes on
# PostgreSQL by a transaction-scoped advisory lock (several processes need PostgreSQL).
_chain_lock = asyncio.Lock()
CHAIN_LOCK_KEY = 0x71756E67  # "qung": the advisory lock every chain append takes

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
    """The sealed facts; the rulebook's digest only where there is one, so the records from
    before rulebooks keep their seals."""
    facts = {name: getattr(record, name) for name in FACT_FIELDS}
    return {**facts, "rulebook": record.rulebook} if record.rulebook else facts


async def open_record(measure: Measure, bot_id: str = "") -> MeasureRecord:
    """Write the record, pending (and sealed so), chained to the last one; `bot_id`: the
    account that is to act."""
    key = keyfile.current()
    async with _chain_lock, in_transaction() as connection:
        if connection.capabilities.dialect == "postgres":
            await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [CHAIN_LOCK_KEY])
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
            node=node.name(),
            bot_id=bot_id,
            rulebook=runtime.rulebook().digest,
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


async def key_fits() -> bool:
    """Whether the newest keyed record was sealed with this process's key (several processes on
    one database must share one key; a process that made its own would break the chain)."""
    newest = await MeasureRecord.filter(scheme=KEYED).order_by("-id").first()
    if newest is None:
        return True
    return fact_digest(newest.prev_digest, facts_of(newest), keyfile.current()) == newest.digest


async def recover_unconfirmed(nodes: list[str] | None = None) -> list[int]:
    """Records left pending by a crash: the platform's answer is unknown, so say so. Those of
    `nodes` (processes past their lease); by default, this node's past life's (and those from
    before nodes had names)."""
    nodes = nodes if nodes is not None else [node.name(), ""]
    found = await MeasureRecord.filter(status=RecordStatus.PENDING, node__in=nodes).order_by("id")
    for record in found:
        await seal(record, RecordStatus.UNCONFIRMED, "進程中斷，平台結果未知")
    return [r.id for r in found]


async def recover_dead_nodes() -> list[int]:
    """Pending records of processes whose heartbeat ran out: unconfirmed, as after a crash."""
    alive = await node.alive_nodes()
    rows = await MeasureRecord.filter(status=RecordStatus.PENDING).values_list("node", flat=True)
    dead = sorted({str(n) for n in rows} - alive - {node.name()} - {""})
    return await recover_unconfirmed(dead) if dead else []


async def recalls_since(platform: str, since: datetime) -> list[MeasureRecord]:
    """Every recall recorded on `platform` since `since`, in id order (whatever its status)."""
    return await MeasureRecord.filter(
        platform=platform, action="recall", created_at__gte=since
    ).order_by("id")


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


# --- sweeps ------------------------------------------------------------------------------------


async def open_sweep(measure: Measure, groups: list[int]) -> Sweep:
    """A sweep of `measure.target` through `groups`, in that order."""
    assert measure.target is not None
    return await Sweep.create(
        platform=measure.platform,
        target=measure.target,
        article=measure.article,
        actor=measure.actor,
        reason=measure.reason[:200],
        category=measure.category,
        evidence=measure.evidence[:200],
        detail=measure.detail,
        remaining=groups,
        started_at=datetime.now(UTC),
    )


async def step_done(sweep: Sweep, group_id: int) -> None:
    """The group is dealt with: it leaves the list."""
    sweep.remaining = [g for g in sweep.remaining if g != group_id]
    await sweep.save(update_fields=["remaining"])


async def close_sweep(sweep: Sweep, status: SweepStatus) -> None:
    sweep.status = status
    sweep.finished_at = datetime.now(UTC)
    await sweep.save(update_fields=["status", "finished_at"])


async def running_sweeps(platform: str) -> list[Sweep]:
    return await Sweep.filter(platform=platform, status=SweepStatus.RUNNING).order_by("id")


async def removed_by_sweep(sweep: Sweep, group_id: int) -> bool:
    """Whether a removal of this sweep in `group_id` is on record as done."""
    rows = await MeasureRecord.filter(
        platform=sweep.platform,
        group_id=group_id,
        target=sweep.target,
        action="kick",
        status=RecordStatus.DONE,
        created_at__gte=sweep.started_at,
    )
    return any(r.detail.get("sweep") == sweep.id for r in rows)


# --- blacklist requests ------------------------------------------------------------------------


async def pending_request(platform: str, user_id: int) -> BlacklistRequest | None:
    return await BlacklistRequest.get_or_none(
        platform=platform, user_id=user_id, status=RequestStatus.PENDING
    )


async def open_request(
    *, platform: str, user_id: int, group_id: int, unit: str, reason: str, by: int
) -> BlacklistRequest:
    return await BlacklistRequest.create(
        platform=platform,
        user_id=user_id,
        group_id=group_id,
        unit=unit,
        reason=reason[:200],
        requested_by=by,
        requested_at=datetime.now(UTC),
    )


async def find_request(number: int) -> BlacklistRequest | None:
    return await BlacklistRequest.get_or_none(id=number)


async def decide_request(
    request: BlacklistRequest, status: RequestStatus, by: int | None, reason: str
) -> bool:
    """Settle a pending request; False when someone settled it first (`request` is re-read)."""
    changed = await BlacklistRequest.filter(id=request.id, status=RequestStatus.PENDING).update(
        status=status, decided_by=by, decided_at=datetime.now(UTC), decision_reason=reason[:200]
    )
    await request.refresh_from_db()
    return bool(changed)


async def settle_requests(platform: str, user_id: int, by: int | None, reason: str) -> list[int]:
    """Pending requests for an account now on the list are settled as approved."""
    found = await BlacklistRequest.filter(
        platform=platform, user_id=user_id, status=RequestStatus.PENDING
    )
    for request in found:
        await decide_request(request, RequestStatus.APPROVED, by, reason)
    return [r.id for r in found]


UNDELIVERED = "notice_undelivered"


async def note_undelivered(platform: str, user_id: int, group_id: int | None, answer: str) -> None:
    """A private notice the platform would not deliver: one failed record, so it is not lost."""
    record = await open_record(
        Measure(
            kind=UNDELIVERED,
            article=0,  # not a measure under an article: a notice that did not arrive
            action=None,
            group_id=group_id,
            target=user_id,
            platform=platform,
        )
    )
    await seal(record, RecordStatus.FAILED, answer)
