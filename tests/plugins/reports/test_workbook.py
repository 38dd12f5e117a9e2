"""The street workbook, opened again with openpyxl: its cells match the records the test made."""

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from models.clearance import ClearanceBatch, ClearanceSetting
from models.handover import HandoverStatus
from models.measures import RecordStatus
from models.realname import DeadlineStatus
from models.registry import DutySwitch, Group, GroupStatus, GroupType
from plugins.reports import store, texts
from plugins.reports.workbook import write_workbook
from tests import accounts
from tests.plugins.registry.helpers import filed_group

from .helpers import batch, deadline, handover, record

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime.now(UTC).replace(microsecond=0)
SINCE = NOW - timedelta(days=7)
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def local(at: datetime) -> datetime:
    return at.astimezone(TZ).replace(tzinfo=None)


async def street() -> tuple[Group, Group, list[int]]:
    """Two groups and a week of what the duties recorded; the ids of the period's measures."""
    mine = await filed_group()
    mine.last_message_at = NOW - timedelta(hours=1)
    await mine.save()
    other = await filed_group(
        accounts.OTHER_GROUP,
        status=GroupStatus.PENDING,
        group_type=GroupType.PUBLIC,
        unit="XX村",
        admins=(),
    )
    other.member_count, other.finished_at = 600, NOW - timedelta(days=2)
    await other.save()
    await record(NOW - timedelta(days=10), category="rumor", message_id=500)  # before the period
    day3 = NOW - timedelta(days=3)
    ids = [
        (await record(day3, category="rumor", message_id=501, seconds=2, article=8)).id,
        (
            await record(
                day3 + timedelta(seconds=2), action="mute", category="rumor", message_id=501,
                seconds=3, article=8,
            )
        ).id,
        (
            await record(
                NOW - timedelta(days=2), category="state_secret", message_id=502, article=11
            )
        ).id,
        (
            await record(
                NOW - timedelta(days=1), action="warning", actor=accounts.ADMIN, reason="刷屏",
                status=RecordStatus.FAILED, seconds=0.25,
            )
        ).id,
        (
            await record(
                NOW - timedelta(days=1), action="join_refuse", category="blacklisted",
                group_id=accounts.OTHER_GROUP, unit="XX村", seconds=0.5, article=4,
            )
        ).id,
    ]  # fmt: skip
    await record(NOW - timedelta(hours=5), action="content_policy", actor=accounts.ADMIN)
    await record(NOW - timedelta(hours=4), action="report_digest", group_id=None, target=None)
    for user in (1, 2, 3):
        await deadline(accounts.GROUP, user, NOW - timedelta(days=1))
    await deadline(accounts.GROUP, 4, NOW - timedelta(days=1), status=DeadlineStatus.CLEARED)
    await batch(mine, NOW - timedelta(days=1), 11, 12)  # open
    await batch(mine, NOW - timedelta(days=10), 13)  # expired
    await batch(mine, NOW - timedelta(days=2), 14, confirmed_at=NOW - timedelta(days=1))
    await handover(mine, NOW - timedelta(days=3), HandoverStatus.DONE, NOW - timedelta(days=2))
    await handover(mine, NOW - timedelta(days=10), HandoverStatus.DONE, NOW - timedelta(days=9))
    await handover(mine, NOW - timedelta(hours=12), HandoverStatus.PENDING)
    await handover(mine, NOW - timedelta(days=2), HandoverStatus.PENDING)  # expired meanwhile
    await DutySwitch.create(group=mine, duty="privacy", enabled=False, changed_by=accounts.ADMIN)
    for option in ("privacy.phone", "secret.unread"):  # options of a duty, not duties: not "off"
        await DutySwitch.create(group=mine, duty=option, enabled=False, changed_by=accounts.ADMIN)
    return mine, other, ids


def rows(sheet: object) -> list[list[object]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


async def test_the_summary_has_a_row_per_group_matching_the_records(tmp_path: Path) -> None:
    await street()
    report = await store.gather_street(SINCE, NOW, NOW)
    path = write_workbook(report, tmp_path / "street.xlsx", TZ, "zh-Hant")
    book = load_workbook(path)
    assert book.sheetnames == ["總表", "處置記錄", "分類統計", "說明"]
    summary = rows(book["總表"])
    assert summary[0] == list(texts.SUMMARY_HEADERS)
    village, community = summary[1:]
    assert village == [
        accounts.OTHER_GROUP, "測試群", "XX村", "群眾", "待批准", "一級", None, 600, 0, 1,
        0, 1, 1, 0, 0.5, 0, 0, "任務完結", 0, None, "未備案或未批准、無群組管理員、完結未解散",
    ]  # fmt: skip
    assert community == [
        accounts.GROUP, "測試群", "XX社區", "內部", "已備案", "三級", str(accounts.ADMIN), 30, 3,
        0.9, 2, 2, 4, 1, 3.0, 1, 1, "正常", 0, "隱私",
        "實名未全、待確認清理、處置未執行、交接待確認",
    ]  # fmt: skip
    assert book["總表"]["J3"].number_format == "0.0%"


async def test_the_measures_sheet_lists_the_period_s_records_in_street_time(
    tmp_path: Path,
) -> None:
    _, _, ids = await street()
    report = await store.gather_street(SINCE, NOW, NOW)
    book = load_workbook(write_workbook(report, tmp_path / "street.xlsx", TZ, "zh-Hant"))
    measures = rows(book["處置記錄"])
    assert measures[0] == list(texts.MEASURE_HEADERS)
    assert [r[0] for r in measures[1:]] == ids
    day3 = NOW - timedelta(days=3)
    assert measures[1] == [
        ids[0], local(day3), accounts.GROUP, "XX社區", "撤回", 8, "散布謠言", "機器人",
        accounts.MEMBER, None, "已執行", 2,
    ]  # fmt: skip
    assert measures[4][4:] == ["警告", 10, "人工處置", accounts.ADMIN, accounts.MEMBER, "刷屏", "未執行", 0.2]  # fmt: skip
    assert measures[5][2:7] == [accounts.OTHER_GROUP, "XX村", "拒絕入群", 4, "黑名單帳號申請入群"]


async def test_findings_by_category_and_the_chart_over_them(tmp_path: Path) -> None:
    await street()
    report = await store.gather_street(SINCE, NOW, NOW)
    path = write_workbook(report, tmp_path / "street.xlsx", TZ, "zh-Hant")
    categories = rows(load_workbook(path)["分類統計"])
    assert categories == [
        list(texts.CATEGORY_HEADERS),
        ["散布謠言", 1, 2, 5, 5],
        ["黑名單帳號申請入群", 1, 1, 0.5, 0.5],
        ["涉密標識", 1, 1, 1, 1],
        ["人工處置", 0, 1, None, None],
    ]
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert charts == ["xl/charts/chart1.xml"]
        chart = ElementTree.fromstring(archive.read(charts[0]))
    (bar,) = chart.iter(f"{C}barChart")
    assert bar.find(f"{C}barDir").get("val") == "bar"  # type: ignore[union-attr]
    refs = [f.text for f in bar.iter(f"{C}f")]
    # the series is the findings column, of the three categories with findings
    assert refs == ["'分類統計'!B1", "'分類統計'!$A$2:$A$4", "'分類統計'!$B$2:$B$4"]
    title = "".join(t.text or "" for t in chart.iter(f"{A}t"))
    assert (
        title
        == f"各類發現（{local(SINCE):%Y-%m-%d} 至 {local(NOW - timedelta(microseconds=1)):%Y-%m-%d}）"
    )


async def test_an_empty_street_still_makes_a_workbook_with_its_chart(tmp_path: Path) -> None:
    report = await store.gather_street(SINCE, NOW, NOW)
    path = write_workbook(report, tmp_path / "empty.xlsx", TZ, "zh-Hans")
    book = load_workbook(path)
    assert book.sheetnames == ["总表", "处置记录", "分类统计", "说明"]
    assert rows(book["总表"])[1:] == []
    assert rows(book["分类统计"])[1] == ["（无发现）", 0, 0, None, None]
    with zipfile.ZipFile(path) as archive:
        assert "xl/charts/chart1.xml" in archive.namelist()


async def test_clearance_items_of_open_batches_only(tmp_path: Path) -> None:
    mine, _, _ = await street()
    (facts,) = await store.group_facts([mine], SINCE, NOW, NOW, [])
    assert facts.open_clearance == 2
    await ClearanceBatch.filter(confirmed_at=None).update(confirmed_at=NOW)
    (facts,) = await store.group_facts([mine], SINCE, NOW, NOW, [])
    assert facts.open_clearance == 0


async def test_dormancy_is_the_clearance_duty_s_judgement() -> None:
    await filed_group()
    await Group.filter(group_id=accounts.GROUP).update(
        filed_at=NOW - timedelta(days=100), last_message_at=NOW - timedelta(days=61)
    )
    group = await Group.get(group_id=accounts.GROUP).prefetch_related("unit")
    (facts,) = await store.group_facts([group], SINCE, NOW, NOW, [])
    assert (facts.activity, facts.silent_days) == ("dormant", 61)  # 60 days by default
    await ClearanceSetting.create(group=group, dormant_days=90, changed_by=accounts.ADMIN)
    (facts,) = await store.group_facts([group], SINCE, NOW, NOW, [])
    assert (facts.activity, facts.silent_days) == ("active", 0)


async def test_a_group_name_or_reason_that_looks_like_a_formula_is_text(tmp_path: Path) -> None:
    mine = await filed_group()
    mine.name = '=HYPERLINK("http://example.invalid","點我")'
    await mine.save()
    await record(NOW - timedelta(days=1), action="warning", actor=accounts.ADMIN, reason="=1+2")
    await record(NOW - timedelta(hours=1), action="warning", actor=accounts.ADMIN, reason="@x")
    report = await store.gather_street(SINCE, NOW, NOW)
    book = load_workbook(write_workbook(report, tmp_path / "street.xlsx", TZ, "zh-Hant"))
    name = book["總表"]["B2"]
    assert (name.value, name.data_type) == (mine.name, "s")
    reasons = [book["處置記錄"][f"J{r}"] for r in (2, 3)]
    assert [(c.value, c.data_type) for c in reasons] == [("=1+2", "s"), ("@x", "s")]
    group_id, members = book["總表"]["A2"], book["總表"]["H2"]
    assert (group_id.value, group_id.data_type) == (accounts.GROUP, "n")
    assert (members.value, members.data_type) == (30, "n")
