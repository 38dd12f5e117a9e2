"""The records' chain: pure functions to seal a record and to find the first break.

Each record's `digest` covers its facts and the previous record's digest, so altering or
removing a record breaks every link after it. Its `outcome_digest` seals the outcome: "pending"
when the record is written, then what the platform answered, so a changed status is caught too.
Record ids run 1, 2, 3… without gaps: a missing id is a removed record.

Two schemes. KEYED records (2) are sealed with HMAC-SHA256 under the audit key, which lives
outside the database: a chain recomputed without the key does not verify. PLAIN records (1) are
the plain SHA-256 records written before the key existed (migration 0004 marks them). They are
verified the old way and pinned by the first anchor line, which the bot writes at its first start
with the key, before any keyed record: a plain record after that line's head, or after a keyed
record, is a break, since anyone can recompute it.

Anchor lines (see `anchor`) pin the chain from outside: a line's head must be there with the
digest it names, and no record at or before an anchored head may be pending again (the anchor
covers only records that were sealed when it was written). Records after the last anchor are
covered by their seals alone.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64
PLAIN, KEYED = 1, 2
PENDING = "pending"


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def _seal(payload: Any, key: bytes | None) -> str:
    text = json.dumps(
        _canonical(payload), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
    if key is None:
        return hashlib.sha256(text).hexdigest()
    return hmac.new(key, text, hashlib.sha256).hexdigest()


def fact_digest(prev_digest: str, facts: Mapping[str, Any], key: bytes | None) -> str:
    """The facts chained to the previous digest: keyed with `key`, plain SHA-256 without."""
    return _seal({"prev": prev_digest, "facts": facts}, key)


def outcome_digest(
    digest: str, status: str, answer: str, finished_at: datetime | None, key: bytes | None
) -> str:
    return _seal({"digest": digest, "status": status, "answer": answer, "at": finished_at}, key)


def pending_seal(digest: str, key: bytes) -> str:
    """The outcome seal a keyed record carries from its writing until the platform answers."""
    return outcome_digest(digest, PENDING, "", None, key)


@dataclass(frozen=True)
class Sealed:
    """A record as stored: its id, facts, and the seals it carries."""

    id: int
    facts: Mapping[str, Any]
    prev_digest: str
    digest: str
    status: str
    answer: str
    finished_at: datetime | None
    outcome_digest: str
    scheme: int


@dataclass(frozen=True)
class Pin:
    """What an anchor says of the chain: its first `count` records end at `head_id`, whose digest
    starts with `head_digest` (all of it for an anchor line, a prefix for one read out by hand)."""

    seq: int | None  # the anchor line, None for an anchor given on the command line
    count: int
    head_id: int
    head_digest: str


REMOVED, ALTERED, REOPENED, UNKEYED, REWRITTEN = (
    "removed",
    "altered",
    "reopened",
    "unkeyed",
    "rewritten",
)


@dataclass(frozen=True)
class Break:
    """The first bad record, what is wrong with it, and the anchor that shows it (if one does)."""

    record_id: int
    what: str  # one of REMOVED, ALTERED, REOPENED, UNKEYED, REWRITTEN
    pin: Pin | None = None


def _outcome_break(record: Sealed, key: bytes | None, sealed_by: Pin | None) -> str | None:
    if record.status == PENDING:
        if sealed_by is not None:
            return REOPENED  # an anchor saw it sealed
        if key is None:  # a plain record was pending without a seal
            return None if not record.outcome_digest else REOPENED
        return None if record.outcome_digest == pending_seal(record.digest, key) else REOPENED
    expected = outcome_digest(record.digest, record.status, record.answer, record.finished_at, key)
    return None if record.outcome_digest == expected else ALTERED


def first_break(
    records: Iterable[Sealed],
    key: bytes,
    pins: Sequence[Pin] = (),
    plain_until: int | None = None,
) -> Break | None:
    """The first record that was removed, altered, set back or rewritten, from the start.

    `pins` are the anchors; `plain_until` is the head of the first anchor line (None: any record
    may be plain, as before the key).
    """
    at_head: dict[int, list[Pin]] = {}
    for pin in pins:
        at_head.setdefault(pin.head_id, []).append(pin)
    highest = max(pins, key=lambda p: p.head_id, default=None)
    expected_id, prev, seen, keyed_seen = 1, GENESIS, 0, False
    for record in records:
        if record.id != expected_id:
            return Break(expected_id, REMOVED)
        seen += 1
        if record.scheme == KEYED:
            keyed_seen, record_key = True, key
        elif record.scheme == PLAIN:
            late = plain_until is not None and record.id > plain_until
            if keyed_seen or late:
                return Break(record.id, UNKEYED)
            record_key = None
        else:
            return Break(record.id, ALTERED)
        if (
            record.prev_digest != prev
            or fact_digest(prev, record.facts, record_key) != record.digest
        ):
            return Break(record.id, ALTERED)
        for pin in at_head.get(record.id, ()):
            if pin.count != seen or not record.digest.startswith(pin.head_digest):
                return Break(record.id, REWRITTEN, pin)
        sealed_by = highest if highest is not None and record.id <= highest.head_id else None
        wrong = _outcome_break(record, record_key, sealed_by)
        if wrong is not None:
            return Break(record.id, wrong, sealed_by if wrong == REOPENED else None)
        expected_id, prev = record.id + 1, record.digest
    if highest is not None and highest.head_id >= expected_id:
        return Break(expected_id, REMOVED, highest)
    return None
