"""/舉報: the replied-to message goes to the admins privately; nothing is said in the group."""

import time

from nonebot.adapters.onebot.v11 import GroupMessageEvent, Message, MessageSegment
from nonebot.adapters.onebot.v11.event import Reply, Sender
from nonebug import App

from adapters.events import quoted_by
from models.measures import MeasureRecord
from plugins.measures import texts
from plugins.scanner.redact import mask_term as masked
from tests import accounts
from tests.factories import expect_private_send, group_msg, make_bot
from tests.plugins.registry.helpers import filed_group

QUOTED_ID = 8801
QUOTED_TEXT = "明天大家都别来上班了哈哈"


def reporting(
    text: str, reporter: int = accounts.STRANGER, author: int = accounts.MEMBER
) -> GroupMessageEvent:
    """As the OneBot adapter hands it on: the quote fetched into `reply`, its segment removed."""
    event = group_msg(text, reporter)
    quoted = Message(MessageSegment.text(QUOTED_TEXT))
    event.reply = Reply(
        time=int(time.time()),
        message_type="group",
        message_id=QUOTED_ID,
        real_id=QUOTED_ID,
        sender=Sender(user_id=author, nickname="x"),
        message=quoted,
    )
    event.original_message = MessageSegment.reply(QUOTED_ID) + event.original_message
    return event


def notice(reporter: int, note: str) -> str:
    return texts.report_notice(
        accounts.GROUP, "XX社區", reporter, QUOTED_ID, accounts.MEMBER, masked(QUOTED_TEXT), note
    )


async def test_a_report_reaches_the_admins_privately_and_the_reporter_is_thanked(
    app: App,
) -> None:
    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, reporting("/舉報 造謠影響工作"))
        expect_private_send(ctx, accounts.ADMIN, notice(accounts.STRANGER, "造謠影響工作"))
        expect_private_send(ctx, accounts.OWNER, notice(accounts.STRANGER, "造謠影響工作"))
        expect_private_send(ctx, accounts.STRANGER, texts.REPORT_THANKS)
    assert await MeasureRecord.all().count() == 0


async def test_an_admin_reporting_is_left_out_of_the_recipients(app: App) -> None:
    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, reporting("/report", reporter=accounts.ADMIN))
        expect_private_send(ctx, accounts.OWNER, notice(accounts.ADMIN, ""))
        expect_private_send(ctx, accounts.ADMIN, texts.REPORT_THANKS)
    assert QUOTED_TEXT not in notice(accounts.ADMIN, "")


async def test_the_unit_leader_hears_when_no_other_admin_is_left(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, reporting("/举报", reporter=accounts.STRANGER, author=accounts.ADMIN)
        )
        expect_private_send(
            ctx,
            accounts.LEADER,
            texts.report_notice(
                accounts.GROUP,
                "XX社區",
                accounts.STRANGER,
                QUOTED_ID,
                accounts.ADMIN,
                masked(QUOTED_TEXT),
                "",
            ),
        )
        expect_private_send(ctx, accounts.STRANGER, texts.REPORT_THANKS)


async def test_mistakes_are_answered_privately_never_in_the_group(app: App) -> None:
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, reporting("/舉報"))  # the group is not filed
        expect_private_send(ctx, accounts.STRANGER, texts.REPORT_NOT_FILED)
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/舉報 有人亂發", accounts.STRANGER))  # not a reply
        expect_private_send(ctx, accounts.STRANGER, texts.USAGE_REPORT)
        ctx.receive_event(bot, reporting("/舉報 " + "長" * 201))
        expect_private_send(ctx, accounts.STRANGER, texts.NOTE_TOO_LONG)


def test_the_quote_is_read_from_the_fetched_reply_or_the_original_segment() -> None:
    quote = quoted_by(reporting("/舉報"))
    assert quote is not None
    assert (quote.message_id, quote.sender_id, quote.text) == (
        QUOTED_ID,
        accounts.MEMBER,
        QUOTED_TEXT,
    )
    bare = group_msg("/舉報")
    assert quoted_by(bare) is None
    bare.original_message = MessageSegment.reply(77) + bare.original_message
    quote = quoted_by(bare)
    assert quote is not None
    assert (quote.message_id, quote.sender_id, quote.text) == (77, None, "")
