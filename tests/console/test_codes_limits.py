"""One-time codes (six digits, five minutes, three tries) and the login's rate limits."""

from console.codes import TRIES, VALID_SECONDS, CodeBook, Verdict
from console.limits import Window


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_code_is_six_digits_and_works_once() -> None:
    book = CodeBook(b"k" * 32)
    code = book.issue(10001, "sid", 0.0)
    assert len(code) == 6
    assert code.isdigit()
    assert book.check(10001, "sid", code, 1.0) is Verdict.OK
    assert book.check(10001, "sid", code, 2.0) is Verdict.SPENT


def test_a_code_is_kept_only_as_a_digest() -> None:
    book = CodeBook(b"k" * 32)
    code = book.issue(10001, "sid", 0.0)
    assert code not in repr(vars(book))


def test_a_code_expires_after_five_minutes() -> None:
    book = CodeBook(b"k" * 32)
    code = book.issue(10001, "sid", 0.0)
    assert book.check(10001, "sid", code, VALID_SECONDS) is Verdict.SPENT
    code = book.issue(10001, "sid", 0.0)
    assert book.check(10001, "sid", code, VALID_SECONDS - 1) is Verdict.OK


def test_three_tries_then_the_code_is_gone() -> None:
    book = CodeBook(b"k" * 32)
    code = book.issue(10001, "sid", 0.0)
    assert [book.check(10001, "sid", _wrong(code), 1.0) for _ in range(TRIES - 1)] == [
        Verdict.WRONG
    ] * (TRIES - 1)
    assert book.check(10001, "sid", _wrong(code), 1.0) is Verdict.SPENT
    assert book.check(10001, "sid", code, 1.0) is Verdict.SPENT  # even the right one now


def test_a_code_is_bound_to_its_account_and_session() -> None:
    book = CodeBook(b"k" * 32)
    code = book.issue(10001, "sid", 0.0)
    assert book.check(10001, "other-session", code, 1.0) is Verdict.WRONG
    assert book.check(20001, "sid", code, 1.0) is Verdict.SPENT  # none issued to 20001
    assert book.check(10001, "sid", code, 1.0) is Verdict.OK


def test_a_new_code_replaces_the_old_one() -> None:
    book = CodeBook(b"k" * 32)
    first = book.issue(10001, "sid", 0.0)
    second = book.issue(10001, "sid", 1.0)
    if first != second:
        assert book.check(10001, "sid", first, 2.0) is Verdict.WRONG
    assert book.check(10001, "sid", second, 2.0) is Verdict.OK


def test_a_window_counts_events_per_key_and_forgets_old_ones() -> None:
    window = Window(limit=2, seconds=60)
    window.hit("a", 0)
    assert not window.full("a", 1)
    window.hit("a", 1)
    assert window.full("a", 2)
    assert not window.full("b", 2)
    assert window.full("a", 59)
    assert not window.full("a", 61)  # the first hit left the window
    assert not window.full("a", 200)
    assert window._hits == {}  # keys of the past are not kept
