"""The burst watch (Art. 10) and reading /內容設定, both pure."""

from datetime import UTC, datetime, timedelta

import pytest

from plugins.content.burst import BurstWatch
from plugins.content.parse import parse_change
from plugins.content.policy import DEFAULT_BLACKLIST, ContentPolicy, Rung

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_a_burst_is_n_findings_within_m_minutes_in_one_group() -> None:
    watch = BurstWatch(3, 10)
    assert watch.note("g1", at(0)) is None
    assert watch.note("g1", at(4)) is None
    assert watch.note("g2", at(5)) is None  # another group counts apart
    assert watch.note("g1", at(9)) == 3


def test_findings_spread_out_make_no_burst() -> None:
    watch = BurstWatch(3, 10)
    assert [watch.note("g", at(m)) for m in (0, 6, 11, 17, 23)] == [None] * 5


def test_a_burst_is_flagged_once_per_window() -> None:
    watch = BurstWatch(2, 10)
    assert watch.note("g", at(0)) is None
    assert watch.note("g", at(1)) == 2
    assert watch.note("g", at(2)) is None
    assert watch.note("g", at(9)) is None
    assert watch.note("g", at(11.5)) == 3  # a window after the flag, still bursting


def test_a_burst_needs_sense() -> None:
    with pytest.raises(ValueError, match="two findings"):
        BurstWatch(1, 10)


NOW = ContentPolicy()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("禁言", "12h"), ContentPolicy(illegal_mute_seconds=43200)),
        (("拉黑", "散布謠言", "cult"), ContentPolicy(blacklist=frozenset({"rumor", "cult"}))),
        (("拉黑", "无"), ContentPolicy(blacklist=frozenset())),
        (("拉黑", "預設"), ContentPolicy(blacklist=DEFAULT_BLACKLIST)),
        (
            ("阶梯", "警告", "10m", "移出", "拉黑"),
            ContentPolicy(
                ladder=(Rung("warning"), Rung("mute", 600), Rung("kick"), Rung("blacklist"))
            ),
        ),
        (("期限", "7天"), ContentPolicy(window_days=7)),
        (("window", "90"), ContentPolicy(window_days=90)),
        (("预设",), "reset"),
    ],
)
def test_one_change_at_a_time(words: tuple[str, ...], expected: object) -> None:
    assert parse_change(words, NOW) == expected


@pytest.mark.parametrize(
    "words",
    [
        (),
        ("禁言",),
        ("禁言", "30d"),
        ("拉黑", "低俗庸俗"),  # a harmful category cannot blacklist by itself
        ("拉黑", "未知"),
        ("階梯", "警告", "永遠"),
        ("期限", "0"),
        ("期限", "400"),
        ("期限", "一個月"),
        ("預設", "全部"),
        ("其他", "1"),
    ],
)
def test_malformed_changes_are_refused(words: tuple[str, ...]) -> None:
    assert parse_change(words, NOW) is None
