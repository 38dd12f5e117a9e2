"""The burst watch (Art. 10) and reading /內容設定, both pure."""

from datetime import UTC, datetime, timedelta

import pytest

from core import runtime
from core.rulebook import Step
from plugins.content.burst import BurstWatch
from plugins.content.overrides import ContentPolicy
from plugins.content.parse import find_ladder, parse_change

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
WARN, KICK, BAN = Step(kind="warning"), Step(kind="kick"), Step(kind="blacklist")


def mute(seconds: int) -> Step:
    return Step(kind="mute", seconds=seconds)


def change(*words: str, current: ContentPolicy = NOW) -> object:
    return parse_change(words, current, runtime.rulebook())


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("階梯", "違法信息", "12h"), ContentPolicy(steps={"illegal": (mute(43200),)})),
        (("阶梯", "illegal", "禁言2天"), ContentPolicy(steps={"illegal": (mute(2 * 86400),)})),
        (
            ("ladder", "不良信息", "警告", "10m", "移出", "拉黑"),
            ContentPolicy(steps={"harmful": (WARN, mute(600), KICK, BAN)}),
        ),
        (("期限", "不良信息", "7天"), ContentPolicy(windows={"harmful": 7})),
        (("window", "harmful", "90"), ContentPolicy(windows={"harmful": 90})),
        (
            ("類別", "散布謠言", "違法信息（拉黑）"),
            ContentPolicy(ladders={"rumor": "illegal_blacklist"}),
        ),
        (("类别", "cult", "违法信息"), ContentPolicy(ladders={"cult": "illegal"})),
        (("預設",), "reset"),
        (("预设",), "reset"),
    ],
)
def test_one_change_at_a_time(words: tuple[str, ...], expected: object) -> None:
    assert change(*words) == expected


def test_changes_add_up_and_a_change_back_to_the_rulebook_is_dropped() -> None:
    first = change("期限", "不良信息", "7")
    assert isinstance(first, ContentPolicy)
    both = change("類別", "rumor", "illegal_blacklist", current=first)
    assert both == ContentPolicy(windows={"harmful": 7}, ladders={"rumor": "illegal_blacklist"})
    assert isinstance(both, ContentPolicy)
    back = change("期限", "不良信息", "30天", current=both)
    assert back == ContentPolicy(ladders={"rumor": "illegal_blacklist"})
    assert change("階梯", "違法信息", "1天") == NOW


def test_ladders_are_named_by_name_in_either_script_or_key() -> None:
    book = runtime.rulebook()
    assert find_ladder("不良信息", book) == "harmful"
    assert find_ladder("违法信息(拉黑)", book) == "illegal_blacklist"
    assert find_ladder("違法信息拉黑", book) == "illegal_blacklist"
    assert find_ladder("HARMFUL", book) == "harmful"
    assert find_ladder("拉黑", book) is None


@pytest.mark.parametrize(
    "words",
    [
        (),
        ("階梯",),
        ("階梯", "不良信息"),
        ("階梯", "未知", "警告"),
        ("階梯", "不良信息", "警告", "永遠"),
        ("階梯", "不良信息", "30d"),  # a mute of 30 days is more than the platforms allow
        ("階梯", "不良信息", *["警告"] * 9),
        ("期限", "不良信息"),
        ("期限", "不良信息", "0"),
        ("期限", "不良信息", "400"),
        ("期限", "不良信息", "一個月"),
        ("期限", "未知", "7"),
        ("類別", "低俗庸俗", "違法信息"),  # harmful content stays on a harmful ladder
        ("類別", "散布謠言", "不良信息"),  # and illegal content on an illegal one
        ("類別", "未知", "不良信息"),
        ("類別", "散布謠言"),
        ("禁言", "12h"),  # the syntax before ladders
        ("預設", "全部"),
        ("其他", "1"),
    ],
)
def test_malformed_changes_are_refused(words: tuple[str, ...]) -> None:
    assert change(*words) is None
