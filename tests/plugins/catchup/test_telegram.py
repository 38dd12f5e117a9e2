"""On connect, a Telegram account has nothing to read back (getUpdates keeps what came meanwhile)
and no group list to ask for; an unconfirmed recall is still tried again, in the groups the
account is known in from their events."""

import pytest
from nonebug import App

from adapters import events
from adapters.actions import Recall
from adapters.telegram_events import NAME as TELEGRAM
from core import accounts
from models.measures import MeasureRecord, RecordStatus
from plugins.catchup.run import catch_up
from plugins.measures.measure import Measure
from plugins.measures.retry import retry_unconfirmed
from plugins.measures.service import carry_out
from tests import telegram as tg
from tests.tg_calls import (
    expect,
    expect_member,
    filed_tg_group,
    params,
    telegram_world,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.usefixtures("telegram_world")


async def test_the_catch_up_asks_telegram_nothing(app: App) -> None:
    await filed_tg_group()
    async with app.test_api() as ctx:
        bot = tg.make_bot(ctx)
        await catch_up(events.platform_for(bot))  # no call expected: none may be made


def recall(message_id: int) -> Measure:
    return Measure(
        kind="recall",
        article=11,
        action=Recall(tg.GROUP, message_id),
        group_id=tg.GROUP,
        target=tg.MEMBER,
        platform=TELEGRAM,
        target_role="member",
        detail={"message_id": message_id},
    )


async def test_an_unconfirmed_recall_is_tried_again_in_a_group_learnt_from_events(
    app: App,
) -> None:
    await filed_tg_group()
    async with app.test_api() as ctx:
        bot = tg.make_bot(ctx)
        platform = events.platform_for(bot)
        ctx.should_call_api(
            "delete_message",
            params("delete_message", chat_id=tg.GROUP, message_id=41),
            exception=TimeoutError("no answer"),
        )
        first = await carry_out(platform, recall(41))
        assert first.status == RecordStatus.UNCONFIRMED
        # The bot's groups are known from their events (there is no list to ask for).
        assert await retry_unconfirmed(platform) == []  # not known in any group yet
        accounts.note(TELEGRAM, str(tg.SELF), tg.GROUP)
        expect_member(ctx, tg.MEMBER, "member")  # the retry knows no role: the bot asks
        expect(ctx, "delete_message", chat_id=tg.GROUP, message_id=41)
        made = await retry_unconfirmed(platform)
    again = await MeasureRecord.get(id=made[0])
    assert (again.status, again.detail["retry_of"]) == (RecordStatus.DONE, first.id)
