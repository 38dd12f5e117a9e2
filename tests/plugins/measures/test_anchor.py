"""The anchor log, directly: lines sealed with the key, and the file checked against its table."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from plugins.measures.anchor import (
    ALTERED,
    CUT,
    DAILY,
    EMPTY,
    FILE,
    REMOVED,
    SEAL,
    START,
    TABLE,
    Anchor,
    LogBreak,
    check_log,
    daily_due,
    genuine,
    next_seq,
    parse_line,
    parse_pin,
    signed,
)
from plugins.measures.chain import GENESIS, Pin

KEY = bytes(range(32))
AT = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def lines(n: int, key: bytes = KEY) -> list[str]:
    out = [signed(Anchor(1, AT, START, 0, 0, GENESIS), key).line]
    for seq in range(2, n + 1):
        at = AT + timedelta(minutes=seq)
        out.append(signed(Anchor(seq, at, SEAL, seq - 1, seq - 1, f"{seq:064x}"), key).line)
    return out


def test_a_line_reads_back_as_written_and_only_with_its_key() -> None:
    anchor = signed(Anchor(3, AT, DAILY, 340, 340, "ab" * 32), KEY)
    assert anchor.line.startswith("2026-11-28T01:00:00.000000+00:00 seq=3 daily count=340 head=340")
    assert genuine(anchor.line, KEY) == anchor
    assert genuine(anchor.line, bytes(32)) is None
    assert anchor.pin == Pin(3, 340, 340, "ab" * 32)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("count=340", "count=339"),
        ("head=340", "head=341"),
        ("digest=abab", "digest=bbab"),
        ("01:00:00", "01:00:01"),
        ("daily", "seal"),
        ("seq=3", "seq=4"),
    ],
)
def test_a_line_edited_anywhere_is_no_longer_genuine(old: str, new: str) -> None:
    line = signed(Anchor(3, AT, DAILY, 340, 340, "ab" * 32), KEY).line
    assert old in line
    assert genuine(line.replace(old, new, 1), KEY) is None


def test_only_the_one_spelling_of_a_line_parses() -> None:
    line = lines(1)[0]
    assert parse_line(line) is not None
    for bent in (line + " ", line.replace(" ", "  ", 1), line.upper(), line.replace("+00:00", "")):
        assert parse_line(bent) is None, bent
    assert parse_line("") is None


def test_an_intact_log_has_no_break_and_the_file_may_lead_by_one_line() -> None:
    log = lines(4)
    anchors, broken = check_log(log, log, KEY, records=3)
    assert broken is None
    assert [a.seq for a in anchors] == [1, 2, 3, 4]
    assert check_log(log, log[:3], KEY, 3)[1] is None  # a crash between the file and the table
    assert check_log([], [], KEY, records=0) == ([], None)


def test_8_a_line_edited_in_the_file_or_its_table_is_named() -> None:
    log = lines(4)
    edited = [*log[:2], log[2].replace("count=2", "count=9"), log[3]]
    assert check_log(edited, log, KEY, 3)[1] == LogBreak(3, ALTERED, FILE)
    assert check_log(log, edited, KEY, 3)[1] == LogBreak(3, ALTERED, TABLE)
    forged = lines(4, key=bytes(32))
    assert check_log(forged, log, KEY, 3)[1] == LogBreak(1, ALTERED, FILE)


def test_8_a_line_removed_or_moved_is_named() -> None:
    log = lines(4)
    assert check_log([log[0], log[2], log[3]], log, KEY, 3)[1] == LogBreak(2, REMOVED, FILE)
    assert check_log(log[1:], log, KEY, 3)[1] == LogBreak(1, REMOVED, FILE)
    assert check_log([log[0], log[2], log[1], log[3]], log, KEY, 3)[1] == LogBreak(2, REMOVED, FILE)
    assert check_log([*log, log[3]], log, KEY, 3)[1] == LogBreak(5, ALTERED, FILE)
    assert check_log(log, [log[0], log[2], log[3]], KEY, 3)[1] == LogBreak(2, REMOVED, TABLE)


def test_8_a_cut_file_or_table_shows_against_the_other() -> None:
    log = lines(5)
    assert check_log(log[:3], log, KEY, 4)[1] == LogBreak(4, CUT, FILE, 5)
    assert check_log([], log, KEY, 4)[1] == LogBreak(1, CUT, FILE, 5)
    assert check_log(log, log[:3], KEY, 4)[1] == LogBreak(4, CUT, TABLE, 5)


def test_records_with_no_anchor_at_all_are_a_break() -> None:
    assert check_log([], [], KEY, records=2)[1] == LogBreak(1, EMPTY, FILE)


def test_the_next_line_follows_the_furthest_side() -> None:
    log = lines(3)
    assert next_seq(parse_line(log[2]), 2) == 4
    assert next_seq(parse_line(log[1]), 3) == 4
    assert next_seq(None, 0) == 1


def test_the_daily_anchor_is_due_once_a_day_from_nine_street_time() -> None:
    monday_0859 = datetime(2026, 11, 30, 8, 59, tzinfo=SHANGHAI)
    monday_0900 = monday_0859 + timedelta(minutes=1)
    sunday_0900 = monday_0900 - timedelta(days=1)
    assert not daily_due(monday_0859, SHANGHAI, None)
    assert daily_due(monday_0900, SHANGHAI, None)
    assert daily_due(monday_0900, SHANGHAI, sunday_0900)
    assert not daily_due(monday_0900 + timedelta(hours=5), SHANGHAI, monday_0900)
    # 23:30 UTC on Sunday is already Monday 07:30 in Shanghai: not yet due, and yesterday counts.
    assert not daily_due(datetime(2026, 11, 29, 23, 30, tzinfo=UTC), SHANGHAI, sunday_0900)


def test_an_anchor_read_out_by_hand_is_head_and_digest_prefix() -> None:
    assert parse_pin("340:AB12cd34ef56") == Pin(None, 340, 340, "ab12cd34ef56")
    for bad in ("340", "340:", "x:ab12cd34", "340:ab12", "340:xyz12345", "-1:ab12cd34ef"):
        assert parse_pin(bad) is None, bad
