"""/保留 and /取消保留: the reason is kept masked; the group hears none of it."""

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebug import App

from models.clearance import Exemption
from models.measures import MeasureRecord
from plugins.clearance import texts
from tests import accounts
from tests.factories import group_msg, make_bot, message
from tests.plugins.registry.helpers import filed_group
from tests.redaction import MASKED, SECRET, assert_not_stored, scanning_duties_off


def expect_mention(ctx, user_id: int, text: str) -> None:  # type: ignore[no-untyped-def]
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": accounts.GROUP,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )


async def test_keep_and_unkeep_reasons_are_kept_masked(app: App) -> None:
    await filed_group()
    await scanning_duties_off()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        keep = message("/保留 ", accounts.STRANGER) + f" {SECRET}"
        ctx.receive_event(bot, group_msg(keep, accounts.ADMIN))
        expect_mention(ctx, accounts.STRANGER, texts.KEPT)
        unkeep = message("/取消保留 ", accounts.STRANGER) + f" {SECRET}"
        ctx.receive_event(bot, group_msg(unkeep, accounts.ADMIN))
        expect_mention(ctx, accounts.STRANGER, texts.UNKEPT)
    assert (await Exemption.get()).reason == MASKED
    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.reason) for r in rows] == [
        ("clearance_keep", MASKED),
        ("clearance_unkeep", MASKED),
    ]
    await assert_not_stored()
