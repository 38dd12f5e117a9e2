"""The anchor log: pure functions to write, read and check the lines that pin the chain.

An anchor says how far the chain was sealed at a moment: its first `count` records, ending at
record `head` with `digest`. Each is one line, sealed with the audit key:

    2026-11-28T01:00:00.000000+00:00 seq=12 seal count=340 head=340 digest=<64 hex> mac=<64 hex>

The bot appends a line at start (before any new record: the first one is where plain records
end), after each sealed record, and once a day (sent to the department too). Lines live in a file
outside the database and, line for line, in the table `audit_anchor`: editing a line breaks its
MAC, removing one leaves a gap in `seq`, and cutting the file (or the table) shows against the
other. The file is written first, so after a crash it may be one line ahead of the table.

Several processes appending to one chain (PostgreSQL) would each keep a file of their own and
take `seq` from the table; that is not built: one process writes one chain.
"""

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from plugins.measures.chain import Pin

START, SEAL, DAILY = "start", "seal", "daily"
KINDS = (START, SEAL, DAILY)
DAILY_AT = time(9, 0)
SHORT = 12  # hex digits of the head digest the department is sent
_DOMAIN = b"qungui-anchor-1\n"


@dataclass(frozen=True)
class Anchor:
    seq: int
    at: datetime
    kind: str
    count: int
    head_id: int
    head_digest: str
    mac: str = ""

    @property
    def body(self) -> str:
        at = self.at.astimezone(UTC).isoformat(timespec="microseconds")
        return (
            f"{at} seq={self.seq} {self.kind} count={self.count} head={self.head_id}"
            f" digest={self.head_digest}"
        )

    @property
    def line(self) -> str:
        return f"{self.body} mac={self.mac}"

    @property
    def pin(self) -> Pin:
        return Pin(self.seq, self.count, self.head_id, self.head_digest)


def _mac(body: str, key: bytes) -> str:
    return hmac.new(key, _DOMAIN + body.encode("utf-8"), hashlib.sha256).hexdigest()


def signed(anchor: Anchor, key: bytes) -> Anchor:
    return replace(anchor, mac=_mac(anchor.body, key))


def _is_hex(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def parse_line(text: str) -> Anchor | None:
    """The anchor a line says, or None when it is not a well-formed line (its MAC not checked)."""
    parts = text.split(" ")
    if len(parts) != 7:
        return None
    at, seq, kind, count, head, digest, mac = parts
    fields = {"seq": seq, "count": count, "head": head, "digest": digest, "mac": mac}
    values: dict[str, str] = {}
    for name, part in fields.items():
        label, sep, value = part.partition("=")
        if label != name or not sep:
            return None
        values[name] = value
    try:
        when = datetime.fromisoformat(at)
        numbers = int(values["seq"]), int(values["count"]), int(values["head"])
    except ValueError:
        return None
    if when.tzinfo is None or kind not in KINDS or min(numbers) < 0:
        return None
    if not (_is_hex(values["digest"]) and _is_hex(values["mac"])):
        return None
    anchor = Anchor(numbers[0], when, kind, numbers[1], numbers[2], values["digest"], values["mac"])
    return anchor if anchor.line == text else None  # one spelling only: no slack to hide in


def genuine(text: str, key: bytes) -> Anchor | None:
    """The anchor of a line that is well formed and sealed with `key`, else None."""
    anchor = parse_line(text)
    if anchor is None or not hmac.compare_digest(anchor.mac, _mac(anchor.body, key)):
        return None
    return anchor


FILE, TABLE = "file", "table"
ALTERED, REMOVED, CUT, EMPTY = "altered", "removed", "cut", "empty"


@dataclass(frozen=True)
class LogBreak:
    """The first bad anchor line: where (the file or its copy in the table) and what happened."""

    seq: int
    what: str  # ALTERED, REMOVED, CUT (the other side goes on past it) or EMPTY (no line at all)
    where: str  # FILE or TABLE
    other: int = 0  # for CUT: the last line the other side has


def _read(lines: Sequence[str], key: bytes, where: str) -> tuple[list[Anchor], LogBreak | None]:
    anchors: list[Anchor] = []
    for expected, text in enumerate(lines, start=1):
        anchor = genuine(text, key)
        if anchor is None or anchor.seq < expected:
            return anchors, LogBreak(expected, ALTERED, where)
        if anchor.seq > expected:
            return anchors, LogBreak(expected, REMOVED, where)
        anchors.append(anchor)
    return anchors, None


def check_log(
    file_lines: Sequence[str], table_lines: Sequence[str], key: bytes, records: int
) -> tuple[list[Anchor], LogBreak | None]:
    """Every anchor, and the first break in the log: each side on its own, then one against the
    other. The file may be one line ahead of the table (a crash between the two writes)."""
    in_file, broken = _read(file_lines, key, FILE)
    if broken is not None:
        return in_file, broken
    in_table, broken = _read(table_lines, key, TABLE)
    if broken is not None:
        return in_file, broken
    for a, b in zip(in_file, in_table, strict=False):
        if a != b:
            return in_file, LogBreak(a.seq, ALTERED, FILE)
    if len(in_table) > len(in_file):
        return in_file, LogBreak(len(in_file) + 1, CUT, FILE, len(in_table))
    if len(in_file) > len(in_table) + 1:
        return in_file, LogBreak(len(in_table) + 1, CUT, TABLE, len(in_file))
    if not in_file and records:
        return in_file, LogBreak(1, EMPTY, FILE)
    return in_file, None


def next_seq(file_last: Anchor | None, table_last: int) -> int:
    """The next line's number: after the furthest either side got to (a gap stays visible)."""
    return max(file_last.seq if file_last else 0, table_last) + 1


def daily_due(now: datetime, tz: ZoneInfo, last_daily: datetime | None) -> bool:
    """Whether today's daily anchor is owed at `now` (aware): from 09:00 street time, once a day."""
    local = now.astimezone(tz)
    if local.time() < DAILY_AT:
        return False
    return last_daily is None or last_daily.astimezone(tz).date() < local.date()


def parse_pin(text: str) -> Pin | None:
    """An anchor read out by hand, `340:ab12cd34ef56` (the daily message's): head and digest."""
    head, sep, digest = text.strip().partition(":")
    digest = digest.lower()
    if not sep or not head.isdigit() or not 8 <= len(digest) <= 64:
        return None
    if any(c not in "0123456789abcdef" for c in digest):
        return None
    return Pin(None, int(head), int(head), digest)


def short(digest: str) -> str:
    return digest[:SHORT]
