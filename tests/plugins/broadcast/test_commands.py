"""/群發 and /確認群發: a preview first, then one send per group through its own account."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from nonebug import App

from core import accounts as bot_accounts
from models.broadcast import Broadcast, BroadcastStatus, BroadcastTarget, TargetStatus
from models.measures import MeasureRecord, RecordStatus
from models.registry import GroupStatus, GroupType
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot, private_msg
from tests.plugins.broadcast.helpers import (
    expect_notice,
    expect_notice_refused,
    expect_private_capture,
    notice,
)
from tests.plugins.registry.helpers import filed_group

THIRD = 700300


async def two_units() -> None:
    await filed_group()  # XX社區, 內部
    await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))


def expected_preview(b: Broadcast, shown: list[str], groups: list[tuple[str, int, str]]) -> str:
    from plugins.broadcast import texts

    until = f"{b.expires_at.astimezone(ZoneInfo('Asia/Shanghai')):%H:%M}"
    return texts.preview(b.id, shown, groups, notice(b.text), until)


async def test_others_get_the_standard_refusal(app: App) -> None:
    from plugins.registry import texts as registry_texts

    await two_units()
    refused = registry_texts.refused(["黨群工作部"])
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群發 全部 開會", accounts.ADMIN))
        expect_group_send(ctx, refused)
        ctx.receive_event(bot, private_msg("/broadcast 全部 開會", accounts.LEADER))
        expect_private_send(ctx, accounts.LEADER, refused)
        ctx.receive_event(bot, private_msg("/確認群發 1", accounts.MEMBER))
        expect_private_send(ctx, accounts.MEMBER, refused)
    assert await Broadcast.all().count() == 0


async def test_preview_then_confirm_sends_once_to_each_selected_group(app: App) -> None:
    from plugins.broadcast import texts

    await two_units()
    await filed_group(THIRD, unit="XX社區", admins=(accounts.OWNER,))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, private_msg("/群發 XX社區 明天 9 點開會\n請準時", accounts.DEPARTMENT)
        )
        preview = expect_private_capture(ctx, accounts.DEPARTMENT)

    b = await Broadcast.get()
    assert (b.status, b.asked_by, b.text) == (
        BroadcastStatus.PREVIEW,
        accounts.DEPARTMENT,
        "明天 9 點開會\n請準時",
    )
    assert b.expires_at - b.asked_at == timedelta(minutes=30)
    groups = [("XX社區", accounts.GROUP, "測試群"), ("XX社區", THIRD, "測試群")]
    assert preview.text == expected_preview(b, ["XX社區"], groups)
    assert f"/確認群發 {b.id}" in preview.text

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/確認群發 {b.id}", accounts.SUPERUSER))
        expect_notice(ctx, accounts.GROUP, "明天 9 點開會\n請準時")
        expect_notice_refused(ctx, THIRD, "明天 9 點開會\n請準時")
        refused = ((THIRD, "平台拒絕：群已被禁言"),)
        said = texts.tally(b.id, sent=1, refused=refused, unconfirmed=0, waiting=0, skipped=0)
        expect_private_send(ctx, accounts.SUPERUSER, said)
        # Confirmed twice: told so, nothing sent again.
        ctx.receive_event(bot, private_msg(f"/確認群發 {b.id}", accounts.DEPARTMENT))
        again = texts.tally(
            b.id, sent=1, refused=refused, unconfirmed=0, waiting=0, skipped=0, already=True
        )
        expect_private_send(ctx, accounts.DEPARTMENT, again)

    await b.refresh_from_db()
    assert (b.status, b.confirmed_by) == (BroadcastStatus.DONE, accounts.SUPERUSER)
    rows = {t.group_id: t for t in await BroadcastTarget.filter(broadcast_id=b.id)}
    assert set(rows) == {accounts.GROUP, THIRD}  # never OTHER_GROUP (XX村)
    assert rows[accounts.GROUP].status == TargetStatus.SENT
    assert rows[accounts.GROUP].bot_id == str(accounts.SELF)
    assert (rows[THIRD].status, rows[THIRD].answer) == (TargetStatus.REFUSED, refused[0][1])

    # On record, in the chain: the confirmation, then one record per group with its outcome.
    records = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.group_id, r.status) for r in records] == [
        ("broadcast", None, RecordStatus.DONE),
        ("notice", accounts.GROUP, RecordStatus.DONE),
        ("notice", THIRD, RecordStatus.FAILED),
    ]
    assert records[0].actor == accounts.SUPERUSER
    assert records[0].detail["groups"] == [accounts.GROUP, THIRD]
    assert all(r.detail["broadcast"] == b.id for r in records)
    assert len({r.evidence for r in records}) == 1
    assert records[0].evidence.startswith("sha256:")
    assert b.record_id == records[0].id
    assert rows[accounts.GROUP].record_id == records[1].id


async def test_asked_in_a_group_the_preview_goes_privately_and_markup_stays_text(
    app: App,
) -> None:
    from plugins.broadcast import texts

    await two_units()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群發 XX村 [CQ:at,qq=all] 開會", accounts.DEPARTMENT))
        preview = expect_private_capture(ctx, accounts.DEPARTMENT)
        expect_group_send(ctx, texts.PREVIEW_SENT)
    b = await Broadcast.get()
    assert b.text == "[CQ:at,qq=all] 開會"
    assert preview.text == expected_preview(b, ["XX村"], [("XX村", accounts.OTHER_GROUP, "測試群")])

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/确认群发 {b.id}", accounts.DEPARTMENT))
        expect_notice(ctx, accounts.OTHER_GROUP, "[CQ:at,qq=all] 開會")  # one text segment
        said = texts.tally(b.id, sent=1, refused=(), unconfirmed=0, waiting=0, skipped=0)
        expect_group_send(ctx, said)


async def test_bad_arguments_change_nothing(app: App) -> None:
    from plugins.broadcast import texts
    from plugins.broadcast.parse import MAX_TEXT

    await two_units()
    too_long = "字" * (MAX_TEXT + 1)
    cases = [
        ("/群發", texts.NO_SELECTOR),
        ("/群發 明天開會", texts.NO_SELECTOR),
        ("/群發 內部 XX社區", texts.NO_TEXT),
        ("/群發 內部 火星辦 ｜ 開會", texts.unknown_selector("火星辦", ["XX社區", "XX村"])),
        (f"/群發 內部 {too_long}", texts.too_long(MAX_TEXT + 1)),
        ("/群發 群眾 開會", texts.nothing_selected(["群眾"])),
        ("/群發 內部 轉發機密★1年文件", texts.flagged(["confidential"])),
        ("/確認群發", texts.USAGE_CONFIRM),
        ("/確認群發 abc", texts.USAGE_CONFIRM),
        ("/確認群發 999999", texts.unknown_number(999999)),
    ]
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for typed, said in cases:
            ctx.receive_event(bot, private_msg(typed, accounts.DEPARTMENT))
            expect_private_send(ctx, accounts.DEPARTMENT, said)
    assert await Broadcast.all().count() == 0
    assert await MeasureRecord.all().count() == 0


async def test_a_pending_public_group_is_not_selected(app: App) -> None:
    from plugins.broadcast import texts

    await filed_group(status=GroupStatus.PENDING, group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/群發 全部 開會", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.nothing_selected(["全部"]))


async def test_an_expired_preview_is_not_sent(app: App) -> None:
    from plugins.broadcast import texts

    await two_units()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/群發 全部 開會", accounts.DEPARTMENT))
        expect_private_capture(ctx, accounts.DEPARTMENT)
    b = await Broadcast.get()
    b.expires_at = b.asked_at - timedelta(seconds=1)
    await b.save()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/確認群發 {b.id}", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, texts.expired(b.id))
    await b.refresh_from_db()
    assert b.status == BroadcastStatus.PREVIEW
    assert await MeasureRecord.all().count() == 0


async def test_a_group_no_account_here_is_in_waits_and_is_never_sent_elsewhere(app: App) -> None:
    from plugins.broadcast import texts

    await two_units()
    # Another account (of another process) is the one in XX村's group; ours is in XX社區's.
    bot_accounts.note("qq", "88888", accounts.OTHER_GROUP, "admin")
    bot_accounts.note("qq", str(accounts.SELF), accounts.GROUP, "owner")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/群發 全部 開會", accounts.DEPARTMENT))
        expect_private_capture(ctx, accounts.DEPARTMENT)
    b = await Broadcast.get()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg(f"/確認群發 {b.id}", accounts.DEPARTMENT))
        expect_notice(ctx, accounts.GROUP, "開會")
        said = texts.tally(b.id, sent=1, refused=(), unconfirmed=0, waiting=1, skipped=0)
        expect_private_send(ctx, accounts.DEPARTMENT, said)
    await b.refresh_from_db()
    assert b.status == BroadcastStatus.SENDING  # the job goes on with it
    waiting = await BroadcastTarget.get(broadcast_id=b.id, group_id=accounts.OTHER_GROUP)
    assert (waiting.status, waiting.answer) == (TargetStatus.WAITING, texts.NO_ACCOUNT_HERE)


async def test_a_notice_is_text_only_and_may_give_a_phone_number(app: App) -> None:
    from plugins.broadcast import service, texts
    from tests.factories import message

    assert service.check_text("停水通知，諮詢電話 13812345678") is None
    flagged = service.check_text("身份證 11010519491231002X 請勿外傳")
    assert flagged is not None
    assert set(flagged.kinds) == {"privacy", "confidential"}
    await two_units()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        with_mention = message("/群發 全部 開會 ", accounts.MEMBER)
        ctx.receive_event(bot, group_msg(with_mention, accounts.DEPARTMENT))
        expect_group_send(ctx, texts.NOT_TEXT)
    assert await Broadcast.all().count() == 0
