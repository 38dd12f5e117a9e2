"""The console's cookie: signed, idle timeout, CSRF token bound to the session."""

from console.session import (
    Session,
    csrf_ok,
    csrf_token,
    decode,
    encode,
    fresh,
    logged_in,
    touched,
)
from console.signing import session_key, sign, unsign

KEY = session_key(b"k" * 32)
OTHER = session_key(b"j" * 32)


def test_the_session_key_is_derived_and_not_the_audit_key() -> None:
    assert KEY != b"k" * 32
    assert len(KEY) == 32
    assert session_key(b"k" * 32) == KEY


def test_sign_and_unsign() -> None:
    token = sign(KEY, b"data")
    assert unsign(KEY, token) == b"data"
    assert unsign(OTHER, token) is None
    assert unsign(KEY, token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert unsign(KEY, "no-dot") is None
    assert unsign(KEY, "!!!.???") is None


def test_a_session_round_trips_while_not_idle() -> None:
    session = Session("abc", 1000.0, user=10001, pending=None)
    cookie = encode(KEY, session)
    assert decode(KEY, cookie, 1000.0 + 1799, idle=1800) == session
    assert decode(KEY, cookie, 1000.0 + 1801, idle=1800) is None  # idle too long
    assert decode(KEY, cookie, 999.0, idle=1800) is None  # from the future
    assert decode(OTHER, cookie, 1000.0, idle=1800) is None


def test_a_forged_or_edited_cookie_is_nobody() -> None:
    cookie = encode(KEY, Session("abc", 1000.0, user=20001))
    seal = cookie.partition(".")[2]
    forged = encode(OTHER, Session("abc", 1000.0, user=10001))
    assert decode(KEY, forged.partition(".")[0] + "." + seal, 1000.0, 1800) is None
    assert decode(KEY, sign(KEY, b'{"s":"a","t":1000,"u":"10001","p":null}'), 1000, 1800) is None
    assert decode(KEY, sign(KEY, b'{"s":"a","t":1000,"u":true,"p":null}'), 1000, 1800) is None
    assert decode(KEY, sign(KEY, b"not json"), 1000, 1800) is None


def test_touching_keeps_the_session_and_logging_in_changes_its_id() -> None:
    session = fresh(1000.0)
    assert touched(session, 1500.0).sid == session.sid
    after = logged_in(session, 10001, 1500.0)
    assert after.user == 10001
    assert after.sid != session.sid
    assert after.pending is None


def test_the_csrf_token_is_bound_to_the_session() -> None:
    session = fresh(1000.0)
    token = csrf_token(KEY, session)
    assert csrf_ok(KEY, session, token)
    assert not csrf_ok(KEY, session, None)
    assert not csrf_ok(KEY, session, "")
    assert not csrf_ok(KEY, session, "0" * 64)
    assert not csrf_ok(KEY, fresh(1000.0), token)  # another session's token
    assert not csrf_ok(KEY, logged_in(session, 10001, 1000.0), token)  # changes at login
    assert not csrf_ok(OTHER, session, token)
