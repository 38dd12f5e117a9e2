"""/清理檢查 and /清理確認: a batch opened now, confirmed removals re-checked, paced and recorded."""

from datetime import timedelta

import pytest
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.clearance import ClearanceBatch, ClearanceItem, Exemption
from models.measures import MeasureRecord, RecordStatus
from plugins.clearance import store, texts
from plugins.clearance.candidates import Candidate
from plugins.realname.wording import street_time
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import (
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    private_msg,
)
from tests.plugins.registry.helpers import filed_group

from .helpers import expect_kick, expect_members, member, next_batch_number, with_roster
from .people import AT, LI, ZHANG, ZHAO

ADMINS_ONLY = registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
NOW = AT + timedelta(days=1)
LEFT = 50003  # was listed, has left the group since
FIXED = ZHAO.account  # was listed as silent, has spoken since
KEPT = 50005  # was listed, kept by /保留 since


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: NOW)


async def test_check_now_opens_a_batch_and_sends_the_list_privately(app: App) -> None:
    group = await filed_group()
    await with_roster()
    number = await next_batch_number(group)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/清理檢查", accounts.ADMIN))
        expect_members(
            ctx,
            member(ZHANG.account, "XX社區-張三"),
            member(accounts.STRANGER, "路人甲"),
            member(LI.account, "XX社區-李四"),
        )
        listed = [
            texts.list_head("XX社區", accounts.GROUP, "", 3, 2, 90),
            texts.batch_line(number, street_time(NOW + timedelta(days=7))),
            texts.member_line("路人甲", accounts.STRANGER, "群名片未實名、不在名冊"),
            texts.member_line("XX社區-李四", LI.account, "已調離"),
        ]
        expect_private_send(ctx, accounts.ADMIN, "\n".join(listed))
        counts = [("card", 1), ("not_on_roster", 1), ("departed", 1)]
        expect_group_send(ctx, texts.check_reply(3, 2, counts, number, 90))
    batch = await ClearanceBatch.get(id=number)
    assert (batch.opened_by, batch.week, batch.confirmed_at) == (accounts.ADMIN, "", None)
    assert [i.user_id for i in await ClearanceItem.filter(batch=batch)] == [
        accounts.STRANGER,
        LI.account,
    ]


async def test_check_with_nobody_to_remove_opens_no_batch(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/sweep", accounts.LEADER))
        expect_members(ctx, member(ZHANG.account, "XX社區-張三"))
        expect_group_send(ctx, texts.check_reply(1, 0, [], None, 90))
        ctx.receive_event(bot, group_msg("/清理检查", accounts.MEMBER))
        expect_group_send(ctx, ADMINS_ONLY)
    assert await ClearanceBatch.all().count() == 0


async def _listed(*people: tuple[int, tuple[str, ...]], days: float = 7) -> ClearanceBatch:
    group = await filed_group()
    await with_roster()
    candidates = [Candidate(uid, "", reasons) for uid, reasons in people]
    return await store.open_batch(group, candidates, at=AT, days=days)


async def test_confirm_removes_only_who_is_still_there_and_still_listed(app: App) -> None:
    batch = await _listed(
        (accounts.STRANGER, ("card", "not_on_roster")),
        (LEFT, ("card", "not_on_roster")),
        (FIXED, ("silent",)),
        (KEPT, ("card", "not_on_roster")),
        (LI.account, ("departed",)),
    )
    await Exemption.create(group=batch.group, user_id=KEPT, reason="駐點", added_by=accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/清理確認 {batch.id}", accounts.ADMIN))
        expect_members(
            ctx,
            member(accounts.STRANGER, "路人甲"),
            member(FIXED, "XX社區-趙六", spoke=NOW - timedelta(days=1)),  # now fine
            member(KEPT, "路人乙"),
            member(LI.account, "XX社區-李四"),
            member(ZHANG.account, "XX社區-張三"),
        )
        expect_group_send(ctx, texts.confirm_started(batch.id, 2, 3))
        expect_kick(ctx, accounts.STRANGER)
        expect_kick(ctx, LI.account)
        notice = texts.leader_cleared("XX社區", accounts.GROUP, batch.id, 2, accounts.ADMIN)
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_group_send(ctx, texts.confirm_done(batch.id, 2, 0))
    records = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.target, r.article, r.actor, r.status) for r in records] == [
        ("clearance", accounts.STRANGER, 4, accounts.ADMIN, RecordStatus.DONE),
        ("clearance", LI.account, 14, accounts.ADMIN, RecordStatus.DONE),
    ]
    assert records[0].detail == {"batch": batch.id, "reasons": ["card", "not_on_roster"]}
    assert records[1].category == "departed"
    items = {i.user_id: i.record_id for i in await ClearanceItem.filter(batch=batch)}
    assert items == {
        accounts.STRANGER: records[0].id,
        LEFT: None,
        FIXED: None,
        KEPT: None,
        LI.account: records[1].id,
    }
    await batch.refresh_from_db()
    assert (batch.confirmed_at, batch.confirmed_by) == (NOW, accounts.ADMIN)
    async with app.test_matcher() as ctx:  # once only
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/sweep_confirm #{batch.id}", accounts.ADMIN))
        expect_group_send(ctx, texts.already_confirmed(batch.id, street_time(NOW)))
    assert await MeasureRecord.all().count() == 2


async def test_an_expired_or_unknown_batch_says_so_and_removes_no_one(app: App) -> None:
    batch = await _listed((accounts.STRANGER, ("card", "not_on_roster")), days=0.5)
    other = await filed_group(accounts.OTHER_GROUP)
    elsewhere = await store.open_batch(
        other, [Candidate(accounts.STRANGER, "", ("card",))], at=NOW, days=7
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/清理確認 {batch.id}", accounts.ADMIN))
        expired = street_time(AT + timedelta(days=0.5))
        expect_group_send(ctx, texts.expired_batch(batch.id, expired))
        ctx.receive_event(bot, group_msg("/清理確認 99999999", accounts.ADMIN))
        expect_group_send(ctx, texts.unknown_batch(99999999))
        ctx.receive_event(bot, group_msg(f"/清理確認 {elsewhere.id}", accounts.ADMIN))
        expect_group_send(ctx, texts.unknown_batch(elsewhere.id))  # another group's batch
        ctx.receive_event(bot, group_msg("/清理確認", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_CONFIRM)
        ctx.receive_event(bot, group_msg(f"/清理確認 {batch.id}", accounts.MEMBER))
        expect_group_send(ctx, ADMINS_ONLY)
    assert await MeasureRecord.all().count() == 0
    assert await ClearanceBatch.filter(confirmed_at__not_isnull=True).count() == 0


async def test_confirm_in_a_private_chat_and_a_refused_removal(app: App) -> None:
    batch = await _listed((accounts.STRANGER, ("card", "not_on_roster")))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/清理確認 {batch.id}", accounts.STRANGER))
        expect_private_send(ctx, accounts.STRANGER, ADMINS_ONLY)
        ctx.receive_event(bot, private_msg(f"/清理確認 {batch.id}", accounts.ADMIN))
        expect_members(ctx, member(accounts.STRANGER, "路人甲"))
        expect_private_send(ctx, accounts.ADMIN, texts.confirm_started(batch.id, 1, 0))
        expect_kick(
            ctx, accounts.STRANGER, exception=ActionFailed(retcode=1200, wording="get Uid Error")
        )
        expect_private_send(ctx, accounts.ADMIN, texts.confirm_done(batch.id, 0, 1))
    record = await MeasureRecord.get()
    assert (record.action, record.status, record.target) == (
        "clearance",
        RecordStatus.FAILED,
        accounts.STRANGER,
    )
    assert "get Uid Error" in record.platform_answer


async def test_a_batch_whose_members_all_left_or_were_fixed_removes_no_one(app: App) -> None:
    batch = await _listed((accounts.STRANGER, ("card", "not_on_roster")), (LEFT, ("silent",)))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/清理確認 {batch.id}", accounts.ADMIN))
        expect_members(ctx, member(accounts.STRANGER, "XX社區-張三", role="admin"))  # now an admin
        expect_group_send(ctx, texts.nothing_left(batch.id, 2))
    await batch.refresh_from_db()
    assert batch.confirmed_by == accounts.ADMIN
    assert await MeasureRecord.all().count() == 0


async def test_confirm_where_the_duty_was_switched_off_removes_no_one(app: App) -> None:
    from plugins.registry import store as registry_store

    batch = await _listed((accounts.STRANGER, ("card", "not_on_roster")))
    await registry_store.switch(batch.group, "clearance", False, accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/清理確認 {batch.id}", accounts.ADMIN))
        expect_group_send(ctx, texts.DUTY_OFF)
    await batch.refresh_from_db()
    assert batch.confirmed_at is None
