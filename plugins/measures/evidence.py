"""Evidence that never re-spreads what it points at: a masked excerpt and a hash of the text.

Records, notices and reports refer to a message by its id, the masked excerpt (first and last
character, stars between) and a SHA-256 of its text; the text itself is never quoted.
"""

import hashlib
from collections.abc import Iterable


def digest(texts: Iterable[str]) -> str:
    """SHA-256 (hex) of the texts, one a line."""
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def reference(message_id: int | None, excerpt: str, sha256: str) -> str:
    """What a record keeps as evidence: `#1234 法***好 sha256:…`."""
    head = f"#{message_id} " if message_id is not None else ""
    return f"{head}{excerpt} sha256:{sha256}"
