"""/合規報告 and /全街報告 under nonebug: who may, what is read, what is sent and where."""

import io
from datetime import UTC, datetime, timedelta

from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App
from nonebug.mixin.call_api import ApiContext
from openpyxl import load_workbook
from PIL import Image

from plugins.realname import store as realname_store
from plugins.registry import texts as registry_texts
from plugins.reports import deliver, texts
from tests import accounts
from tests.factories import (
    expect_group_send,
    expect_private_send,
    group_msg,
    inline_file,
    make_bot,
    member,
    private_msg,
)
from tests.plugins.realname.people import LI, ZHANG
from tests.plugins.registry.helpers import filed_group

from .helpers import Capture, record

ADMINS_ONLY = registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
DEPARTMENT_ONLY = registry_texts.refused(["黨群工作部"])
MEMBERS = [
    member(accounts.SELF, "機器人", "admin"),  # the bot is not judged
    member(ZHANG.account, "XX社區-張三"),
    member(LI.account, "XX社區-李四"),  # 調離
    member(accounts.MEMBER, "小明"),  # malformed
]


async def _a_group_with_a_finding() -> None:
    await filed_group()
    await realname_store.import_roster([ZHANG, LI], "test.csv")
    yesterday = datetime.now(UTC) - timedelta(days=1)
    await record(yesterday, category="rumor", message_id=9, seconds=2, article=8)
    await record(
        yesterday + timedelta(seconds=2), action="mute", category="rumor", message_id=9, seconds=3
    )


def expect_members(ctx: ApiContext, *members: dict) -> None:
    ctx.should_call_api(
        "get_group_member_list", {"group_id": accounts.GROUP, "no_cache": True}, list(members)
    )


def expect_private(ctx: ApiContext, user_id: int) -> Capture:
    message = Capture()
    ctx.should_call_api(
        "send_private_msg", {"user_id": user_id, "message": message}, {"message_id": 1}
    )
    return message


async def test_the_scorecard_goes_to_the_admins_privately_and_the_group_hears_one_line(
    app: App,
) -> None:
    await _a_group_with_a_finding()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/合規報告", accounts.ADMIN))
        expect_members(ctx, *MEMBERS)
        card = expect_private(ctx, accounts.ADMIN)
        expect_group_send(ctx, texts.sent_to_admins())
    lines = card.text.splitlines()
    assert lines[0] == f"【合規報告】群 {accounts.GROUP}（測試群）"
    assert "✓ 備案：已備案" in lines
    assert "✓ 群組管理員：1 人" in lines
    assert "✗ 實名：1/3 人合規（33.3%，即時檢查）" in lines
    assert any(
        line.startswith("✓ 處置：發現 1 起，措施 2 項（未執行或結果未知 0 項）") for line in lines
    )
    assert "發現至處置平均 5.0 秒" in card.text
    assert "　・散布謠言：發現 1，措施 2，平均用時 5.0 秒" in lines
    assert lines[-1] == "需改進 1 項。"
    for private in (str(accounts.MEMBER), str(LI.account), "李四", "小明"):
        assert private not in texts.sent_to_admins()
        assert private not in card.text


async def test_a_unit_leader_asking_gets_it_too_and_an_unreadable_list_is_said(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/compliance", accounts.LEADER))
        ctx.should_call_api(
            "get_group_member_list",
            {"group_id": accounts.GROUP, "no_cache": True},
            exception=ActionFailed(retcode=102, wording="無權限"),
        )
        to_admin = expect_private(ctx, accounts.ADMIN)
        to_leader = expect_private(ctx, accounts.LEADER)
        expect_group_send(ctx, texts.sent_to_admins())
    assert to_admin.text == to_leader.text
    lines = to_admin.text.splitlines()
    assert "✗ 實名：無法讀取成員名單，未能檢查" in lines
    assert lines[-1] == "需改進 1 項。"


async def test_without_registered_admins_the_caller_gets_it(app: App) -> None:
    await filed_group(admins=())
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/合规报告", accounts.DEPARTMENT))
        expect_members(ctx, *MEMBERS[:2])
        card = expect_private(ctx, accounts.DEPARTMENT)
        expect_group_send(ctx, texts.SENT_TO_CALLER)
    assert "✗ 群組管理員：未登記" in card.text.splitlines()


async def test_the_scorecard_is_refused_to_members_and_in_unfiled_groups(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/合規報告", accounts.MEMBER))
        expect_group_send(ctx, ADMINS_ONLY)
        ctx.receive_event(
            bot, group_msg("/合規報告", accounts.DEPARTMENT, group_id=accounts.OTHER_GROUP)
        )
        expect_group_send(ctx, registry_texts.not_filed(), group_id=accounts.OTHER_GROUP)


async def test_the_street_report_sends_summary_chart_and_workbook_privately(app: App) -> None:
    await _a_group_with_a_finding()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/全街報告", accounts.DEPARTMENT))
        summary = expect_private(ctx, accounts.DEPARTMENT)
        picture = expect_private(ctx, accounts.DEPARTMENT)
        book = expect_private(ctx, accounts.DEPARTMENT)
    lines = summary.text.splitlines()
    assert lines[0].startswith("【全街報告】測試街道")
    assert "群組 1 個：已備案 1" in lines
    assert "發現最多：散布謠言 1" in lines
    name, data = inline_file(book.value)
    assert name.endswith(".xlsx")
    assert lines[-1] == f"詳見圖表與報表檔案「{name}」。"
    _, png = inline_file(picture.value, "image")
    assert Image.open(io.BytesIO(png)).format == "PNG"
    summary_sheet = load_workbook(io.BytesIO(data))["總表"]
    assert summary_sheet["A2"].value == accounts.GROUP
    assert (summary_sheet["L2"].value, summary_sheet["M2"].value) == (1, 2)  # findings, measures


async def test_a_refused_upload_says_where_the_file_is(app: App) -> None:
    await filed_group()
    file = Capture()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/street_report", accounts.SUPERUSER))
        expect_private(ctx, accounts.SUPERUSER)
        expect_private(ctx, accounts.SUPERUSER)
        ctx.should_call_api(
            "send_private_msg",
            {"user_id": accounts.SUPERUSER, "message": file},
            exception=ActionFailed(retcode=1200, wording="发送消息失败"),
        )
        told = expect_private(ctx, accounts.SUPERUSER)
    name, _ = inline_file(file.value)
    kept = deliver.folder() / name
    assert told.text == texts.file_not_sent("逾時未成：发送消息失败", str(kept))
    assert kept.is_file()


async def test_the_street_report_is_private_and_the_department_s(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/全街報告", accounts.DEPARTMENT))
        expect_group_send(ctx, texts.STREET_PRIVATE_ONLY)
        ctx.receive_event(bot, private_msg("/全街報告", accounts.LEADER))
        expect_private_send(ctx, accounts.LEADER, DEPARTMENT_ONLY)
        ctx.receive_event(bot, group_msg("/全街報告", accounts.ADMIN))
        expect_group_send(ctx, DEPARTMENT_ONLY)
