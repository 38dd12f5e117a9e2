"""/確認拉黑 and /駁回拉黑: a registered admin's request, decided by the street."""

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
from plugins.measures.parse import parse_numbered
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
from tests.plugins.measures.helpers import THIRD_GROUP, expect_kick, expect_lookup, requested
from tests.plugins.registry.helpers import filed_group

LEADERS = ["單位分管負責人", "黨群工作部"]


async def three_groups() -> None:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    await filed_group(THIRD_GROUP, unit="XX村", admins=(accounts.OWNER,))


async def test_the_department_confirms_privately_and_the_account_is_swept(app: App) -> None:
    await three_groups()
    request = await requested()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/確認拉黑 {request.id}", accounts.DEPARTMENT))
        expect_lookup(ctx, accounts.GROUP, accounts.MEMBER, False)  # the admin removed it
        expect_lookup(ctx, accounts.OTHER_GROUP, accounts.MEMBER, True)
        expect_kick(ctx, accounts.OTHER_GROUP, accounts.MEMBER)
        expect_lookup(ctx, THIRD_GROUP, accounts.MEMBER, False)
        expect_private_send(
            ctx, accounts.DEPARTMENT, texts.request_approved(request.id, 1, 0, False)
        )
        expect_private_send(ctx, accounts.ADMIN, texts.requester_approved(request.id, 1))
        notice = texts.ban_notice(
            accounts.GROUP, "XX社區", accounts.DEPARTMENT, accounts.MEMBER, "發廣告", 1, 0
        )
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.STREET_LEADER, notice)

    await request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, accounts.DEPARTMENT)
    entry = await BlacklistEntry.get(user_id=accounts.MEMBER)
    assert (entry.added_by, entry.source_group, entry.reason) == (
        accounts.DEPARTMENT,
        accounts.GROUP,
        "發廣告",
    )
    sweep = await Sweep.get()
    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.group_id, r.status, r.actor, r.detail) for r in rows] == [
        (
            "blacklist",
            accounts.GROUP,
            RecordStatus.DONE,
            accounts.DEPARTMENT,
            {"request": request.id, "requested_by": accounts.ADMIN},
        ),
        (
            "kick",
            accounts.OTHER_GROUP,
            RecordStatus.DONE,
            accounts.DEPARTMENT,
            {
                "request": request.id,
                "requested_by": accounts.ADMIN,
                "blacklisted": True,
                "sweep": sweep.id,
            },
        ),
    ]
    assert (sweep.status, sweep.remaining) == (SweepStatus.DONE, [])


async def test_the_unit_leader_confirms_a_request_from_the_unit_s_group(app: App) -> None:
    await filed_group()
    request = await requested()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/ban_confirm {request.id}", accounts.LEADER))
        expect_lookup(ctx, accounts.GROUP, accounts.MEMBER, False)
        expect_group_send(ctx, texts.request_approved(request.id, 0, 0, False))
        expect_private_send(ctx, accounts.ADMIN, texts.requester_approved(request.id, 0))
        notice = texts.ban_notice(
            accounts.GROUP, "XX社區", accounts.LEADER, accounts.MEMBER, "發廣告", 0, 0
        )
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.STREET_LEADER, notice)
    assert (await BlacklistEntry.get()).added_by == accounts.LEADER


async def test_a_rejected_request_changes_nothing_else_and_the_requester_is_told(
    app: App,
) -> None:
    await filed_group()
    request = await requested()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/駁回拉黑 {request.id}", accounts.LEADER))
        expect_private_send(ctx, accounts.LEADER, texts.USAGE_BAN_REJECT)
        ctx.receive_event(bot, private_msg(f"/駁回拉黑 {request.id} 證據不足", accounts.LEADER))
        expect_private_send(ctx, accounts.LEADER, texts.request_rejected(request.id, "證據不足"))
        expect_private_send(ctx, accounts.ADMIN, texts.requester_rejected(request.id, "證據不足"))
        ctx.receive_event(bot, private_msg(f"/確認拉黑 {request.id}", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.request_decided(request.id, False))

    await request.refresh_from_db()
    assert (request.status, request.decided_by, request.decision_reason) == (
        RequestStatus.REJECTED,
        accounts.LEADER,
        "證據不足",
    )
    assert await BlacklistEntry.all().count() == 0
    assert await MeasureRecord.all().count() == 0
    assert await Sweep.all().count() == 0


async def test_only_the_department_or_the_unit_s_leader_decides(app: App) -> None:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    ours = await requested()
    theirs = await requested(60001, accounts.OTHER_GROUP, "XX村", accounts.OWNER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for user in (accounts.ADMIN, accounts.OWNER, accounts.MEMBER, accounts.STREET_LEADER):
            ctx.receive_event(bot, private_msg(f"/確認拉黑 {ours.id}", user))
            expect_private_send(ctx, user, registry_texts.refused(LEADERS))
        ctx.receive_event(bot, private_msg(f"/確認拉黑 {theirs.id}", accounts.LEADER))
        expect_private_send(ctx, accounts.LEADER, texts.request_other_unit(theirs.id, "XX村"))
        ctx.receive_event(bot, private_msg(f"/駁回拉黑 {ours.id} 不對", accounts.OTHER_LEADER))
        expect_private_send(ctx, accounts.OTHER_LEADER, texts.request_other_unit(ours.id, "XX社區"))
        ctx.receive_event(bot, private_msg("/確認拉黑 999", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.unknown_request(999))
        ctx.receive_event(bot, private_msg("/確認拉黑 第一號", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.USAGE_BAN_CONFIRM)

    assert [r.status for r in await BlacklistRequest.all()] == [RequestStatus.PENDING] * 2
    assert await BlacklistEntry.all().count() == 0
    assert await MeasureRecord.all().count() == 0


async def test_a_second_request_for_the_same_account_is_not_filed_twice(app: App) -> None:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    first = await requested()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        msg = group_msg(
            message("/拉黑 ", accounts.MEMBER) + " 又來了",
            accounts.OWNER,
            group_id=accounts.OTHER_GROUP,
        )
        ctx.receive_event(bot, msg)
        expect_lookup(ctx, accounts.OTHER_GROUP, accounts.MEMBER, True)
        expect_kick(ctx, accounts.OTHER_GROUP, accounts.MEMBER)
        expect_group_send(ctx, texts.request_already(first.id, True), accounts.OTHER_GROUP)

    assert await BlacklistRequest.all().count() == 1
    record = await MeasureRecord.get()
    assert (record.group_id, record.detail) == (accounts.OTHER_GROUP, {"request": first.id})


async def test_an_admin_s_ban_of_a_listed_account_removes_it_here_only(app: App) -> None:
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.OTHER_GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/拉黑 {accounts.STRANGER} 廣告", accounts.ADMIN))
        expect_lookup(ctx, accounts.GROUP, accounts.STRANGER, False)
        expect_group_send(ctx, texts.listed_already(False))
    assert await MeasureRecord.all().count() == 0
    assert await BlacklistRequest.all().count() == 0


async def test_the_department_s_own_ban_settles_pending_requests(app: App) -> None:
    await filed_group()
    request = await requested()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/拉黑 ", accounts.MEMBER) + " 確認", accounts.DEPARTMENT)
        )
        expect_lookup(ctx, accounts.GROUP, accounts.MEMBER, False)
        expect_group_send(ctx, texts.banned("確認", False, 0, 0, already=False))
        notice = texts.ban_notice(
            accounts.GROUP, "XX社區", accounts.DEPARTMENT, accounts.MEMBER, "確認", 0, 0
        )
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.STREET_LEADER, notice)
    await request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, accounts.DEPARTMENT)


async def test_nobody_bans_kicks_or_mutes_the_department_leaders_or_superusers(
    app: App,
) -> None:
    await filed_group()
    protected = (accounts.DEPARTMENT, accounts.SUPERUSER, accounts.LEADER, accounts.OTHER_LEADER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for sender in (accounts.ADMIN, accounts.LEADER, accounts.DEPARTMENT):
            for target in protected:
                if target == sender:
                    continue
                for command in ("/拉黑 ", "/移出 ", "/禁言 "):
                    tail = " 1h 測試" if command == "/禁言 " else " 測試"
                    ctx.receive_event(bot, group_msg(message(command, target) + tail, sender))
                    expect_group_send(ctx, texts.PROTECTED_TARGET)
    assert await MeasureRecord.all().count() == 0
    assert await BlacklistEntry.all().count() == 0
    assert await BlacklistRequest.all().count() == 0


async def test_a_request_whose_account_became_protected_is_not_confirmed(app: App) -> None:
    await filed_group()
    request = await requested(accounts.OTHER_LEADER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/確認拉黑 {request.id}", accounts.SUPERUSER))
        expect_private_send(ctx, accounts.SUPERUSER, texts.PROTECTED_TARGET)
    await request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert await BlacklistEntry.all().count() == 0


async def test_the_list_itself_refuses_a_protected_account() -> None:
    from plugins.measures.measure import Measure
    from plugins.measures.service import carry_out

    listing = Measure(
        kind="blacklist", article=10, action=None, target=accounts.LEADER, actor=accounts.ADMIN
    )
    record = await carry_out(None, listing)
    assert (record.status, record.platform_answer) == (
        RecordStatus.FAILED,
        "an account nobody may blacklist",
    )
    assert await BlacklistEntry.all().count() == 0


def test_a_request_number_and_a_reason() -> None:
    assert parse_numbered(("12",), needs_reason=False) == parse_numbered(
        ("12", ""), needs_reason=False
    )
    assert parse_numbered(("12", "證據", "不足"), needs_reason=True).reason == "證據 不足"  # type: ignore[union-attr]
    assert parse_numbered(("12",), needs_reason=True) is None
    assert parse_numbered(("十二",), needs_reason=False) is None
    assert parse_numbered((), needs_reason=False) is None


async def test_entries_made_before_an_account_was_protected_are_lifted_on_record() -> None:
    from plugins.measures.listing import lift_protected_entries

    await filed_group()
    await BlacklistEntry.create(user_id=accounts.DEPARTMENT, source_group=accounts.GROUP)
    await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.GROUP)
    assert await lift_protected_entries(10) == [accounts.DEPARTMENT]
    assert [e.user_id for e in await BlacklistEntry.filter(lifted_at=None)] == [accounts.STRANGER]
    record = await MeasureRecord.get()
    assert (record.action, record.target, record.actor, record.status, record.unit) == (
        "unblacklist",
        accounts.DEPARTMENT,
        None,
        RecordStatus.DONE,
        "XX社區",
    )
    assert record.reason == texts.REASON_LIFTED_PROTECTED
    assert await lift_protected_entries(10) == []
