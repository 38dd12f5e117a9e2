"""A confirmed broadcast cut short goes on by itself, and never sends a group twice."""

import asyncio
from datetime import timedelta

from nonebot.adapters.onebot.v11 import Bot
from nonebug import App

from models.broadcast import Broadcast, BroadcastStatus, BroadcastTarget, TargetStatus
from models.measures import MeasureRecord
from models.registry import GroupStatus
from plugins.broadcast import store
from plugins.broadcast.select import Filters
from tests import accounts
from tests.plugins.broadcast.helpers import expect_notice
from tests.plugins.registry.helpers import filed_group

THIRD = 700300


async def cut_short() -> Broadcast:
    """A broadcast as a crash leaves it: confirmed, sent to GROUP, OTHER_GROUP being sent
    (record open, the platform's answer never came back), THIRD not reached yet."""
    from plugins.broadcast import service

    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    await filed_group(THIRD, unit="XX村", admins=(accounts.OWNER,))
    made = await service.preview(Filters(everything=True), "開會", accounts.DEPARTMENT)
    assert isinstance(made, service.Preview)
    b = made.broadcast
    assert await store.claim(b, accounts.DEPARTMENT)
    first, second, _ = await store.targets(b)
    assert await store.take(first, 1, str(accounts.SELF))
    await store.settle(first, TargetStatus.SENT, "ok")
    assert await store.take(second, 2, str(accounts.SELF))
    return b


async def test_a_broadcast_cut_short_resumes_without_sending_a_group_twice(app: App) -> None:
    from plugins.broadcast import service, texts

    async with app.test_api() as ctx:
        ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        await asyncio.sleep(0.05)  # the connect hook's look finds nothing yet
        b = await cut_short()
        expect_notice(ctx, THIRD, "開會")  # only the group never reached
        assert await service.resume() == [b.id]
        assert await service.resume() == []  # nothing left

    await b.refresh_from_db()
    assert b.status == BroadcastStatus.DONE
    assert b.record_id is not None  # the confirmation went on record when it went on
    rows = {t.group_id: t for t in await BroadcastTarget.filter(broadcast_id=b.id)}
    assert rows[accounts.GROUP].status == TargetStatus.SENT
    assert (rows[accounts.OTHER_GROUP].status, rows[accounts.OTHER_GROUP].answer) == (
        TargetStatus.UNCONFIRMED,
        texts.CUT_SHORT,
    )
    assert rows[THIRD].status == TargetStatus.SENT
    notices = await MeasureRecord.filter(action="notice").values_list("group_id", flat=True)
    assert notices == [THIRD]


async def test_a_broadcast_held_elsewhere_is_left_alone(app: App) -> None:
    from core import lease
    from plugins.broadcast import service

    async with app.test_api() as ctx:
        ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        await asyncio.sleep(0.05)
        b = await cut_short()
        assert await lease.claim(service.lease_key(b))  # another worker holds it
        assert not await service.send(b)  # no call made: nonebug would fail on one
    rows = await BroadcastTarget.filter(broadcast_id=b.id).order_by("id")
    assert [t.status for t in rows] == [
        TargetStatus.SENT,
        TargetStatus.SENDING,
        TargetStatus.WAITING,
    ]


async def test_revoked_groups_are_skipped_and_long_waits_given_up(app: App) -> None:
    from core import accounts as bot_accounts
    from models.registry import Group
    from plugins.broadcast import service, texts

    async with app.test_api() as ctx:
        ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        await asyncio.sleep(0.05)
        b = await cut_short()
        await Group.filter(group_id=THIRD).update(status=GroupStatus.REVOKED)
        await service.send(b)
    rows = {t.group_id: t for t in await BroadcastTarget.filter(broadcast_id=b.id)}
    assert (rows[THIRD].status, rows[THIRD].answer) == (TargetStatus.SKIPPED, texts.NOT_MANAGED)

    # A group only another process's account is in, a day after the confirmation: given up.
    await filed_group(800400, unit="XX村", admins=(accounts.OWNER,))
    bot_accounts.note("qq", "88888", 800400, "admin")
    late = await Broadcast.create(
        text="開會",
        asked_by=accounts.DEPARTMENT,
        asked_at=store.now() - timedelta(days=2),
        expires_at=store.now() - timedelta(days=2),
        status=BroadcastStatus.SENDING,
        confirmed_by=accounts.DEPARTMENT,
        confirmed_at=store.now() - timedelta(hours=25),
    )
    await BroadcastTarget.create(broadcast=late, group_id=800400)
    async with app.test_api() as ctx:
        ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        await asyncio.sleep(0.05)
        await service.send(late)
    target = await BroadcastTarget.get(broadcast_id=late.id)
    assert (target.status, target.answer) == (TargetStatus.SKIPPED, texts.GAVE_UP)
    await late.refresh_from_db()
    assert late.status == BroadcastStatus.DONE
