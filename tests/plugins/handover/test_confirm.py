"""/確認交接: the named person completes it; the registry, the platform rights and the notices."""

from datetime import timedelta

import pytest
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.handover import Handover, HandoverStatus
from models.measures import MeasureRecord, RecordStatus
from models.registry import RegisteredAdmin
from plugins.handover import store, texts
from plugins.handover.decide import street_time
from plugins.realname import store as realname
from plugins.realname.roster import RosterEntry
from tests import accounts
from tests.factories import (
    expect_group_send,
    expect_member,
    expect_private_send,
    group_msg,
    make_bot,
    member,
)
from tests.plugins.registry.helpers import filed_group

from .helpers import (
    CARD_OK,
    FIXED_NOW,
    expect_members,
    expect_mention,
    expect_no_member,
    expect_set_admin,
    pending,
)

OLD_CARD = "XX社區-李四"


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


def department_notice(rights: str, old: int | None = accounts.ADMIN, reason: str = "調崗") -> str:
    return texts.department_notice(
        group_id=accounts.GROUP,
        group_name="測試群",
        unit="XX社區",
        old=old,
        new=accounts.MEMBER,
        opened_by=accounts.ADMIN,
        reason=reason,
        forced=False,
        rights=rights,
    )


def expect_department(ctx, notice: str) -> None:  # type: ignore[no-untyped-def]
    expect_private_send(ctx, accounts.DEPARTMENT, notice)
    expect_private_send(ctx, accounts.SUPERUSER, notice)


async def test_the_named_member_confirms_and_the_owner_bot_moves_the_rights(app: App) -> None:
    handover = await pending(await filed_group())
    # The old admin is still in post: no reminder to leave, no flag for clearance.
    await realname.import_roster([RosterEntry("XX社區", "李四", accounts.ADMIN, "在崗")], "r.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, OLD_CARD, "admin")
        expect_member(ctx, accounts.MEMBER, CARD_OK)
        expect_member(ctx, accounts.SELF, "", "owner")
        expect_set_admin(ctx, accounts.MEMBER, True)
        expect_set_admin(ctx, accounts.ADMIN, False)
        expect_mention(ctx, accounts.MEMBER, texts.done("moved", ""))
        expect_department(ctx, department_notice("moved"))

    await handover.refresh_from_db()
    assert (handover.status, handover.closed_at) == (HandoverStatus.DONE, FIXED_NOW)
    rows = await RegisteredAdmin.all().order_by("id")
    assert [(r.user_id, r.until, r.reason, r.added_by) for r in rows] == [
        (accounts.ADMIN, FIXED_NOW, "調崗", accounts.ADMIN),
        (accounts.MEMBER, None, "調崗", accounts.ADMIN),
    ]
    assert rows[1].since == FIXED_NOW
    records = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.article, r.target, r.actor, r.status) for r in records] == [
        ("handover", 5, accounts.MEMBER, accounts.MEMBER, RecordStatus.DONE),
        ("handover", 5, accounts.ADMIN, accounts.MEMBER, RecordStatus.DONE),
    ]
    assert records[0].detail == {"handover": handover.id, "from": accounts.ADMIN, "rights": "set"}
    assert records[1].detail["rights"] == "unset"


async def test_where_the_bot_is_not_the_owner_the_owner_is_told_what_to_do(app: App) -> None:
    handover = await pending(await filed_group())
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/accept", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, OLD_CARD, "admin")
        expect_member(ctx, accounts.MEMBER, CARD_OK)
        expect_member(ctx, accounts.SELF, "", "admin")
        expect_mention(ctx, accounts.MEMBER, texts.done("owner_told", ""))
        expect_members(
            ctx,
            member(accounts.ADMIN, OLD_CARD, "admin"),
            member(accounts.OWNER, "XX社區-王五", "owner"),
            member(accounts.MEMBER, CARD_OK),
        )
        expect_mention(ctx, accounts.OWNER, texts.owner_steps(CARD_OK, OLD_CARD, True, True))
        expect_department(ctx, department_notice("owner_told"))
    steps = texts.owner_steps(CARD_OK, OLD_CARD, True, True)
    assert "1. 將「XX社區-張三」設為管理員\n2. 取消「XX社區-李四」的管理員" in steps
    assert str(accounts.MEMBER) not in steps
    assert str(accounts.ADMIN) not in steps
    record = await MeasureRecord.get()
    assert (record.action, record.status, record.target) == (
        "handover",
        RecordStatus.DONE,
        accounts.MEMBER,
    )
    assert record.detail == {
        "handover": handover.id,
        "from": accounts.ADMIN,
        "rights": "owner_told",
    }
    assert [a.user_id for a in await RegisteredAdmin.filter(until=None)] == [accounts.MEMBER]


async def test_nothing_to_move_leaves_one_record_and_no_owner_message(app: App) -> None:
    await pending(await filed_group(), reason="")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/确认交接", accounts.MEMBER))
        expect_no_member(ctx, accounts.ADMIN)  # the old admin is gone already
        expect_member(ctx, accounts.MEMBER, CARD_OK, "admin")
        expect_member(ctx, accounts.SELF, "", "admin")
        expect_mention(ctx, accounts.MEMBER, texts.done("none", ""))
        expect_department(ctx, department_notice("none", reason=""))
    record = await MeasureRecord.get()
    assert record.detail["rights"] == "none"
    rows = await RegisteredAdmin.all().order_by("id")
    assert [(r.user_id, r.reason) for r in rows] == [
        (accounts.ADMIN, texts.DEFAULT_REASON),
        (accounts.MEMBER, texts.DEFAULT_REASON),
    ]


async def test_a_refused_set_admin_is_recorded_failed_and_said(app: App) -> None:
    await pending(await filed_group())
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, OLD_CARD, "member")
        expect_member(ctx, accounts.MEMBER, CARD_OK)
        expect_member(ctx, accounts.SELF, "", "owner")
        expect_set_admin(
            ctx,
            accounts.MEMBER,
            True,
            exception=ActionFailed(status="failed", retcode=102, wording="管理員已滿"),
        )
        expect_mention(ctx, accounts.MEMBER, texts.done("failed", "平台拒絕：管理員已滿"))
        expect_department(ctx, department_notice("failed"))
    record = await MeasureRecord.get()
    assert (record.status, record.platform_answer) == (
        RecordStatus.FAILED,
        "平台拒絕：管理員已滿",
    )


async def test_a_departed_old_admin_is_reminded_and_flagged_for_clearance(app: App) -> None:
    handover = await pending(await filed_group())
    await realname.import_roster(
        [
            RosterEntry("XX社區", "李四", accounts.ADMIN, "調離"),
            RosterEntry("XX社區", "張三", accounts.MEMBER, "在崗"),
        ],
        "roster.csv",
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, OLD_CARD, "member")
        expect_member(ctx, accounts.MEMBER, CARD_OK, "admin")
        expect_member(ctx, accounts.SELF, "", "admin")
        expect_mention(ctx, accounts.MEMBER, texts.done("none", ""))
        expect_department(ctx, department_notice("none"))
        expect_private_send(ctx, accounts.ADMIN, texts.departed_reminder(accounts.GROUP, "測試群"))
    flag = await MeasureRecord.get(action="departed_admin")
    assert (flag.article, flag.group_id, flag.target, flag.actor, flag.status) == (
        14,
        accounts.GROUP,
        accounts.ADMIN,
        None,
        RecordStatus.DONE,
    )
    assert flag.detail == {"handover": handover.id, "roster": "調離"}


async def test_a_departed_old_admin_no_longer_in_the_group_is_not_flagged(app: App) -> None:
    await pending(await filed_group())
    await realname.import_roster([RosterEntry("XX社區", "李四", accounts.ADMIN, "調離")], "r.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_no_member(ctx, accounts.ADMIN)
        expect_member(ctx, accounts.MEMBER, CARD_OK, "admin")
        expect_member(ctx, accounts.SELF, "", "admin")
        expect_mention(ctx, accounts.MEMBER, texts.done("none", ""))
        expect_department(ctx, department_notice("none"))
    assert not await MeasureRecord.exists(action="departed_admin")


async def test_anyone_else_is_refused_and_nothing_changes(app: App) -> None:
    handover = await pending(await filed_group())
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for someone in (accounts.STRANGER, accounts.ADMIN, accounts.DEPARTMENT):
            ctx.receive_event(bot, group_msg("/確認交接", someone))
            expect_group_send(ctx, texts.NOT_NAMED)
    await handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING
    assert [a.user_id for a in await RegisteredAdmin.filter(until=None)] == [accounts.ADMIN]
    assert await MeasureRecord.all().count() == 0


async def test_an_expired_handover_says_so_and_is_marked(app: App) -> None:
    handover = await pending(await filed_group(), hours_ago=24)  # due exactly now
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_group_send(ctx, texts.expired(street_time(FIXED_NOW, "Asia/Shanghai")))
    await handover.refresh_from_db()
    assert (handover.status, handover.closed_at) == (HandoverStatus.EXPIRED, FIXED_NOW)
    assert [a.user_id for a in await RegisteredAdmin.filter(until=None)] == [accounts.ADMIN]


async def test_nothing_pending_and_a_second_confirmation(app: App) -> None:
    group = await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_group_send(ctx, texts.NO_PENDING)
    handover = await pending(group)
    handover.status = HandoverStatus.DONE
    await handover.save()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_group_send(ctx, texts.NO_PENDING)
    assert await MeasureRecord.all().count() == 0


async def test_a_handover_completes_once_even_if_confirmed_twice_at_once() -> None:
    handover = await pending(await filed_group())
    first = await store.complete(handover, "調崗", FIXED_NOW)
    second = await store.complete(await Handover.get(id=handover.id), "調崗", FIXED_NOW)
    assert (first, second) == (True, False)
    assert await RegisteredAdmin.filter(user_id=accounts.MEMBER).count() == 1


async def test_the_job_marks_only_pending_handovers_past_their_time() -> None:
    from plugins.handover import jobs

    group = await filed_group()
    old = await pending(group, hours_ago=30)
    old.status = HandoverStatus.DONE  # done long ago: left alone
    await old.save()
    due = await pending(group, to_admin=accounts.STRANGER, hours_ago=25)
    assert await jobs.expire(FIXED_NOW) == 1
    await due.refresh_from_db()
    await old.refresh_from_db()
    assert (due.status, due.closed_at) == (HandoverStatus.EXPIRED, FIXED_NOW)
    assert old.status == HandoverStatus.DONE
    fresh = await pending(group, hours_ago=1)
    assert await jobs.expire(FIXED_NOW + timedelta(hours=22)) == 0
    assert await jobs.expire(FIXED_NOW + timedelta(hours=23)) == 1
    await fresh.refresh_from_db()
    assert fresh.status == HandoverStatus.EXPIRED
