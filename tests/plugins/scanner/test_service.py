"""The shared scan: one computation per message, forwarded bundles fetched through the port."""

import asyncio

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebug import App

from plugins.scanner import service
from tests.factories import group_msg, make_bot, private_msg


async def test_one_scan_per_message_however_many_duties_ask(app: App) -> None:
    service.forget()
    forward = Message(MessageSegment.text("請看：")) + MessageSegment.forward("fw1")
    event = group_msg(forward)
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        # Fetched once, although three duties ask at the same time.
        ctx.should_call_api(
            "get_forward_msg",
            {"id": "fw1"},
            {"messages": [{"message": [{"type": "text", "data": {"text": "機密★1年 的通知"}}]}]},
        )
        results = await asyncio.gather(*(service.scan_message(bot, event) for _ in range(3)))
    first = results[0]
    assert first is not None
    assert all(r is first for r in results)
    marked = first.of_kind("confidential")
    assert [f.category for f in marked] == ["state_secret"]
    assert first.pieces[marked[0].piece].source == "forward"
    assert first.matched_text(marked[0]).startswith("機密★")
    assert first.cut_short == ()


async def test_a_refused_fetch_is_skipped_and_private_chats_are_not_scanned(app: App) -> None:
    from nonebot.adapters.onebot.v11.exception import ActionFailed

    service.forget()
    event = group_msg(Message(MessageSegment.forward("gone")))
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        ctx.should_call_api("get_forward_msg", {"id": "gone"}, exception=ActionFailed(retcode=100))
        result = await service.scan_message(bot, event)
        assert result is not None
        assert result.findings == ()
        assert result.cut_short == ("fetch_failed",)  # said, for the confidential duty to act on
        assert await service.scan_message(bot, private_msg("機密★", 50001)) is None


async def test_the_bots_own_messages_are_not_scanned(app: App) -> None:
    from tests import accounts

    service.forget()
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        own = group_msg(Message(MessageSegment.forward("never-fetched")), accounts.SELF)
        assert await service.scan_message(bot, own) is None


async def test_the_first_duty_to_claim_a_recall_has_it(app: App) -> None:
    service.forget()
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        event = group_msg("機密★ 110101199003077571")
        result = await service.scan_message(bot, event)
        assert result is not None
        assert result.claim_recall("confidential")
        assert not result.claim_recall("privacy")
        assert not result.claim_recall("confidential")
        assert result.recalled_by == ["confidential"]
        again = await service.scan_message(bot, event)
        assert again is result
        assert not again.claim_recall("content")


def test_findings_in_text_without_a_message() -> None:
    from plugins.scanner.findings import TextPiece

    found = service.findings_in([TextPiece("file", "方案（絕密★長期）.pdf")])
    assert [(f.kind, f.category, f.piece) for f in found] == [("confidential", "state_secret", 0)]
    assert service.findings_in([TextPiece("file", "簽到表.xlsx")]) == ()
