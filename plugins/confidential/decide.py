"""What the confidential duty makes of a scan (Art. 11): pure decisions, no I/O.

Every confidential finding counts: the state-secret mark (秘密★1年, 機密★, 絕密★長期, 密級：機密, ㊙;
category `state_secret`, severity 5) and the internal-use notices POLICY.md lists (內部資料,
注意保存, 請勿轉發…; category `internal`, severity 3). The scanner flags an internal notice wherever
the phrase stands, also in a sentence that merely mentions it; the duty recalls such a message all
the same, because the policy lists these phrases as markers and a recalled message costs its sender
one re-send without the phrase, while a missed one cannot be taken back.

What leaves this module about a marked message is redacted: the category, where the marker sat,
the marker masked down to its first and last character, and a SHA-256 of the message's text.
Neither the marker nor the message is ever quoted.
"""

import hashlib
import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from plugins.scanner.findings import Finding, Source, TextPiece
from plugins.scanner.redact import mask_term


@dataclass(frozen=True)
class Marked:
    """A message (or upload) carrying at least one confidential marker."""

    category: str  # of the gravest marker: "state_secret" or "internal"
    source: Source  # where the gravest marker sat
    excerpt: str  # the gravest marker, masked
    digest: str  # SHA-256 (hex) of the text the scan read
    markers: int  # how many markers were found
    upload_key: str | None  # the marked file name, hashed, when the gravest marker is in one

    @property
    def short_hash(self) -> str:
        return self.digest[:12]

    @property
    def evidence(self) -> str:
        """What the record keeps: the masked marker and the hash, never the text."""
        return f"{self.excerpt} sha256:{self.digest}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_digest(pieces: Sequence[TextPiece]) -> str:
    """SHA-256 of every piece the scan read, in order, one a line."""
    return sha256("\n".join(piece.text for piece in pieces))


def upload_key(file_name: str) -> str:
    """The key under which an upload is told about once (the name hashed, never kept as is)."""
    return sha256(file_name.strip())


def judge(pieces: Sequence[TextPiece], findings: Sequence[Finding]) -> Marked | None:
    """The confidential verdict on a scan's findings; None when nothing is marked."""
    marked = [f for f in findings if f.kind == "confidential"]
    if not marked:
        return None
    gravest = max(marked, key=lambda f: (f.severity, -f.piece, -f.start))
    piece = pieces[gravest.piece]
    return Marked(
        category=gravest.category,
        source=piece.source,
        excerpt=mask_term(piece.text[gravest.start : gravest.end]),
        digest=text_digest(pieces),
        markers=len(marked),
        upload_key=upload_key(piece.text) if piece.source == "file" else None,
    )


class Recent:
    """Keys seen within the last `ttl` seconds. NapCat reports one upload twice (a message with a
    `file` segment and a group_upload notice, in either order); the notices go out once.
    """

    def __init__(self, ttl: float = 120.0, size: int = 1024) -> None:
        self.ttl = ttl
        self.size = size
        self._seen: OrderedDict[Hashable, float] = OrderedDict()

    def first(self, key: Hashable, now: float | None = None) -> bool:
        """True the first time `key` is seen within the window; False while it is remembered."""
        now = time.monotonic() if now is None else now
        while self._seen and (
            len(self._seen) >= self.size or next(iter(self._seen.values())) <= now - self.ttl
        ):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True

    def forget(self) -> None:
        self._seen.clear()
