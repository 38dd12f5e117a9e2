"""The deadline re-check job: due deadlines are read from the database and enforced."""

from datetime import timedelta

import pytest
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.measures import MeasureRecord, RecordStatus
from models.realname import CardDeadline, DeadlineStatus, RealnameSetting
from plugins.realname import store, texts
from plugins.realname.deadlines import recheck
from plugins.registry import store as registry_store
from tests import accounts
from tests.factories import expect_member, expect_private_send, make_bot, member
from tests.plugins.registry.helpers import filed_group

from .events import FIXED_NOW, expect_kick
from .people import ZHANG

LATER = FIXED_NOW + timedelta(hours=25)
HEAD = texts.deadline_head(accounts.GROUP, "XX社區", "單位-姓名")


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: LATER)


async def _due(*users: int, hours: float = 24) -> None:
    for user in users:
        await store.open_deadline(
            platform="qq",
            bot_id=str(accounts.SELF),
            group_id=accounts.GROUP,
            user_id=user,
            joined_at=FIXED_NOW,
            deadline=FIXED_NOW + timedelta(hours=hours),
        )


async def _statuses() -> dict[int, DeadlineStatus]:
    return {r.user_id: r.status for r in await CardDeadline.all()}


async def _remove_after_deadline() -> None:
    group = await filed_group()
    await RealnameSetting.create(group=group, remove_after_deadline=True, changed_by=accounts.ADMIN)


async def test_a_card_fixed_meanwhile_is_cleared(app: App) -> None:
    await filed_group()
    await store.import_roster([ZHANG], "test.csv")
    await _due(ZHANG.account)
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_member(ctx, ZHANG.account, "XX社区-张三")
        await recheck(LATER)
    assert await _statuses() == {ZHANG.account: DeadlineStatus.CLEARED}


async def test_past_the_deadline_the_admins_are_told_and_the_member_kept(app: App) -> None:
    await filed_group()
    await _due(accounts.STRANGER)
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_member(ctx, accounts.STRANGER, "小明")
        line = texts.member_line("小明", accounts.STRANGER, texts.OUTCOME_KEPT)
        expect_private_send(ctx, accounts.ADMIN, f"{HEAD}\n{line}")
        await recheck(LATER)
    assert await _statuses() == {accounts.STRANGER: DeadlineStatus.LAPSED}
    assert await MeasureRecord.all().count() == 0


async def test_where_the_group_chose_so_the_member_is_removed_with_a_record(app: App) -> None:
    await _remove_after_deadline()
    await _due(accounts.STRANGER, accounts.OWNER)
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_member(ctx, accounts.STRANGER, "")
        expect_kick(ctx, accounts.STRANGER)
        expect_member(ctx, accounts.OWNER, "群主", role="owner")  # never removed
        lines = [
            texts.member_line(f"u{accounts.STRANGER}", accounts.STRANGER, texts.OUTCOME_REMOVED),
            texts.member_line("群主", accounts.OWNER, texts.OUTCOME_EXEMPT),
        ]
        expect_private_send(ctx, accounts.ADMIN, "\n".join([HEAD, *lines]))
        await recheck(LATER)
    assert await _statuses() == {
        accounts.STRANGER: DeadlineStatus.REMOVED,
        accounts.OWNER: DeadlineStatus.LAPSED,
    }
    record = await MeasureRecord.get()
    assert (record.action, record.category, record.target, record.status) == (
        "kick",
        "card_deadline",
        accounts.STRANGER,
        RecordStatus.DONE,
    )
    row = await CardDeadline.get(user_id=accounts.STRANGER)
    assert row.record_id == record.id


async def test_the_organisation_s_people_are_never_removed_at_a_deadline(app: App) -> None:
    await _remove_after_deadline()
    await _due(accounts.DEPARTMENT)
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_member(ctx, accounts.DEPARTMENT, "")  # a plain member without a card, but staff
        line = texts.member_line(
            f"u{accounts.DEPARTMENT}", accounts.DEPARTMENT, texts.OUTCOME_EXEMPT
        )
        expect_private_send(ctx, accounts.ADMIN, f"{HEAD}\n{line}")
        await recheck(LATER)
    assert await _statuses() == {accounts.DEPARTMENT: DeadlineStatus.LAPSED}
    assert await MeasureRecord.all().count() == 0


async def test_a_refused_removal_is_recorded_and_reported(app: App) -> None:
    await _remove_after_deadline()
    await _due(accounts.STRANGER)
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_member(ctx, accounts.STRANGER, "亂寫")
        expect_kick(
            ctx, accounts.STRANGER, exception=ActionFailed(retcode=1200, wording="get Uid Error")
        )
        outcome = texts.outcome_failed("不在群中：get Uid Error")
        line = texts.member_line("亂寫", accounts.STRANGER, outcome)
        expect_private_send(ctx, accounts.ADMIN, f"{HEAD}\n{line}")
        await recheck(LATER)
    assert await _statuses() == {accounts.STRANGER: DeadlineStatus.LAPSED}
    assert (await MeasureRecord.get()).status == RecordStatus.FAILED


async def test_a_member_who_left_unseen_is_closed_quietly(app: App) -> None:
    await filed_group()
    await _due(accounts.STRANGER, accounts.MEMBER)
    gone = ActionFailed(retcode=100, wording="not found")
    async with app.test_api() as ctx:
        make_bot(ctx)
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": accounts.GROUP, "user_id": accounts.STRANGER, "no_cache": True},
            exception=gone,
        )
        ctx.should_call_api(
            "get_group_member_list",
            {"group_id": accounts.GROUP, "no_cache": True},
            [member(accounts.ADMIN)],
        )
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "no_cache": True},
            exception=gone,
        )
        await recheck(LATER)
    assert await _statuses() == {
        accounts.STRANGER: DeadlineStatus.LEFT,
        accounts.MEMBER: DeadlineStatus.LEFT,
    }


async def test_when_the_platform_cannot_say_the_deadline_stays_open(app: App) -> None:
    await filed_group()
    await _due(accounts.STRANGER)
    async with app.test_api() as ctx:
        make_bot(ctx)
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": accounts.GROUP, "user_id": accounts.STRANGER, "no_cache": True},
            exception=ActionFailed(retcode=200, wording="busy"),
        )
        ctx.should_call_api(
            "get_group_member_list",
            {"group_id": accounts.GROUP, "no_cache": True},
            exception=ActionFailed(retcode=200, wording="busy"),
        )
        await recheck(LATER)
    assert await _statuses() == {accounts.STRANGER: DeadlineStatus.OPEN}


async def test_deadlines_not_yet_due_and_groups_without_a_bot_wait(app: App) -> None:
    await filed_group()
    await _due(accounts.STRANGER, hours=48)
    await _due(accounts.MEMBER)
    async with app.test_api() as ctx:
        make_bot(ctx)
        await recheck(LATER - timedelta(hours=2))  # nothing due yet: no call at all
    await recheck(LATER)  # due, but no bot is connected
    assert await _statuses() == {
        accounts.STRANGER: DeadlineStatus.OPEN,
        accounts.MEMBER: DeadlineStatus.OPEN,
    }


async def test_a_group_that_switched_the_duty_off_has_its_deadlines_cancelled(app: App) -> None:
    group = await filed_group()
    await _due(accounts.STRANGER)
    await registry_store.switch(group, "realname", False, accounts.ADMIN)
    async with app.test_api() as ctx:
        make_bot(ctx)
        await recheck(LATER)
    assert await _statuses() == {accounts.STRANGER: DeadlineStatus.CANCELLED}
