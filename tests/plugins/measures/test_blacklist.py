"""/拉黑 and /解除黑名單: the street-wide blacklist through the measures service."""

from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.measures import (
    BlacklistEntry,
    BlacklistRequest,
    MeasureRecord,
    RecordStatus,
    RequestStatus,
    Sweep,
    SweepStatus,
)
from plugins.measures import texts
from plugins.measures.blacklist import may_lift
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import (
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    message,
    private_msg,
)
from tests.plugins.measures.helpers import (
    THIRD_GROUP,
    expect_kick,
    expect_lookup,
    next_request_number,
)
from tests.plugins.registry.helpers import filed_group


async def test_the_department_s_ban_lists_and_removes_wherever_the_account_is_found(
    app: App,
) -> None:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    await filed_group(THIRD_GROUP, unit="XX村", admins=(accounts.OWNER,))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/拉黑 ", accounts.MEMBER) + " 發賭博廣告", accounts.DEPARTMENT)
        )
        expect_lookup(ctx, accounts.GROUP, accounts.MEMBER, True)
        expect_kick(ctx, accounts.GROUP, accounts.MEMBER)
        expect_lookup(ctx, accounts.OTHER_GROUP, accounts.MEMBER, True)
        expect_kick(ctx, accounts.OTHER_GROUP, accounts.MEMBER)
        expect_lookup(ctx, THIRD_GROUP, accounts.MEMBER, False)
        expect_group_send(ctx, texts.banned("發賭博廣告", True, 1, 0, already=False))
        notice = texts.ban_notice(
            accounts.GROUP, "XX社區", accounts.DEPARTMENT, accounts.MEMBER, "發賭博廣告", 2, 0
        )
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.STREET_LEADER, notice)

    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.group_id, r.status, r.actor, r.article) for r in rows] == [
        ("blacklist", accounts.GROUP, RecordStatus.DONE, accounts.DEPARTMENT, 10),
        ("kick", accounts.GROUP, RecordStatus.DONE, accounts.DEPARTMENT, 10),
        ("kick", accounts.OTHER_GROUP, RecordStatus.DONE, accounts.DEPARTMENT, 10),
    ]
    sweep = await Sweep.get()
    assert rows[2].unit == "XX村"
    assert rows[2].detail == {"blacklisted": True, "sweep": sweep.id}
    assert (sweep.target, sweep.status, sweep.remaining) == (
        accounts.MEMBER,
        SweepStatus.DONE,
        [],
    )
    entry = await BlacklistEntry.get(user_id=accounts.MEMBER)
    assert (entry.reason, entry.added_by, entry.source_group, entry.lifted_at) == (
        "發賭博廣告",
        accounts.DEPARTMENT,
        accounts.GROUP,
        None,
    )
    assert rows[0].platform_answer == f"entry {entry.id}"


async def test_a_registered_admin_s_ban_removes_here_and_files_a_request(app: App) -> None:
    """Street-wide power stays with the street: nothing happens in the other groups."""
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    number = await next_request_number()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/拉黑 ", accounts.MEMBER) + " 發賭博廣告", accounts.ADMIN)
        )
        expect_lookup(ctx, accounts.GROUP, accounts.MEMBER, True)
        expect_kick(ctx, accounts.GROUP, accounts.MEMBER)
        notice = texts.request_notice(
            number, accounts.GROUP, "XX社區", accounts.ADMIN, accounts.MEMBER, "發賭博廣告", True
        )
        for who in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
        expect_group_send(ctx, texts.request_filed(number, "發賭博廣告", True))

    request = await BlacklistRequest.get()
    assert (request.id, request.user_id, request.group_id, request.unit) == (
        number,
        accounts.MEMBER,
        accounts.GROUP,
        "XX社區",
    )
    assert (request.requested_by, request.reason, request.status) == (
        accounts.ADMIN,
        "發賭博廣告",
        RequestStatus.PENDING,
    )
    rows = await MeasureRecord.all()
    assert [(r.action, r.group_id, r.status, r.actor, r.detail) for r in rows] == [
        ("kick", accounts.GROUP, RecordStatus.DONE, accounts.ADMIN, {"request": number})
    ]
    assert await BlacklistEntry.all().count() == 0
    assert await Sweep.all().count() == 0


async def test_banning_a_listed_account_by_number_only_sweeps_again(app: App) -> None:
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/ban {accounts.STRANGER}", accounts.LEADER))
        expect_lookup(ctx, accounts.GROUP, accounts.STRANGER, True)
        expect_kick(ctx, accounts.GROUP, accounts.STRANGER, ActionFailed(retcode=102))
        expect_group_send(ctx, texts.banned("", False, 0, 1, already=True))
        notice = texts.ban_notice(
            accounts.GROUP, "XX社區", accounts.LEADER, accounts.STRANGER, "", 0, 1
        )
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.STREET_LEADER, notice)
    rows = await MeasureRecord.all()
    assert [(r.action, r.status) for r in rows] == [("kick", RecordStatus.FAILED)]
    assert await BlacklistEntry.all().count() == 1


async def test_ban_is_for_admins_with_a_target(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(message("/拉黑 ", accounts.STRANGER), accounts.MEMBER))
        expect_group_send(
            ctx, registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
        )
        ctx.receive_event(bot, group_msg("/拉黑 某人", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_BAN)
        ctx.receive_event(bot, group_msg(f"/拉黑 {accounts.SELF}", accounts.ADMIN))
        expect_group_send(ctx, texts.NOT_SELF)
    assert await MeasureRecord.all().count() == 0
    assert await BlacklistEntry.all().count() == 0


async def test_the_department_lifts_an_entry_with_a_reason_on_record(app: App) -> None:
    await filed_group()
    entry = await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/解除黑名單 {accounts.STRANGER}", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.USAGE_UNBAN)
        ctx.receive_event(
            bot, private_msg(f"/解除黑名单 {accounts.STRANGER} 誤判", accounts.DEPARTMENT)
        )
        expect_private_send(ctx, accounts.DEPARTMENT, texts.lifted(accounts.STRANGER, "誤判"))
        ctx.receive_event(bot, private_msg(f"/unban {accounts.STRANGER} 再次", accounts.SUPERUSER))
        expect_private_send(ctx, accounts.SUPERUSER, texts.NOT_LISTED)
    await entry.refresh_from_db()
    assert (entry.lifted_by, entry.lift_reason) == (accounts.DEPARTMENT, "誤判")
    assert entry.lifted_at is not None
    record = await MeasureRecord.get()
    assert (record.action, record.status, record.reason, record.unit, record.group_id) == (
        "unblacklist",
        RecordStatus.DONE,
        "誤判",
        "XX社區",
        accounts.GROUP,
    )


async def test_a_unit_leader_lifts_only_the_unit_s_entries(app: App) -> None:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    ours = await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.GROUP)
    theirs = await BlacklistEntry.create(user_id=60001, source_group=accounts.OTHER_GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/解除黑名單 60001 認錯人", accounts.LEADER))
        expect_private_send(ctx, accounts.LEADER, texts.lift_other_unit("XX村"))
        ctx.receive_event(bot, group_msg(f"/解除黑名單 {accounts.STRANGER} 已核實", accounts.ADMIN))
        expect_group_send(ctx, registry_texts.refused(["單位分管負責人", "黨群工作部"]))
        ctx.receive_event(
            bot, private_msg(f"/解除黑名單 {accounts.STRANGER} 已核實", accounts.LEADER)
        )
        expect_private_send(ctx, accounts.LEADER, texts.lifted(accounts.STRANGER, "已核實"))
    await ours.refresh_from_db()
    await theirs.refresh_from_db()
    assert ours.lifted_by == accounts.LEADER
    assert theirs.lifted_at is None
    assert [r.action for r in await MeasureRecord.all()] == ["unblacklist"]


async def test_list_measures_through_carry_out_record_what_happened() -> None:
    listing = Measure(kind="blacklist", article=10, action=None, target=60001, actor=1)
    first = await carry_out(None, listing)
    again = await carry_out(None, listing)
    assert (first.status, again.status) == (RecordStatus.DONE, RecordStatus.FAILED)
    assert again.platform_answer.startswith("already on the blacklist")
    lifting = Measure(kind="unblacklist", article=10, action=None, target=60001, actor=2)
    lifted = await carry_out(None, lifting)
    twice = await carry_out(None, lifting)
    assert (lifted.status, twice.status) == (RecordStatus.DONE, RecordStatus.FAILED)
    assert twice.platform_answer == "not on the blacklist"
    assert await BlacklistEntry.filter(lifted_at=None).count() == 0


def test_who_may_lift_an_entry() -> None:
    assert may_lift(department=True, led_units=(), entry_unit="")
    assert may_lift(department=False, led_units=("XX社區",), entry_unit="XX社區")
    assert not may_lift(department=False, led_units=("XX社區",), entry_unit="XX村")
    assert not may_lift(department=False, led_units=("XX社區",), entry_unit="")
