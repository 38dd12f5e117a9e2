"""Join requests (request/group/add): refused, approved, or left to the admins (Art. 4)."""

from datetime import UTC, datetime

from nonebug import App

from models.measures import BlacklistEntry, MeasureRecord, RecordStatus
from models.realname import RealnameSetting
from models.registry import GroupType
from plugins.realname import store, texts
from plugins.registry import store as registry_store
from tests import accounts
from tests.factories import expect_group_info, expect_private_send, make_bot
from tests.plugins.registry.helpers import filed_group

from .events import expect_answer, join_request
from .people import LI, ZHANG


async def _roster() -> None:
    await store.import_roster([ZHANG, LI], "test.csv")


async def test_a_blacklisted_account_is_refused_with_a_record(app: App) -> None:
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER, reason="廣告")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(accounts.STRANGER, "我是張三"))
        expect_group_info(ctx)
        expect_answer(ctx, False, texts.JOIN_BLACKLISTED)
    record = await MeasureRecord.get()
    assert (record.action, record.article, record.category, record.target) == (
        "join_refuse",
        4,
        "blacklisted",
        accounts.STRANGER,
    )
    assert (record.status, record.group_id, record.unit) == (
        RecordStatus.DONE,
        accounts.GROUP,
        "XX社區",
    )


async def test_a_lifted_blacklist_entry_no_longer_refuses(app: App) -> None:
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER, lifted_at=datetime.now(UTC))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(accounts.STRANGER, "路人"))
        expect_group_info(ctx)
        notice = texts.join_request_notice(
            accounts.GROUP, "XX社區", accounts.STRANGER, "路人", texts.JOIN_NO_ROSTER, ""
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
    assert await MeasureRecord.all().count() == 0


async def test_a_full_group_refuses_and_tells_the_admins(app: App) -> None:
    group = await filed_group()
    await RealnameSetting.create(group=group, member_cap=30, changed_by=accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(accounts.STRANGER))
        expect_group_info(ctx, members=30)
        expect_answer(ctx, False, texts.join_full(30))
        notice = texts.join_full_notice(accounts.GROUP, "XX社區", accounts.STRANGER, 30)
        expect_private_send(ctx, accounts.ADMIN, notice)
    record = await MeasureRecord.get()
    assert (record.action, record.category) == ("join_refuse", "full")


async def test_the_default_cap_follows_type_and_grade(app: App) -> None:
    # An internal group of 500 members is 二級 (size +2): its default cap is 500, so it is full.
    await filed_group(group_type=GroupType.INTERNAL)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(accounts.STRANGER))
        expect_group_info(ctx, members=500)
        expect_answer(ctx, False, texts.join_full(500))
        expect_private_send(
            ctx,
            accounts.ADMIN,
            texts.join_full_notice(accounts.GROUP, "XX社區", accounts.STRANGER, 500),
        )


async def test_a_roster_answer_is_approved_where_the_group_allows_it(app: App) -> None:
    group = await filed_group()
    await RealnameSetting.create(group=group, auto_approve=True, changed_by=accounts.ADMIN)
    await _roster()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(ZHANG.account, "問題：單位和姓名\n答案：XX社区 张三"))
        expect_group_info(ctx)
        expect_answer(ctx, True)
    record = await MeasureRecord.get()
    assert (record.action, record.category, record.status) == (
        "join_approve",
        "roster_match",
        RecordStatus.DONE,
    )


async def test_without_auto_approval_the_admins_are_told_who_asked(app: App) -> None:
    await filed_group()
    await _roster()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(ZHANG.account, "問題：姓名\n答案：張三"))
        expect_group_info(ctx)
        listed = texts.roster_person("XX社區", "張三", "在崗")
        notice = texts.join_request_notice(
            accounts.GROUP, "XX社區", ZHANG.account, "張三", texts.JOIN_AUTO_APPROVE_OFF, listed
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
    assert await MeasureRecord.all().count() == 0


async def test_a_departed_person_waits_for_the_admins_even_with_auto_approval(app: App) -> None:
    group = await filed_group()
    await RealnameSetting.create(group=group, auto_approve=True, changed_by=accounts.ADMIN)
    await _roster()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(LI.account, "李四"))
        expect_group_info(ctx)
        listed = texts.roster_person("XX社區", "李四", "調離")
        notice = texts.join_request_notice(
            accounts.GROUP, "XX社區", LI.account, "李四", texts.JOIN_DEPARTED, listed
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
    assert await MeasureRecord.all().count() == 0


async def test_nothing_happens_where_the_duty_is_off_unfiled_or_for_an_invitation(
    app: App,
) -> None:
    group = await filed_group()
    await registry_store.switch(group, "realname", False, accounts.ADMIN)
    await BlacklistEntry.create(user_id=accounts.STRANGER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(accounts.STRANGER))  # duty off
        ctx.receive_event(bot, join_request(accounts.STRANGER, group_id=accounts.OTHER_GROUP))
        ctx.receive_event(bot, join_request(accounts.STRANGER, sub_type="invite"))
    assert await MeasureRecord.all().count() == 0
