"""/管理員記錄: every change of the group's admins, oldest first, names but never accounts."""

from datetime import timedelta

import pytest
from nonebug import App

from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin, Unit
from plugins.handover import store, texts
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import expect_group_send, expect_member, group_msg, make_bot

from .helpers import FIXED_NOW, expect_no_member


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


async def _group(filed_by: int = accounts.ADMIN) -> Group:
    return await Group.create(
        group_id=accounts.GROUP,
        name="測試群",
        unit=await Unit.get(name="XX社區"),
        type=GroupType.INTERNAL,
        status=GroupStatus.FILED,
        filed_by=filed_by,
    )


async def test_the_history_shows_filing_handover_and_leaving_in_order(app: App) -> None:
    group = await _group()
    t0 = FIXED_NOW - timedelta(days=60)
    t1, t2 = t0 + timedelta(days=30), t0 + timedelta(days=45)
    await RegisteredAdmin.create(
        group=group, user_id=accounts.ADMIN, since=t0, added_by=accounts.ADMIN, reason="備案"
    )
    # The leader hands over to MEMBER, who later leaves the group.
    handover, _ = await store.open_handover(
        group,
        from_admin=accounts.ADMIN,
        to_admin=accounts.MEMBER,
        opened_by=accounts.LEADER,
        reason="調崗",
        forced=False,
        at=t1 - timedelta(hours=1),
    )
    assert await store.complete(handover, "調崗", t1)
    assert await store.close_tenure(group, accounts.MEMBER, "退群", t2)

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/管理員記錄", accounts.STRANGER))
        expect_member(ctx, accounts.ADMIN, "XX社區-李四")
        expect_no_member(ctx, accounts.MEMBER)  # gone: a masked account
        expect_member(ctx, accounts.LEADER, "XX社區-趙主任")
        expected = "\n".join(
            [
                texts.HISTORY_HEAD,
                "2024-12-31 09:00 XX社區-李四 登記為群組管理員（備案）",
                "2025-01-30 09:00 交接：XX社區-李四 → 50*01（調崗），發起：XX社區-趙主任",
                "2025-02-14 09:00 50*01 卸任群組管理員（退群）",
            ]
        )
        expect_group_send(ctx, expected)
    for account in (accounts.ADMIN, accounts.MEMBER, accounts.LEADER):
        assert str(account) not in expected


async def test_a_forced_handover_from_nobody_and_a_registrar(app: App) -> None:
    group = await _group(filed_by=accounts.OWNER)
    await RegisteredAdmin.create(
        group=group,
        user_id=accounts.ADMIN,
        since=FIXED_NOW - timedelta(days=2),
        until=FIXED_NOW - timedelta(days=1),
        added_by=accounts.DEPARTMENT,
        reason="退群",
    )
    handover, _ = await store.open_handover(
        group,
        from_admin=None,
        to_admin=accounts.MEMBER,
        opened_by=accounts.DEPARTMENT,
        reason="",
        forced=True,
        at=FIXED_NOW,
    )
    assert await store.complete(handover, "交接", FIXED_NOW)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/admins", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, "XX社區-李四")
        expect_no_member(ctx, accounts.DEPARTMENT)
        expect_member(ctx, accounts.MEMBER, "XX社區-張三")
        expect_group_send(
            ctx,
            "\n".join(
                [
                    texts.HISTORY_HEAD,
                    "2025-02-27 09:00 XX社區-李四 登記為群組管理員，經辦：10*01",
                    "2025-02-28 09:00 XX社區-李四 卸任群組管理員（退群）",
                    "2025-03-01 09:00 交接：（無） → XX社區-張三（未說明），發起：10*01，強制",
                ]
            ),
        )


async def test_a_long_history_shows_the_latest_lines_and_counts_the_rest(app: App) -> None:
    from plugins.handover.commands import MAX_HISTORY
    from plugins.handover.decide import street_time

    group = await _group()
    start = FIXED_NOW - timedelta(days=100)
    spans = [
        (start + timedelta(days=2 * n), start + timedelta(days=2 * n + 1))
        for n in range(MAX_HISTORY // 2 + 1)  # a start and an end each: MAX_HISTORY + 2 entries
    ]
    for since, until in spans:
        await RegisteredAdmin.create(
            group=group,
            user_id=accounts.ADMIN,
            since=since,
            until=until,
            added_by=accounts.ADMIN,
            reason="退群",
        )
    name = "XX社區-李四"
    lines = []
    for since, until in spans[1:]:  # the first tenure's two entries are left out
        lines.append(texts.history_start(street_time(since, "Asia/Shanghai"), name, "備案", None))
        lines.append(texts.history_end(street_time(until, "Asia/Shanghai"), name, "退群"))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/管理员记录", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, name)
        expect_group_send(ctx, "\n".join([texts.HISTORY_HEAD, texts.history_more(2), *lines]))
    assert len(lines) == MAX_HISTORY


async def test_no_history_and_an_unfiled_group(app: App) -> None:
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/管理員記錄", accounts.MEMBER))
        expect_group_send(ctx, registry_texts.not_filed())
    await _group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/管理員記錄", accounts.MEMBER))
        expect_group_send(ctx, texts.NO_HISTORY)
