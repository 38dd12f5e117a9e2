"""A card format and a join answer typed with an ID number are echoed and passed on masked."""

import pytest
from nonebug import App

from models.realname import RealnameSetting
from plugins.realname import texts
from plugins.realname.rules import CardRuleError, compiled
from tests import accounts
from tests.factories import (
    expect_group_info,
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
)
from tests.plugins.registry.helpers import filed_group
from tests.redaction import ID, MASKED_ID, assert_not_stored, scanning_duties_off

from .events import join_request


async def test_a_card_format_with_an_id_number_is_refused_masked(app: App) -> None:
    await filed_group()
    await scanning_duties_off()
    with pytest.raises(CardRuleError) as refused:
        compiled(f"{{單位}}-{MASKED_ID}", texts.CARD_FORMAT_SETTING)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/名片格式 {{單位}}-{ID}", accounts.ADMIN))
        expect_group_send(ctx, str(refused.value))
    assert MASKED_ID in str(refused.value)
    assert await RealnameSetting.all().count() == 0


async def test_a_join_answer_reaches_the_admins_masked(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, join_request(accounts.STRANGER, f"問題：姓名\n答案：張三 {ID}"))
        expect_group_info(ctx)
        notice = texts.join_request_notice(
            accounts.GROUP,
            "XX社區",
            accounts.STRANGER,
            f"張三 {MASKED_ID}",
            texts.JOIN_NO_ROSTER,
            "",
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
    await assert_not_stored(ID)
