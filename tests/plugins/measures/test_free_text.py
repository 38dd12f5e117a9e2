"""Reasons and notes typed into the measure commands are posted, told and kept only masked."""

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebug import App

from models.measures import BlacklistEntry, BlacklistRequest, MeasureRecord, RecordStatus
from plugins.measures import texts
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.measures.wording import record_line
from plugins.privacy import texts as privacy_texts
from tests import accounts
from tests.factories import (
    expect_gone,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
    message,
    private_msg,
)
from tests.plugins.measures.helpers import (
    expect_kick,
    expect_lookup,
    next_request_number,
    requested,
)
from tests.plugins.measures.test_report import notice as report_notice
from tests.plugins.measures.test_report import reporting
from tests.plugins.registry.helpers import filed_group
from tests.redaction import (
    ID,
    MASKED,
    MASKED_ID,
    SECRET,
    assert_not_stored,
    scanning_duties_off,
)


def expect_mention(ctx, user_id: int, text: str) -> None:  # type: ignore[no-untyped-def]
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": accounts.GROUP,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )


def ordered(command: str, tail: str = SECRET, by: int = accounts.ADMIN):  # type: ignore[no-untyped-def]
    return group_msg(message(f"/{command} ", accounts.MEMBER) + f" {tail}", by)


async def test_a_warning_with_an_id_number_recalls_the_command_and_posts_it_masked(
    app: App,
) -> None:
    """All duties on: the privacy duty recalls the admin's own message, the warning is masked."""
    await filed_group()
    event = ordered("警告", f"發了身份證{ID}")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api("delete_msg", {"message_id": event.message_id}, None)
        expect_mention(
            ctx, accounts.ADMIN, privacy_texts.withdrawn(("id_number",), (MASKED_ID,), 3)
        )
        expect_mention(ctx, accounts.MEMBER, texts.warned(f"發了身份證{MASKED_ID}"))
    warning = await MeasureRecord.get(action="warning")
    assert warning.reason == f"發了身份證{MASKED_ID}"
    await assert_not_stored(ID)


async def test_warn_mute_and_kick_post_tell_and_keep_the_reason_masked(app: App) -> None:
    await filed_group()
    await scanning_duties_off()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, ordered("警告"))
        expect_mention(ctx, accounts.MEMBER, texts.warned(MASKED))
        ctx.receive_event(bot, ordered("禁言", f"2h {SECRET}"))
        ctx.should_call_api(
            "set_group_ban",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "duration": 7200},
            None,
        )
        expect_mention(ctx, accounts.MEMBER, texts.muted(7200, MASKED))
        expect_private_send(
            ctx,
            accounts.LEADER,
            texts.leader_notice(
                accounts.GROUP, "XX社區", texts.what_muted(7200, MASKED), accounts.ADMIN
            ),
        )
        ctx.receive_event(bot, ordered("移出"))
        ctx.should_call_api(
            "set_group_kick",
            {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "reject_add_request": False},
            None,
        )
        expect_gone(ctx, accounts.GROUP, accounts.MEMBER)
        expect_group_send(ctx, texts.kicked(MASKED))
        expect_private_send(
            ctx,
            accounts.LEADER,
            texts.leader_notice(
                accounts.GROUP, "XX社區", texts.what_kicked(MASKED), accounts.ADMIN
            ),
        )
    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.reason) for r in rows] == [
        ("warning", MASKED),
        ("mute", MASKED),
        ("kick", MASKED),
    ]
    await assert_not_stored()


async def test_a_plain_reason_is_kept_as_typed(app: App) -> None:
    await filed_group()
    await scanning_duties_off()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, ordered("警告", "在群裏 刷屏 三次"))
        expect_mention(ctx, accounts.MEMBER, texts.warned("在群裏 刷屏 三次"))
    assert (await MeasureRecord.get()).reason == "在群裏 刷屏 三次"


async def test_a_ban_request_is_filed_told_and_posted_masked(app: App) -> None:
    await filed_group()
    await scanning_duties_off()
    number = await next_request_number()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, ordered("拉黑"))
        expect_lookup(ctx, accounts.GROUP, accounts.MEMBER, True)
        expect_kick(ctx, accounts.GROUP, accounts.MEMBER)
        notice = texts.request_notice(
            number, accounts.GROUP, "XX社區", accounts.ADMIN, accounts.MEMBER, MASKED, True
        )
        for who in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
        expect_group_send(ctx, texts.request_filed(number, MASKED, True))
    assert (await BlacklistRequest.get()).reason == MASKED
    assert (await MeasureRecord.get()).reason == MASKED
    await assert_not_stored()


async def test_rejecting_and_lifting_keep_their_reasons_masked(app: App) -> None:
    await filed_group()
    request = await requested()
    entry = await BlacklistEntry.create(user_id=accounts.STRANGER, source_group=accounts.GROUP)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/駁回拉黑 {request.id} {SECRET}", accounts.LEADER))
        expect_private_send(ctx, accounts.LEADER, texts.request_rejected(request.id, MASKED))
        expect_private_send(ctx, accounts.ADMIN, texts.requester_rejected(request.id, MASKED))
        ctx.receive_event(
            bot, private_msg(f"/解除黑名單 {accounts.STRANGER} {SECRET}", accounts.DEPARTMENT)
        )
        expect_private_send(ctx, accounts.DEPARTMENT, texts.lifted(accounts.STRANGER, MASKED))
    await request.refresh_from_db()
    await entry.refresh_from_db()
    assert (request.decision_reason, entry.lift_reason) == (MASKED, MASKED)
    record = await MeasureRecord.get()
    assert (record.action, record.status, record.reason) == (
        "unblacklist",
        RecordStatus.DONE,
        MASKED,
    )
    await assert_not_stored()


async def test_a_report_s_note_reaches_the_admins_masked(app: App) -> None:
    await filed_group()
    await scanning_duties_off()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, reporting(f"/舉報 {SECRET}"))
        expect_private_send(ctx, accounts.ADMIN, report_notice(accounts.STRANGER, MASKED))
        expect_private_send(ctx, accounts.STRANGER, texts.REPORT_THANKS)
    await assert_not_stored()


async def test_records_kept_before_redaction_are_listed_masked(app: App) -> None:
    group = await filed_group()
    old = await carry_out(
        None,
        Measure.in_group(
            group, kind="warning", article=10, target=accounts.MEMBER, actor=1, reason=SECRET
        ),
    )
    assert old.reason == SECRET  # as an older version kept it
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/記錄", accounts.ADMIN))
        listing = "\n".join([texts.records_header(1, accounts.GROUP), record_line(old)])
        expect_private_send(ctx, accounts.ADMIN, listing)
        expect_group_send(ctx, texts.RECORDS_SENT)
    assert MASKED in listing
    assert ID not in listing
