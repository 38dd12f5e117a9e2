"""/群檔案: what a filed group shows, and how people are named in it."""

from datetime import UTC, datetime

from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.registry import Group, GroupStatus, GroupType
from tests import accounts
from tests.factories import (
    expect_group_info,
    expect_group_send,
    group_msg,
    make_bot,
)
from tests.plugins.registry.helpers import expect_member_info, filed_group, switch_off

# --- /群檔案 -------------------------------------------------------------------------------


async def test_profile_of_an_unfiled_group_says_how_to_file(app: App) -> None:
    from plugins.registry import texts

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案"))
        expect_group_send(ctx, texts.not_filed())

    assert await Group.all().count() == 0


async def test_profile_shows_unit_type_status_grade_and_admins_by_card(app: App) -> None:
    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    await Group.filter(group_id=accounts.GROUP).update(purpose="社區工作通知")
    await switch_off("privacy")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案", accounts.MEMBER))
        expect_group_info(ctx)
        expect_member_info(ctx, accounts.ADMIN, card="XX社區-張三")
        expect_member_info(ctx, accounts.OWNER, nickname="李四")  # no card: the nickname
        expect_group_send(
            ctx,
            "\n".join(
                [
                    "【群檔案】",
                    "建群單位：XX社區",
                    "類型：內部　狀態：已備案　分級：三級",
                    "用途：社區工作通知",
                    "群組管理員：XX社區-張三、李四",
                    "開啟的功能：實名、清理、保密、內容",
                    "關閉的功能：隱私",
                ]
            ),
        )


async def test_profile_grade_follows_type_and_live_member_count(app: App) -> None:
    from plugins.registry import texts

    await filed_group(status=GroupStatus.APPROVED, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/profile"))
        # 群眾 +2, 500 members +2: 一級, from the platform's count, not the stored 30.
        expect_group_info(ctx, members=500)
        expect_member_info(ctx, accounts.ADMIN, card="張三")
        expect_group_send(
            ctx,
            texts.profile(
                unit="XX社區",
                group_type="群眾",
                status="已批准",
                grade="一級",
                admins=["張三"],
                duties_on=["實名", "清理", "保密", "內容", "隱私"],
                duties_off=[],
                purpose="",
                finished=None,
            ),
        )


async def test_an_admin_the_platform_cannot_describe_is_shown_masked(app: App) -> None:
    from plugins.registry import texts
    from plugins.registry.people import masked_account

    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案"))
        expect_group_info(ctx)
        expect_member_info(ctx, accounts.ADMIN, card="張三")
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": accounts.GROUP, "user_id": accounts.OWNER, "no_cache": True},
            exception=ActionFailed(retcode=100),
        )
        masked = masked_account(accounts.OWNER)
        text = texts.profile(
            unit="XX社區",
            group_type="內部",
            status="已備案",
            grade="三級",
            admins=["張三", masked],
            duties_on=["實名", "清理", "保密", "內容", "隱私"],
            duties_off=[],
            purpose="",
            finished=None,
        )
        expect_group_send(ctx, text)

    assert masked == "40*02"
    assert str(accounts.OWNER) not in text
    assert "群組管理員：張三、40*02" in text


async def test_a_finished_group_shows_when_in_local_time(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    # 20:00 UTC on 1 March is already 2 March in Asia/Shanghai.
    await Group.filter(group_id=accounts.GROUP).update(
        finished_at=datetime(2025, 3, 1, 20, 0, tzinfo=UTC), finished_reason="活動結束"
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群檔案"))
        expect_group_info(ctx)
        expect_member_info(ctx, accounts.ADMIN, card="張三")
        expect_group_send(
            ctx,
            texts.profile(
                unit="XX社區",
                group_type="內部",
                status="已備案",
                grade="三級",
                admins=["張三"],
                duties_on=["實名", "清理", "保密", "內容", "隱私"],
                duties_off=[],
                purpose="",
                finished="2025-03-02 活動結束",
            ),
        )
