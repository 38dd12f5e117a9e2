"""Writing the anchor log (see `anchor`): at start, after each sealed record, once a day.

An anchor covers the sealed part of the chain: every record up to the first one still pending.
Of several processes on one database, one keeps the log (QUNGUI_ANCHOR_KEEPER, on by default):
its file is on its own disk. It anchors after its own seals, and every minute for the records
the other processes sealed; the others write no anchor.
The line goes to the file first (flushed to disk), then to the table, under one lock, so after a
crash the file is at most one line ahead; `repair` copies that line over at the next start.

Cost: after each seal, an anchor reads the table's last row and the file's last line, the newest
record, the first pending one after the last anchor and the head (primary-key lookups), appends
one fsynced line and inserts one row. `bench/bench_anchor.py` measures it on a chain of 20,000
records: on this machine's kind (2 cores, SQLite on local disk) about 3 ms a seal, beside 2 ms
for opening and sealing the record itself. More than the record, but little beside the 1.4 s
between two platform actions at the default pace (0.7 a second), so the bot anchors every seal
instead of every N seconds: there is no window in which the newest records could be cut, or one
set back to pending, unseen.
"""

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path

from nonebot.log import logger

from core import runtime
from models.measures import AuditAnchor, MeasureRecord, RecordStatus
from plugins.measures import keyfile, texts
from plugins.measures.anchor import (
    DAILY,
    SEAL,
    START,
    Anchor,
    genuine,
    next_seq,
    parse_line,
    signed,
)
from plugins.measures.chain import GENESIS

__all__ = ["DAILY", "SEAL", "START", "anchor", "repair", "start"]

_lock = asyncio.Lock()
_TAIL_BYTES = 4096


def _last_line(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - _TAIL_BYTES))
            tail = f.read()
    except FileNotFoundError:
        return None
    lines = tail.decode("utf-8", "replace").splitlines()
    return lines[-1] if lines else None


def _append(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


async def _ends() -> tuple[str | None, AuditAnchor | None]:
    """The file's last line and the table's last row."""
    line = await asyncio.to_thread(_last_line, runtime.settings().audit_anchor_file)
    return line, await AuditAnchor.all().order_by("-seq").first()


def _previous(file_line: str | None, row: AuditAnchor | None, key: bytes) -> Anchor | None:
    """The last genuine anchor of either side: where the next one may count on from."""
    found = [a for a in (file_line, row.line if row else None) if a is not None]
    genuine_ones = [a for a in (genuine(text, key) for text in found) if a is not None]
    return max(genuine_ones, key=lambda a: a.seq, default=None)


async def _sealed_head(previous: Anchor | None) -> tuple[int, int, str]:
    """Count, head id and head digest of the sealed part of the chain."""
    newest = await MeasureRecord.all().order_by("-id").first()
    if newest is None:
        return 0, 0, GENESIS
    after = previous.head_id if previous and previous.head_id <= newest.id else 0
    pending = (
        await MeasureRecord.filter(id__gt=after, id__lte=newest.id, status=RecordStatus.PENDING)
        .order_by("id")
        .first()
    )
    head: MeasureRecord | None = newest
    if pending is not None:
        head = await MeasureRecord.get_or_none(id=pending.id - 1) if pending.id > 1 else None
    head_id = head.id if head else 0
    if head_id < after:  # cannot be, unless rows were changed under the bot: count afresh
        after = 0
    base = previous.count if after and previous else 0
    count = base + await MeasureRecord.filter(id__gt=after, id__lte=head_id).count()
    return count, head_id, head.digest if head else GENESIS


async def anchor(kind: str, now: datetime | None = None) -> Anchor | None:
    """Append an anchor of the sealed chain; after a seal, only when the head moved.

    A file that cannot be read or written is logged, and nothing is written to the table either:
    the next anchor covers what this one would have.
    """
    if not runtime.settings().qungui_anchor_keeper:
        return None  # another process keeps the log (its file is on that machine)
    path = runtime.settings().audit_anchor_file
    async with _lock:
        key = keyfile.current()
        try:
            file_line, row = await _ends()
        except OSError as exc:
            logger.error(f"{texts.ANCHOR_UNWRITTEN}: {path}: {exc}")
            return None
        previous = _previous(file_line, row, key)
        count, head_id, digest = await _sealed_head(previous)
        moved = previous is None or (previous.head_id, previous.head_digest) != (head_id, digest)
        if kind == SEAL and not moved:
            return None
        last_in_file = parse_line(file_line) if file_line else None
        seq = next_seq(last_in_file, row.seq if row else 0)
        at = now or datetime.now(UTC)
        written = signed(Anchor(seq, at, kind, count, head_id, digest), key)
        try:
            await asyncio.to_thread(_append, path, written.line)
        except OSError as exc:
            logger.error(f"{texts.ANCHOR_UNWRITTEN}: {path}: {exc}")
            return None
        await AuditAnchor.create(seq=seq, at=at, kind=kind, line=written.line)
        return written


async def repair() -> None:
    """A crash between the file and the table leaves the file one line ahead: copy it over."""
    if not runtime.settings().qungui_anchor_keeper:
        return
    async with _lock:
        key = keyfile.current()
        try:
            file_line, row = await _ends()
        except OSError as exc:
            logger.error(f"{texts.ANCHOR_UNWRITTEN}: {exc}")
            return
        in_file = genuine(file_line, key) if file_line else None
        table_seq = row.seq if row else 0
        if in_file is not None and in_file.seq == table_seq + 1:
            await AuditAnchor.create(
                seq=in_file.seq, at=in_file.at, kind=in_file.kind, line=in_file.line
            )
        elif (in_file.seq if in_file else 0) != table_seq:
            logger.warning(texts.anchor_log_disagrees(in_file.seq if in_file else 0, table_seq))


async def start() -> Anchor | None:
    """At start, once crashed records are sealed and before any new one: the first line of a
    deployment is where its plain records (from before the key) end."""
    await repair()
    return await anchor(START)
