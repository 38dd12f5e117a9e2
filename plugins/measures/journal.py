"""The fallback journal: a measure whose record cannot be written is kept here until it can.

Protection does not wait on the disk (issue: a full disk once stopped every recall, since the
record came first). When the database refuses a record (disk full, database gone), the measure
is carried out all the same; what happened is kept in memory and, where the disk still takes
it, appended to a file beside the database; the department is told once per outage. Every
`REPLAY_SECONDS`, and at start, what the journal holds is written into the chain as records of
their own (`detail.journaled`), so nothing is lost even if the process dies meanwhile, as long
as the file took the line.
"""

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nonebot.log import logger

from adapters.port import Platform
from core import runtime
from core.people import to_org_people
from models.db import STORAGE_ERRORS
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import texts
from plugins.measures.escalation import Level, recipients
from plugins.measures.measure import Measure

FILE_NAME = "measures-journal.jsonl"
REPLAY_SECONDS = 30
JOB_ID = "measures.journal"

# What open_record needs of a measure (the action itself is not recorded, its kind is).
_FIELDS = (
    "kind",
    "article",
    "group_id",
    "target",
    "actor",
    "unit",
    "category",
    "reason",
    "evidence",
    "detail",
    "platform",
)


@dataclass
class Entry:
    measure: dict[str, Any]
    status: str
    answer: str
    at: str  # when it happened, ISO UTC
    record_id: int | None = None  # the record written pending whose seal failed
    error: str = ""
    filed: bool = field(default=False, compare=False)  # the file took the line


_kept: list[Entry] = []
_told = False  # the department heard of this outage


def path() -> Path:
    return runtime.settings().qungui_data_dir / FILE_NAME


def _to_line(entry: Entry) -> str:
    data = {k: v for k, v in entry.__dict__.items() if k != "filed"}
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"


def _append(entry: Entry) -> bool:
    try:
        with path().open("a", encoding="utf-8") as out:
            out.write(_to_line(entry))
            out.flush()
            os.fsync(out.fileno())
        return True
    except OSError:
        return False  # the disk is full: the entry lives in memory until the replay


async def keep(
    platform: Platform | None,
    measure: Measure,
    status: RecordStatus,
    answer: str,
    error: BaseException,
    *,
    record_id: int | None = None,
) -> MeasureRecord:
    """Keep what happened for the chain, tell the department once, and return the record as it
    will be written (not yet stored: it has no id)."""
    global _told
    entry = Entry(
        measure={name: getattr(measure, name) for name in _FIELDS},
        status=status.value,
        answer=answer[:200],
        at=datetime.now(UTC).isoformat(),
        record_id=record_id,
        error=type(error).__name__,
    )
    entry.filed = _append(entry)
    _kept.append(entry)
    logger.error(
        f"measure record not written ({type(error).__name__}); kept in the journal: "
        f"{measure.kind} in {measure.group_id}, {status.value}"
    )
    if not _told and platform is not None:
        _told = True
        people = recipients(runtime.org(), measure.unit, [Level.DEPARTMENT], runtime.superusers())
        await to_org_people(platform, people, texts.JOURNAL_NOTICE)
    return MeasureRecord(
        action=measure.kind,
        article=measure.article,
        group_id=measure.group_id,
        target=measure.target,
        status=status,
        platform_answer=answer[:200],
    )


def _read_file() -> list[Entry]:
    try:
        lines = path().read_text("utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries: list[Entry] = []
    for line in lines:
        try:
            entries.append(Entry(**json.loads(line), filed=True))
        except (ValueError, TypeError):
            logger.error("a journal line could not be read; it is kept in the file")
    return entries


def held() -> list[Entry]:
    """Everything waiting to be written: the file's lines and what only memory holds."""
    entries = _read_file()
    return entries + [e for e in _kept if not e.filed and e not in entries]


async def replay() -> int:
    """Write what the journal holds into the chain; how many were written."""
    from plugins.measures import store

    global _told
    waiting = held()
    if not waiting:
        return 0
    written = 0
    for entry in waiting:
        try:
            await _write(store, entry)
        except STORAGE_ERRORS:
            break  # still down: the rest waits for the next round
        written += 1
    left = waiting[written:]
    _kept[:] = left
    try:
        text = "".join(_to_line(e) for e in left)
        if text:
            path().write_text(text, "utf-8")
        else:
            path().unlink(missing_ok=True)
        for entry in left:
            entry.filed = True
    except OSError:
        for entry in left:
            entry.filed = False
    if not left:
        _told = False  # a later outage is told again
        logger.warning(f"the journal is written into the chain: {written} records")
    return written


async def _write(store: Any, entry: Entry) -> None:
    status = RecordStatus(entry.status)
    if entry.record_id is not None:
        record = await MeasureRecord.get_or_none(id=entry.record_id)
        if record is not None and record.status == RecordStatus.PENDING:
            await store.seal(record, status, entry.answer)  # its own seal, late
            return
        if record is not None and record.status == status:
            return  # the seal did reach the database before the failure
    detail = {**entry.measure["detail"], "journaled": entry.at}
    if entry.record_id is not None:
        detail["outcome_of"] = entry.record_id
    measure = Measure(action=None, **{**entry.measure, "detail": detail})
    record = await store.open_record(measure)
    await store.seal(record, status, entry.answer)


def forget() -> None:
    global _told
    _kept.clear()
    _told = False
