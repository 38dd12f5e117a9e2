"""/實名檢查, /名片格式, /實名設定: registered admins check and shape the group's real-name rules."""

from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from models.realname import CardDeadline, DeadlineStatus, RealnameSetting
from plugins.realname import store, texts
from plugins.registry import store as registry_store
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import (
    expect_group_info,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    member,
)
from tests.plugins.registry.helpers import filed_group

from .people import LI, ZHANG

ADMINS_ONLY = registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])


def expect_member_list(ctx: ApiContext, *members: dict) -> None:
    ctx.should_call_api(
        "get_group_member_list", {"group_id": accounts.GROUP, "no_cache": True}, list(members)
    )


async def _deadline(user_id: int) -> None:
    await store.open_deadline(
        platform="qq",
        bot_id=str(accounts.SELF),
        group_id=accounts.GROUP,
        user_id=user_id,
        joined_at=store.now(),
        deadline=store.now(),
    )


async def test_check_counts_in_the_group_and_names_privately(app: App) -> None:
    await filed_group()
    await store.import_roster([ZHANG, LI], "test.csv")
    await _deadline(ZHANG.account)  # fixed meanwhile: the check clears it
    await _deadline(accounts.STRANGER)  # no longer in the group: the check closes it
    members = [
        member(accounts.SELF, "機器人", "admin"),  # not counted
        member(ZHANG.account, "XX社区—张三"),
        member(LI.account, "XX社區-李四"),
        member(accounts.OWNER, "", "owner"),
        member(accounts.MEMBER, "XX社區-路人"),
    ]
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/實名檢查", accounts.ADMIN))
        expect_member_list(ctx, *members)
        lines = [
            texts.check_line("XX社區-李四", LI.account, "departed"),
            texts.check_line(f"u{accounts.OWNER}", accounts.OWNER, "malformed"),
            texts.check_line("XX社區-路人", accounts.MEMBER, "unknown_person"),
        ]
        head = texts.check_list_header(accounts.GROUP, "XX社區", 3, "單位-姓名")
        expect_private_send(ctx, accounts.ADMIN, "\n".join([head, *lines]))
        counts = texts.check_counts(
            4, 1, [("malformed", 1), ("unknown_person", 1), ("departed", 1)]
        )
        expect_group_send(ctx, f"{counts}\n{texts.CHECK_SENT}")
    # The group hears counts only: no name, no account.
    for shown in ("李四", "路人", str(LI.account), str(accounts.MEMBER)):
        assert shown not in counts
    assert {r.user_id: r.status for r in await CardDeadline.all()} == {
        ZHANG.account: DeadlineStatus.CLEARED,
        accounts.STRANGER: DeadlineStatus.LEFT,
    }


async def test_check_with_everyone_compliant_sends_nothing_privately(app: App) -> None:
    await filed_group()
    await store.import_roster([ZHANG], "test.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/realname", accounts.LEADER))
        expect_member_list(ctx, member(ZHANG.account, "XX社區-張三"))
        expect_group_send(ctx, texts.check_counts(1, 1, []))


async def test_check_refusals(app: App) -> None:
    group = await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/實名檢查", accounts.MEMBER))
        expect_group_send(ctx, ADMINS_ONLY)
        ctx.receive_event(bot, group_msg("/实名检查", accounts.ADMIN))
        ctx.should_call_api(
            "get_group_member_list",
            {"group_id": accounts.GROUP, "no_cache": True},
            exception=ActionFailed(retcode=102, wording="權限不足"),
        )
        expect_group_send(ctx, texts.members_unreadable("權限不足：權限不足"))
    await registry_store.switch(group, "realname", False, accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/實名檢查", accounts.ADMIN))
        expect_group_send(ctx, texts.DUTY_OFF)


async def test_card_format_shown_set_refused_and_reset(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/名片格式", accounts.ADMIN))
        now = texts.card_format_now("單位-姓名", "XX社區-張三", False)
        expect_group_send(ctx, f"{now}\n{texts.USAGE_CARD_FORMAT}")
        ctx.receive_event(bot, group_msg("/名片格式 {姓名}／{職務}", accounts.ADMIN))
        expect_group_send(ctx, texts.card_format_set("姓名/職務", "張三"))
        ctx.receive_event(bot, group_msg("/card_format {部門}-姓名", accounts.ADMIN))
        expect_group_send(
            ctx,
            texts.card_rule_invalid(
                texts.CARD_FORMAT_SETTING, "{部門}-姓名", texts.card_rule_unknown_field("部門")
            ),
        )
        ctx.receive_event(bot, group_msg("/名片格式 單位-姓名", accounts.MEMBER))
        expect_group_send(ctx, ADMINS_ONLY)
    setting = await RealnameSetting.get()
    assert (setting.card_pattern, setting.changed_by) == ("{姓名}／{職務}", accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/名片格式 预设", accounts.ADMIN))
        expect_group_send(ctx, texts.card_format_set("單位-姓名", "XX社區-張三"))
    await setting.refresh_from_db()
    assert setting.card_pattern == ""


async def test_settings_shown_and_switched(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/實名設定", accounts.ADMIN))
        expect_group_info(ctx, members=30)
        expect_group_send(ctx, texts.settings_shown("單位-姓名", 200, False, False, False, 24))
        ctx.receive_event(bot, group_msg("/實名設定 自动审核 開", accounts.ADMIN))
        expect_group_info(ctx, members=30)
        shown = texts.settings_shown("單位-姓名", 200, False, True, False, 24)
        expect_group_send(ctx, f"{texts.SETTINGS_SAVED}\n{shown}")
        ctx.receive_event(bot, group_msg("/realname_settings cap 300", accounts.ADMIN))
        expect_group_info(ctx, members=30)
        shown = texts.settings_shown("單位-姓名", 300, True, True, False, 24)
        expect_group_send(ctx, f"{texts.SETTINGS_SAVED}\n{shown}")
        ctx.receive_event(bot, group_msg("/實名設定 逾期移出 也許", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_SETTINGS)
    setting = await RealnameSetting.get()
    assert (setting.auto_approve, setting.member_cap, setting.remove_after_deadline) == (
        True,
        300,
        False,
    )
