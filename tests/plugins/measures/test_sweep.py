"""The sweep kept in the database: resumed where it stopped, never removing anyone twice; and a
blacklisted account that shows itself in a managed group is removed then."""

from datetime import UTC, datetime, timedelta

from nonebot.adapters.onebot.v11 import Bot, GroupIncreaseNoticeEvent
from nonebug import App

from models.measures import BlacklistEntry, MeasureRecord, RecordStatus, Sweep, SweepStatus
from models.registry import GroupStatus
from plugins.measures import store, texts
from plugins.measures.measure import Measure
from plugins.measures.presence import QUIET_SECONDS, due
from plugins.measures.sweep import order
from tests import accounts
from tests.factories import expect_private_send, group_msg, make_bot
from tests.plugins.measures.helpers import THIRD_GROUP, expect_kick, expect_lookup
from tests.plugins.registry.helpers import filed_group, switch_off


def ban(target: int = accounts.STRANGER) -> Measure:
    return Measure(
        kind="blacklist",
        article=10,
        action=None,
        group_id=accounts.GROUP,
        target=target,
        actor=accounts.DEPARTMENT,
        unit="XX社區",
        reason="廣告",
    )


async def cut_short(remaining: list[int], done_in: int | None = None) -> Sweep:
    """A sweep as a crash leaves it: its row running; `done_in` its removal there on record."""
    await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.GROUP)
    sweep = await store.open_sweep(ban(), remaining)
    if done_in is not None:
        kick = Measure(
            kind="kick",
            article=10,
            action=None,
            group_id=done_in,
            target=accounts.STRANGER,
            detail={"blacklisted": True, "sweep": sweep.id},
        )
        record = await store.open_record(kick)
        await store.seal(record, RecordStatus.DONE, "ok")
    return sweep


def test_the_order_of_a_sweep() -> None:
    assert order([1, 2, 3, 2], first=3) == [3, 1, 2]
    assert order([1, 2, 3], first=9, skip=2) == [1, 3]
    assert order([], first=1) == []


def test_a_removal_is_asked_once_then_not_again_for_a_while() -> None:
    recent: dict[tuple[str, int, int], float] = {("qq", 1, 2): 100.0, ("qq", 9, 9): 0.0}
    assert not due(("qq", 1, 2), 100.0 + QUIET_SECONDS, recent)
    assert due(("qq", 1, 3), 100.0, recent)
    assert ("qq", 9, 9) not in recent  # pruned as it goes
    assert due(("qq", 1, 2), 100.0 + QUIET_SECONDS + 1, recent)


async def test_a_sweep_cut_short_resumes_where_it_stopped(app: App) -> None:
    from plugins.measures.sweep import resume

    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    await filed_group(THIRD_GROUP, unit="XX村", admins=(accounts.OWNER,))
    # It had removed the account from GROUP, but crashed before the group left its list.
    sweep = await cut_short([accounts.GROUP, accounts.OTHER_GROUP, THIRD_GROUP], accounts.GROUP)
    async with app.test_api() as ctx:
        from adapters.events import platform_for

        bot = ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        expect_lookup(ctx, accounts.OTHER_GROUP, accounts.STRANGER, True)
        expect_kick(ctx, accounts.OTHER_GROUP, accounts.STRANGER)
        expect_lookup(ctx, THIRD_GROUP, accounts.STRANGER, True)
        expect_kick(ctx, THIRD_GROUP, accounts.STRANGER)
        assert await resume(platform_for(bot)) == [sweep.id]
        assert await resume(platform_for(bot)) == []  # nothing left to do

    await sweep.refresh_from_db()
    assert (sweep.status, sweep.remaining) == (SweepStatus.DONE, [])
    kicks = await MeasureRecord.filter(action="kick", status=RecordStatus.DONE).order_by("id")
    assert [r.group_id for r in kicks] == [accounts.GROUP, accounts.OTHER_GROUP, THIRD_GROUP]
    assert all(r.detail["sweep"] == sweep.id for r in kicks)
    assert (kicks[1].unit, kicks[1].actor, kicks[1].reason) == ("XX村", accounts.DEPARTMENT, "廣告")


async def test_a_sweep_whose_entry_was_lifted_stops(app: App) -> None:
    from plugins.measures.sweep import resume

    await filed_group()
    sweep = await cut_short([accounts.GROUP])
    await BlacklistEntry.filter(user_id=accounts.STRANGER).update(lifted_at=datetime.now(UTC))
    async with app.test_api() as ctx:
        from adapters.events import platform_for

        bot = ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        await resume(platform_for(bot))
    await sweep.refresh_from_db()
    assert (sweep.status, sweep.remaining) == (SweepStatus.CANCELLED, [accounts.GROUP])
    assert await MeasureRecord.all().count() == 0


async def test_a_sweep_skips_groups_no_longer_managed(app: App) -> None:
    from plugins.measures.sweep import resume

    await filed_group(status=GroupStatus.REVOKED)
    sweep = await cut_short([accounts.GROUP, 123456789])  # revoked, and never filed
    async with app.test_api() as ctx:
        from adapters.events import platform_for

        bot = ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        await resume(platform_for(bot))
    await sweep.refresh_from_db()
    assert sweep.status == SweepStatus.DONE
    assert await MeasureRecord.all().count() == 0


async def test_a_listed_account_that_speaks_is_removed_once(app: App) -> None:
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.OTHER_GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("大家好", accounts.STRANGER))
        expect_kick(ctx, accounts.GROUP, accounts.STRANGER)
        notice = texts.listed_removed_notice(
            accounts.GROUP, "XX社區", accounts.STRANGER, "spoke", True
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
        ctx.receive_event(bot, group_msg("還在嗎", accounts.STRANGER))  # already asked: not again
        ctx.receive_event(bot, group_msg("你好", accounts.MEMBER))  # not listed: nothing

    record = await MeasureRecord.get()
    assert (record.action, record.group_id, record.target, record.actor, record.status) == (
        "kick",
        accounts.GROUP,
        accounts.STRANGER,
        None,
        RecordStatus.DONE,
    )
    assert record.detail["seen"] == "spoke"
    assert record.reason == texts.REASON_LISTED_PRESENT


async def test_a_listed_account_is_not_removed_where_the_bot_does_not_manage(app: App) -> None:
    await filed_group(status=GroupStatus.REVOKED)
    await BlacklistEntry.create(user_id=accounts.STRANGER)
    # A stale entry for someone nobody may blacklist (made before they were protected).
    await BlacklistEntry.create(user_id=accounts.LEADER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("大家好", accounts.STRANGER))
        ctx.receive_event(bot, group_msg("大家好", accounts.STRANGER, group_id=700999))
    await filed_group(accounts.OTHER_GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        msg = group_msg("大家好", accounts.LEADER, group_id=accounts.OTHER_GROUP)
        ctx.receive_event(bot, msg)
    assert await MeasureRecord.all().count() == 0


async def test_a_listed_account_joining_where_real_name_is_off_is_removed(app: App) -> None:
    await filed_group()
    await switch_off("realname")
    await BlacklistEntry.create(user_id=accounts.STRANGER)
    joined = GroupIncreaseNoticeEvent(
        time=int((datetime.now(UTC) - timedelta(seconds=1)).timestamp()),
        self_id=accounts.SELF,
        post_type="notice",
        notice_type="group_increase",
        sub_type="approve",
        group_id=accounts.GROUP,
        operator_id=0,
        user_id=accounts.STRANGER,
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined)
        expect_kick(ctx, accounts.GROUP, accounts.STRANGER)
        notice = texts.listed_removed_notice(
            accounts.GROUP, "XX社區", accounts.STRANGER, "joined", True
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
    assert [r.detail["seen"] for r in await MeasureRecord.all()] == ["joined"]
