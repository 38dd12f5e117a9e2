"""Signed values for the console's cookie: HMAC-SHA256 under a key derived from the audit key.

The key is derived, not stored: `session_key(audit_key)` is an HMAC of a fixed label under the
audit key, so the console adds no secret to back up, every process that shares the audit key
(several processes on one database) accepts the same sessions, and the derived key says nothing
of the audit key itself.
"""

import base64
import hashlib
import hmac

LABEL = b"qungui console session v1"


def session_key(audit_key: bytes) -> bytes:
    return hmac.new(audit_key, LABEL, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def mac(key: bytes, *parts: str) -> str:
    """A hex HMAC of `parts` (joined so that no two lists of parts give the same message)."""
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def sign(key: bytes, data: bytes) -> str:
    return f"{_b64(data)}.{_b64(hmac.new(key, data, hashlib.sha256).digest())}"


def unsign(key: bytes, token: str) -> bytes | None:
    """The data `sign` wrapped, or None for anything not signed with `key`."""
    body, dot, seal = token.partition(".")
    if not dot:
        return None
    try:
        data, given = _unb64(body), _unb64(seal)
    except ValueError:
        return None
    expected = hmac.new(key, data, hashlib.sha256).digest()
    return data if hmac.compare_digest(given, expected) else None
