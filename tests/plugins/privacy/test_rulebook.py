"""The privacy duty under another rulebook: renumbered, cited and filed under its new number;
left out, its command does not apply."""

import pytest
from nonebug import App

from core.duties import unbound
from models.measures import MeasureRecord
from plugins.privacy import texts
from tests import accounts
from tests.factories import expect_group_send, group_msg, make_bot
from tests.plugins.confidential.helpers import expect_mention, expect_recall
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install, shifted, without

MASKED_ID = "110101********7571"


async def test_renumbered_the_duty_cites_and_files_its_new_number(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, shifted(2))  # privacy 4 → 6
    reminder = texts.withdrawn(["id_number"], [MASKED_ID], 3)
    assert "依第6條，請保護群成員的個人信息" in reminder
    assert "（第6條：保護群成員的個人信息）" in texts.not_withdrawn(["id_number"], [MASKED_ID], 3)
    assert texts.option_state({"phone": False}).startswith(
        "【隱私選項】身份證號一律撤回（第6條）。"
    )
    assert texts.option_switched("phone", True).endswith("（第6條）。")
    await filed_group()
    event = group_msg("張三身份證號 110101199003077571，請幫忙登記")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, reminder)
    assert (await MeasureRecord.get()).article == 6


async def test_left_out_its_command_does_not_apply(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, without("privacy"))
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/隱私選項 手機 開", accounts.ADMIN))
        expect_group_send(ctx, unbound("隱私"))
