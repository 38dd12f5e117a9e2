"""Reports over a street with QQ and Telegram groups: /全街報告 lists both, each row naming its
platform; /合規報告 in a Telegram group judges real names by roster binding, not by cards."""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from nonebug import App
from openpyxl import load_workbook

from adapters.telegram_events import NAME as TELEGRAM
from models.measures import MeasureRecord
from models.members import KnownMember
from models.realname import AccountBinding, RosterPerson
from plugins.realname import store as realname
from plugins.realname.roster import RosterEntry
from plugins.reports import store, texts
from plugins.reports.street import mixed, totals
from plugins.reports.workbook import write_workbook
from tests import accounts
from tests import telegram as tg
from tests.factories import inline_file, make_bot, private_msg
from tests.plugins.registry.helpers import filed_group
from tests.tg_calls import (
    OWNER_AND_ADMIN,
    expect_admins,
    expect_send,
    filed_tg_group,
    telegram_world,  # noqa: F401 (the fixture)
)

from .helpers import Capture, record

pytestmark = pytest.mark.usefixtures("telegram_world")
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime.now(UTC).replace(microsecond=0)


async def both_platforms() -> None:
    await filed_group()
    await filed_tg_group()
    await record(NOW - timedelta(days=1), category="rumor", message_id=501)
    tg_record = await record(NOW - timedelta(hours=5), group_id=tg.GROUP, target=tg.MEMBER)
    await MeasureRecord.filter(id=tg_record.id).update(platform=TELEGRAM)


async def test_the_street_workbook_names_each_group_s_platform(tmp_path: object) -> None:
    await both_platforms()
    report = await store.gather_street(NOW - timedelta(days=7), NOW, NOW)
    assert mixed(report)
    path = write_workbook(report, tmp_path / "street.xlsx", TZ, "zh-Hant")  # type: ignore[operator]
    book = load_workbook(path)
    summary = [list(r) for r in book["總表"].iter_rows(values_only=True)]
    assert summary[0] == [*texts.SUMMARY_HEADERS, "平台"]
    assert sorted((row[0], row[-1]) for row in summary[1:]) == [
        (tg.GROUP, "Telegram"),
        (accounts.GROUP, "QQ"),
    ]
    measures = [list(r) for r in book["處置記錄"].iter_rows(values_only=True)]
    assert measures[0] == [*texts.MEASURE_HEADERS, "平台"]
    assert [(row[2], row[-1]) for row in measures[1:]] == [
        (accounts.GROUP, "QQ"),
        (tg.GROUP, "Telegram"),
    ]
    summary_text = texts.street_summary(report, totals(report), TZ, "x.xlsx")
    assert "平台：QQ 1，Telegram 1" in summary_text.splitlines()


async def test_a_street_on_one_platform_has_no_platform_column(tmp_path: object) -> None:
    await filed_tg_group()
    report = await store.gather_street(NOW - timedelta(days=7), NOW, NOW)
    assert not mixed(report)
    path = write_workbook(report, tmp_path / "street.xlsx", TZ, "zh-Hant")  # type: ignore[operator]
    header = next(load_workbook(path)["總表"].iter_rows(values_only=True))
    assert list(header) == list(texts.SUMMARY_HEADERS)
    assert not any(
        line.startswith("平台")
        for line in texts.street_summary(report, totals(report), TZ, "x").splitlines()
    )


async def test_the_department_s_street_report_from_qq_lists_the_telegram_group(app: App) -> None:
    await both_platforms()
    summary, picture, book = Capture(), Capture(), Capture()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/全街報告", accounts.DEPARTMENT))
        for capture in (summary, picture, book):
            ctx.should_call_api(
                "send_private_msg",
                {"user_id": accounts.DEPARTMENT, "message": capture},
                {"message_id": 1},
            )
    assert "群組 2 個：已備案 2" in summary.text.splitlines()
    assert "平台：QQ 1，Telegram 1" in summary.text.splitlines()
    _, data = inline_file(book.value)
    rows = list(load_workbook(io.BytesIO(data))["總表"].iter_rows(values_only=True))
    assert {(row[0], row[-1]) for row in rows[1:]} == {
        (tg.GROUP, "Telegram"),
        (accounts.GROUP, "QQ"),
    }


async def test_the_scorecard_in_a_telegram_group_counts_bound_members_as_real_named(
    app: App,
) -> None:
    await filed_tg_group()
    await realname.import_roster([RosterEntry("XX社區", "張三", 50001, "在崗")], "r.csv")
    person = await RosterPerson.get(account=50001)
    await AccountBinding.create(
        platform=TELEGRAM, user_id=tg.MEMBER, person=person, group_id=tg.GROUP, bound_at=NOW
    )
    for user_id in (tg.MEMBER, tg.STRANGER):
        await KnownMember.create(
            platform=TELEGRAM, group_id=tg.GROUP, user_id=user_id, first_seen=NOW
        )
    card = Capture()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/合規報告", tg.ADMIN)))
        expect_admins(ctx, *OWNER_AND_ADMIN)
        expect_send(ctx, tg.ADMIN, card)
        expect_send(ctx, tg.GROUP, texts.sent_to_admins())
    lines = str(card.value).splitlines()
    assert lines[0] == f"【合規報告】群 {tg.GROUP}（XX社區工作群）"
    # the owner, the admin and the stranger are bound to nobody: 1 of 4 real-named
    assert "✗ 實名：1/4 人合規（25.0%，即時檢查）" in lines
