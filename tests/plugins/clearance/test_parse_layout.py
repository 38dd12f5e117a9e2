"""Command arguments and message layout: pure functions."""

from adapters.message import Mention, Text, plain
from plugins.clearance import texts
from plugins.clearance.candidates import Candidate, Sweep
from plugins.clearance.layout import group_posts, list_lines, mentions
from plugins.clearance.parse import SettingChange, parse_batch, parse_setting


def test_batch_numbers() -> None:
    assert parse_batch(("12",)) == 12
    assert parse_batch(("#12",)) == 12
    assert parse_batch(("＃7",)) == 7
    for bad in ((), ("12", "13"), ("十二",), ("-1",), ("1.5",)):
        assert parse_batch(bad) is None, bad


def test_settings_changes() -> None:
    assert parse_setting(("時間", "週三", "15:00")) == SettingChange(
        {"weekday": 2, "hour": 15, "minute": 0}
    )
    assert parse_setting(("时间", "預設")) == SettingChange(
        {"weekday": None, "hour": None, "minute": None}
    )
    assert parse_setting(("沉默天數", "120")) == SettingChange({"silent_days": 120})
    assert parse_setting(("闲置天数", "默认")) == SettingChange({"dormant_days": None})
    assert parse_setting(("dormant", "30")) == SettingChange({"dormant_days": 30})
    reset = parse_setting(("預設",))
    assert reset is not None
    assert set(reset.fields) == {
        "weekday",
        "hour",
        "minute",
        "silent_days",
        "dormant_days",
    }
    assert all(v is None for v in reset.fields.values())
    for bad in (
        (),
        ("時間", "週八", "15:00"),
        ("沉默天數", "0"),
        ("沉默天數", "9999"),
        ("沉默天數",),
        ("顏色", "紅"),
        ("預設", "全部"),
    ):
        assert parse_setting(bad) is None, bad


def test_mentions_are_parts_never_text() -> None:
    assert mentions([1, 2]) == [Mention(1), Text(" "), Mention(2)]
    assert mentions([]) == []


def test_group_posts_bound_the_mentions_a_message_and_the_messages() -> None:
    assert group_posts("counts", "fix", [], 20) == [(Text("counts"),)]
    posts = group_posts("counts", "fix", list(range(1, 46)), 20)
    assert len(posts) == 3
    assert posts[0][0] == Text("counts\nfix\n")
    assert [sum(isinstance(p, Mention) for p in post) for post in posts] == [20, 20, 5]
    accounts = list(range(50_001, 50_121))
    capped = group_posts("counts", "fix", accounts, 20, max_messages=5)
    assert len(capped) == 5
    assert sum(isinstance(p, Mention) for post in capped for p in post) == 100
    assert capped[-1][-1] == Text("\n" + texts.more_not_mentioned(20))
    # Accounts never appear as text in the group: only as mention segments.
    for post in capped:
        for part in post:
            if isinstance(part, Text):
                assert not any(str(n) in part.text for n in accounts), part.text


def test_the_private_list_names_who_goes_and_who_stays() -> None:
    result = Sweep(
        total=5,
        remove=(Candidate(50002, "路人甲", ("card", "not_on_roster")),),
        kept=(Candidate(40002, "", ("departed",)),),
        exempted=2,
        to_fix_card=(50002,),
    )
    lines = list_lines(result, 90)
    assert lines == [
        texts.member_line("路人甲", 50002, "群名片未實名、不在名冊"),
        texts.kept_line("", 40002, "已調離"),
        texts.exempted_line(2),
    ]
    assert "（無名片）（40002）" in lines[1]
    assert plain((Text("a"), Mention(3))) == "a@3"
    assert texts.reasons_text(("silent", "blacklisted"), 30) == "超過 30 天未發言、黑名單"


def test_idle_lines_read_as_sentences() -> None:
    assert (
        texts.idle_line("工作群", 700100, "2026-02-28", "活動結束", 0, "")
        == "工作群（700100）已於 2026-02-28 標記任務完結（活動結束）"
    )
    assert texts.idle_line("", 700200, "2026-02-28", "", 0, "") == (
        "（未知群名）（700200）已於 2026-02-28 標記任務完結"
    )
    assert texts.idle_line("工作群", 700100, None, "", 79, "2025-12-13") == (
        "工作群（700100）已 79 天沒有訊息（最後：2025-12-13）"
    )
    # The counts in the group name reasons and numbers only.
    assert texts.weekly_counts(6, 2, [("card", 1), ("silent", 1)], 1, 90) == (
        "【每週成員檢查】本群 6 人，待處理 2 人（群名片未實名 1、超過 90 天未發言 1），"
        "另有 1 人經管理員保留（第四條、第十四條）。名單已私聊發送群組管理員。"
    )
    assert texts.weekly_counts(3, 0, [], 0, 90) == (
        "【每週成員檢查】本群 3 人，沒有待處理成員（第四條、第十四條）。"
    )
