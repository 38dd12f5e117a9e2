"""The console's session: a signed cookie with an idle timeout, and the CSRF token bound to it.

Every visitor has a session (the login form is posted with its CSRF token too). The cookie
holds the session id, the time of the last request, who is logged in and which account waits
for its code; it is re-signed on every answer, so an idle session ends `idle` seconds after
its last request. Logging in starts a new session id, so a session id seen before the login
is worth nothing after it.
"""

import json
import secrets
from dataclasses import dataclass, replace

from console.signing import mac, sign, unsign


@dataclass(frozen=True)
class Session:
    sid: str
    seen: float
    user: int | None = None  # the account logged in
    pending: int | None = None  # the account that asked for a code in this session


def fresh(now: float) -> Session:
    return Session(secrets.token_urlsafe(18), now)


def logged_in(session: Session, account: int, now: float) -> Session:
    """A new session for `account` (a new id: the one used before the login is dropped)."""
    return Session(secrets.token_urlsafe(18), now, user=account)


def touched(session: Session, now: float) -> Session:
    return replace(session, seen=now)


def encode(key: bytes, session: Session) -> str:
    body = {"s": session.sid, "t": round(session.seen, 3), "u": session.user, "p": session.pending}
    return sign(key, json.dumps(body, separators=(",", ":")).encode("utf-8"))


def decode(key: bytes, cookie: str, now: float, idle: float) -> Session | None:
    """The session in `cookie`; None when it is not signed with `key`, malformed, or idle for
    longer than `idle` seconds (or from the future)."""
    data = unsign(key, cookie)
    if data is None:
        return None
    try:
        body = json.loads(data)
        session = Session(
            str(body["s"]), float(body["t"]), _account(body["u"]), _account(body["p"])
        )
    except (ValueError, KeyError, TypeError):
        return None
    if not 0 <= now - session.seen <= idle:
        return None
    return session


def _account(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an account")
    return value


def csrf_token(key: bytes, session: Session) -> str:
    """The token every form of this session carries: bound to its id, so it changes at login."""
    return mac(key, "csrf", session.sid)


def csrf_ok(key: bytes, session: Session, token: str | None) -> bool:
    return bool(token) and secrets.compare_digest(csrf_token(key, session), str(token))
