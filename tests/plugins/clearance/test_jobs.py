"""The weekly job, run by calling it with `now`: due groups checked once a week, reminders, digest."""

from datetime import date, timedelta

import pytest
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from adapters.message import Mention, Text
from models.clearance import ClearanceBatch, ClearanceItem, ClearanceSetting, WeeklyRun
from models.registry import ActivityDay, Group
from plugins.clearance import texts
from plugins.clearance.jobs import run_due
from plugins.realname.wording import street_time
from plugins.registry import store as registry_store
from tests import accounts
from tests.factories import expect_private_send, make_bot
from tests.plugins.registry.helpers import filed_group

from .helpers import expect_group_parts, expect_members, member, next_batch_number, with_roster
from .people import AT, LI, WEEK, ZHANG, ZHAO

SELF = member(accounts.SELF, "機器人", "admin")
OWNER = member(accounts.OWNER, "XX社區-王群主", "owner")
ADMIN = member(accounts.ADMIN, "XX社區-李管理", "admin")


@pytest.fixture(autouse=True)
def _failures_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The job logs a group's failure and goes on; in these tests a failure fails the test
    (an API call nobody expected included)."""
    from plugins.clearance import jobs

    def fail(message: str, *args: object, **kwargs: object) -> None:
        raise AssertionError(message)

    monkeypatch.setattr(jobs.logger, "exception", fail)


async def _runs() -> list[tuple[str, str, bool]]:
    return [(r.week, r.kind, r.finished_at is not None) for r in await WeeklyRun.all()]


async def test_a_due_group_is_checked_posted_and_listed_once_a_week(app: App) -> None:
    group = await filed_group()
    await with_roster()
    number = await next_batch_number(group)
    members = [
        SELF,
        OWNER,
        ADMIN,
        member(ZHANG.account, "XX社區-張三"),
        member(accounts.STRANGER, "路人甲"),
        member(LI.account, "XX社區-李四"),
        member(ZHAO.account, "XX社區-趙六", spoke=AT - timedelta(days=120)),
    ]
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_members(ctx, *members)
        counts = texts.weekly_counts(
            6, 3, [("card", 1), ("not_on_roster", 1), ("departed", 1), ("silent", 1)], 0, 90
        )
        head = f"{counts}\n{texts.fix_card('單位-姓名')}\n"
        expect_group_parts(ctx, (Text(head), Mention(accounts.STRANGER)))
        listed = [
            texts.list_head("XX社區", accounts.GROUP, WEEK, 6, 3, 90),
            texts.batch_line(number, street_time(AT + timedelta(days=7))),
            texts.member_line("路人甲", accounts.STRANGER, "群名片未實名、不在名冊"),
            texts.member_line("XX社區-李四", LI.account, "已調離"),
            texts.member_line("XX社區-趙六", ZHAO.account, "超過 90 天未發言"),
        ]
        expect_private_send(ctx, accounts.ADMIN, "\n".join(listed))
        await run_due(AT)
        # Later the same week, and after "restarts" (the job asks the database): nothing again.
        await run_due(AT + timedelta(hours=1))
        await run_due(AT + timedelta(days=4))
    assert await _runs() == [(WEEK, "members", True)]
    batch = await ClearanceBatch.get(id=number)
    assert (batch.week, batch.opened_by, batch.expires_at) == (WEEK, None, AT + timedelta(days=7))
    items = await ClearanceItem.filter(batch=batch).order_by("id")
    assert [(i.user_id, i.reasons) for i in items] == [
        (accounts.STRANGER, ["card", "not_on_roster"]),
        (LI.account, ["departed"]),
        (ZHAO.account, ["silent"]),
    ]


async def test_the_next_week_is_checked_again(app: App) -> None:
    await filed_group()
    quiet = [SELF, OWNER, ADMIN]
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_members(ctx, *quiet)
        expect_group_parts(ctx, (Text(texts.weekly_counts(2, 0, [], 0, 90)),))
        await run_due(AT)
        expect_members(ctx, *quiet)
        expect_group_parts(ctx, (Text(texts.weekly_counts(2, 0, [], 0, 90)),))
        await run_due(AT + timedelta(days=7))
    assert [(w, k) for w, k, _ in await _runs()] == [(WEEK, "members"), ("2026-W11", "members")]


async def test_not_before_the_slot_nor_where_the_duty_is_off(app: App) -> None:
    group = await filed_group()
    async with app.test_api() as ctx:
        make_bot(ctx)
        await run_due(AT - timedelta(hours=2))  # Monday 08:00 in the street: not yet
        setting = await ClearanceSetting.create(
            group=group, weekday=4, hour=15, minute=0, changed_by=accounts.ADMIN
        )
        await run_due(AT)  # the group moved its check to Friday 15:00
        await setting.delete()
        await registry_store.switch(group, "clearance", False, accounts.ADMIN)
        await run_due(AT)
        await Group.filter(id=group.id).update(status="待批准")
        await registry_store.switch(group, "clearance", True, accounts.ADMIN)
        await run_due(AT)  # a group waiting for approval is not managed yet
    assert await _runs() == []


async def test_nothing_is_claimed_while_the_members_cannot_be_listed(app: App) -> None:
    await filed_group()
    await run_due(AT)  # no bot connected: nothing at all
    async with app.test_api() as ctx:
        make_bot(ctx)
        ctx.should_call_api(
            "get_group_member_list",
            {"group_id": accounts.GROUP, "no_cache": True},
            exception=ActionFailed(retcode=200, wording="busy"),
        )
        await run_due(AT)
        assert await _runs() == []
        expect_members(ctx, SELF, OWNER)
        expect_group_parts(ctx, (Text(texts.weekly_counts(1, 0, [], 0, 90)),))
        await run_due(AT + timedelta(minutes=5))  # the next look runs the missed check
    assert await _runs() == [(WEEK, "members", True)]


async def test_a_departed_admin_is_kept_and_flagged_to_the_unit_leader(app: App) -> None:
    await filed_group()
    await with_roster()
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_members(ctx, OWNER, member(LI.account, "XX社區-李四", "admin"))
        counts = texts.weekly_counts(2, 1, [("departed", 1)], 0, 90)
        expect_group_parts(ctx, (Text(counts),))
        listed = [
            texts.list_head("XX社區", accounts.GROUP, WEEK, 2, 0, 90),
            texts.kept_line("XX社區-李四", LI.account, "已調離"),
        ]
        expect_private_send(ctx, accounts.ADMIN, "\n".join(listed))
        notice = texts.departed_admin_notice("XX社區", accounts.GROUP, "XX社區-李四", LI.account)
        expect_private_send(ctx, accounts.LEADER, notice)
        await run_due(AT)
    assert await ClearanceBatch.all().count() == 0  # nobody the bot may remove


async def test_finished_and_dormant_groups_are_reminded_and_listed_once_a_week(app: App) -> None:
    done = await filed_group()
    await Group.filter(id=done.id).update(
        filed_at=AT - timedelta(days=100),
        finished_at=AT - timedelta(days=2),
        finished_reason="活動結束",
    )
    dormant = await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    await Group.filter(id=dormant.id).update(filed_at=AT - timedelta(days=100))
    await ActivityDay.create(group=dormant, day=date(2025, 12, 12), messages=3)  # its last day
    await registry_store.switch(dormant, "clearance", False, accounts.OWNER)  # listed all the same
    finished_line = texts.idle_line("測試群", accounts.GROUP, "2026-02-28", "活動結束", 0, "")
    dormant_line = texts.idle_line("測試群", accounts.OTHER_GROUP, None, "", 79, "2025-12-13")
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_members(ctx, OWNER)
        expect_group_parts(ctx, (Text(texts.weekly_counts(1, 0, [], 0, 90)),))
        reminder = texts.dissolve_reminder("XX社區", finished_line, True)
        expect_private_send(ctx, accounts.ADMIN, reminder)
        expect_private_send(ctx, accounts.LEADER, reminder)
        digest = "\n".join(
            [
                texts.digest_head(2),
                texts.digest_line("XX社區", finished_line),
                texts.digest_line("XX村", dormant_line),
            ]
        )
        expect_private_send(ctx, accounts.DEPARTMENT, digest)
        expect_private_send(ctx, accounts.SUPERUSER, digest)
        await run_due(AT)
        await run_due(AT + timedelta(hours=3))
    assert sorted(await _runs()) == [
        (WEEK, "digest", False),
        (WEEK, "digest", False),
        (WEEK, "dormant", True),
        (WEEK, "members", True),
    ]


async def test_a_run_taken_over_after_a_crash_does_only_the_steps_not_done(app: App) -> None:
    """A process killed after the group post: the one taking over lists, and posts nothing."""
    from core import lease
    from models.cluster import JobLease
    from plugins.clearance.jobs import run_key

    group = await filed_group()
    await with_roster()
    members = [SELF, OWNER, ADMIN, member(accounts.STRANGER, "路人甲")]
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_members(ctx, *members)
        counts = texts.weekly_counts(3, 1, [("card", 1), ("not_on_roster", 1)], 0, 90)
        head = f"{counts}\n{texts.fix_card('單位-姓名')}\n"
        expect_group_parts(ctx, (Text(head), Mention(accounts.STRANGER)))  # then the crash
        await _crash_after_the_post(group)
    run = await WeeklyRun.get(group=group)
    assert (run.posted_at is not None, run.listed_at, run.finished_at) == (True, None, None)
    first_batch = await ClearanceBatch.get(group=group)
    await JobLease.filter(key=run_key(group, WEEK)).update(expires_at=AT)  # the lease ran out
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_members(ctx, *members)
        listed = [
            texts.list_head("XX社區", accounts.GROUP, WEEK, 3, 1, 90),
            texts.batch_line(first_batch.id, street_time(AT + timedelta(days=7))),
            texts.member_line("路人甲", accounts.STRANGER, "群名片未實名、不在名冊"),
        ]
        expect_private_send(ctx, accounts.ADMIN, "\n".join(listed))  # no group post again
        await run_due(AT)
    assert await _runs() == [(WEEK, "members", True)]
    assert await ClearanceBatch.filter(group=group).count() == 1
    assert not await lease.claim(run_key(group, WEEK))  # done for the week


async def _crash_after_the_post(group: Group) -> None:
    """run_due as far as the group post, then the process dies (the list never goes out)."""
    from plugins.clearance import weekly

    async def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # nothing after it runs, as after kill -9

    original = weekly.send_list
    weekly.send_list = killed
    try:
        with pytest.raises(KeyboardInterrupt):
            await run_due(AT)
    finally:
        weekly.send_list = original
