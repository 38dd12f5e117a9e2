"""/警告 /禁言 /解禁 /移出 /記錄: each measure through the service, one record each."""

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from core.durations import format_duration
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import texts
from plugins.measures.parse import parse_duration
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import (
    expect_gone,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    message,
)
from tests.plugins.registry.helpers import filed_group


def expect_mention(ctx, user_id: int, text: str) -> None:  # type: ignore[no-untyped-def]
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": accounts.GROUP,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )


async def test_mute_is_recorded_carried_out_announced_and_reported(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/禁言 ", accounts.MEMBER) + " 2h 刷屏", accounts.ADMIN)
        )
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 7200},
            None,
        )
        expect_mention(ctx, accounts.MEMBER, texts.muted(7200, "刷屏"))
        expect_private_send(
            ctx,
            accounts.LEADER,
            texts.leader_notice(
                accounts.GROUP, "XX社區", texts.what_muted(7200, "刷屏"), accounts.ADMIN
            ),
        )

    record = await MeasureRecord.get()
    assert (record.action, record.article, record.target, record.actor) == (
        "mute",
        10,
        accounts.MEMBER,
        accounts.ADMIN,
    )
    assert (record.status, record.detail, record.reason) == (
        RecordStatus.DONE,
        {"seconds": 7200},
        "刷屏",
    )
    assert record.outcome_digest


async def test_a_refused_mute_is_recorded_as_failed_and_the_admin_told(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/mute {accounts.OWNER} 10m", accounts.ADMIN))
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.OWNER, "duration": 600},
            exception=ActionFailed(status="failed", retcode=1200, wording="user not in group"),
        )
        expect_group_send(ctx, texts.platform_refused("不在群中：user not in group"))

    record = await MeasureRecord.get()
    assert record.status == RecordStatus.FAILED
    assert "user not in group" in record.platform_answer


async def test_bad_durations_get_the_usage_line_and_record_nothing(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for bad in ("30d", "0m", "2x", ""):
            ctx.receive_event(
                bot, group_msg(message("/禁言 ", accounts.MEMBER) + f" {bad}", accounts.ADMIN)
            )
            expect_group_send(ctx, texts.USAGE_MUTE)
        ctx.receive_event(bot, group_msg("/禁言 某人 2h", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_MUTE)
    assert await MeasureRecord.all().count() == 0


async def test_warning_is_recorded_without_a_platform_action(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/警告 ", accounts.MEMBER) + " 廣告", accounts.LEADER)
        )
        expect_mention(ctx, accounts.MEMBER, texts.warned("廣告"))
    record = await MeasureRecord.get()
    assert (record.action, record.status, record.actor) == (
        "warning",
        RecordStatus.DONE,
        accounts.LEADER,
    )


async def test_unmute_and_kick(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(message("/解禁 ", accounts.MEMBER), accounts.ADMIN))
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 0},
            None,
        )
        expect_mention(ctx, accounts.MEMBER, texts.UNMUTED)
        ctx.receive_event(
            bot, group_msg(message("/移出 ", accounts.MEMBER) + " 非本單位人員", accounts.ADMIN)
        )
        ctx.should_call_api(
            "set_group_kick",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "reject_add_request": False},
            None,
        )
        expect_gone(ctx, accounts.GROUP, accounts.MEMBER)
        expect_group_send(ctx, texts.kicked("非本單位人員"))
        expect_private_send(
            ctx,
            accounts.LEADER,
            texts.leader_notice(
                accounts.GROUP, "XX社區", texts.what_kicked("非本單位人員"), accounts.ADMIN
            ),
        )
    assert [r.action for r in await MeasureRecord.all().order_by("id")] == ["unmute", "kick"]


async def test_no_measure_on_oneself_or_the_bot(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(message("/移出 ", accounts.ADMIN), accounts.ADMIN))
        expect_group_send(ctx, texts.NOT_SELF)
        ctx.receive_event(bot, group_msg(message("/警告 ", accounts.SELF), accounts.ADMIN))
        expect_group_send(ctx, texts.NOT_SELF)
    assert await MeasureRecord.all().count() == 0


async def test_a_member_may_not_mute(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/禁言 ", accounts.STRANGER) + " 1h", accounts.MEMBER)
        )
        expect_group_send(
            ctx, registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
        )
    assert await MeasureRecord.all().count() == 0


async def test_records_are_sent_privately(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/警告 ", accounts.MEMBER) + " 一", accounts.ADMIN)
        )
        expect_mention(ctx, accounts.MEMBER, texts.warned("一"))
        ctx.receive_event(bot, group_msg(message("/記錄 ", accounts.STRANGER), accounts.ADMIN))
        expect_private_send(ctx, accounts.ADMIN, texts.NO_RECORDS)
        expect_group_send(ctx, texts.RECORDS_SENT)
    # The full listing names accounts: it only ever goes out privately.
    record = await MeasureRecord.get()
    from plugins.measures.wording import record_line

    line = record_line(record)
    assert line.startswith(f"#{record.id} ")
    assert "警告（第十條）" in line
    assert str(accounts.MEMBER) in line


def test_durations() -> None:
    assert parse_duration("10m") == 600
    assert parse_duration("2H") == 7200
    assert parse_duration("3d") == 3 * 86400
    assert parse_duration("2小時") == 7200
    assert parse_duration("29d") == 29 * 86400
    assert parse_duration("30d") is None
    assert parse_duration("720h") is None
    assert parse_duration("-1m") is None
    assert parse_duration("m") is None
    assert format_duration(7200) == "2小時"
    assert format_duration(90061) == "1天1小時1分鐘"
