"""The records' hash chain: pure functions to seal a record and to find the first broken link.

Each record's `digest` covers its facts and the previous record's digest, so altering or
removing a record breaks every link after it. Its `outcome_digest` seals what the platform
answered once that is known, so a changed status is caught too. Record ids run 1, 2, 3…
without gaps; a missing id is a removed record.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def _sha256(payload: Any) -> str:
    text = json.dumps(
        _canonical(payload), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fact_digest(prev_digest: str, facts: Mapping[str, Any]) -> str:
    return _sha256({"prev": prev_digest, "facts": facts})


def outcome_digest(digest: str, status: str, answer: str, finished_at: datetime | None) -> str:
    return _sha256({"digest": digest, "status": status, "answer": answer, "at": finished_at})


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


@dataclass(frozen=True)
class Break:
    record_id: int
    what: str  # "removed" or "altered"


def first_break(records: Iterable[Sealed], pending: str = "pending") -> Break | None:
    """The first record that was removed or altered, walking the chain from the start."""
    expected_id, prev = 1, GENESIS
    for record in records:
        if record.id != expected_id:
            return Break(expected_id, "removed")
        if record.prev_digest != prev or fact_digest(prev, record.facts) != record.digest:
            return Break(record.id, "altered")
        sealed = record.status == pending and not record.outcome_digest
        if not sealed and record.outcome_digest != outcome_digest(
            record.digest, record.status, record.answer, record.finished_at
        ):
            return Break(record.id, "altered")
        expected_id, prev = record.id + 1, record.digest
    return None
