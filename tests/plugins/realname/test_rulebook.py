"""The real-name duty under another rulebook: renumbered, cited and filed under its new numbers;
left out, its commands do not apply."""

import pytest
from nonebug import App

from core.duties import unbound
from models.measures import BlacklistEntry, MeasureRecord
from plugins.realname import asking_texts, store, texts
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install, shifted, without

from .events import FIXED_NOW, expect_kick, joined


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


async def test_renumbered_the_duty_cites_and_files_its_new_numbers(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, shifted(2))  # realname 4, 7 → 6, 9
    assert "依實名制要求（第6條、第9條）" in texts.card_prompt("問題", "明天", True)
    assert "不符合實名要求（第6條、第9條）" in texts.card_recheck_prompt("問題", "明天")
    assert "依本群實名制要求（第6條）" in asking_texts.join_question("群", "XX社區", 10)
    assert asking_texts.joined_unproved_notice(1, "XX社區", 2).endswith("請核實其身份（第6條）。")
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.STRANGER))
        expect_kick(ctx, accounts.STRANGER, refuse=True)
        notice = texts.blacklisted_removed_notice(accounts.GROUP, "XX社區", accounts.STRANGER, True)
        assert notice.endswith("（第6條）。")
        expect_private_send(ctx, accounts.ADMIN, notice)
    assert (await MeasureRecord.get()).article == 6


async def test_left_out_its_commands_do_not_apply(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, without("realname"))
    await filed_group()
    refusal = unbound("實名")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for typed in ("/實名檢查", "/名片格式", "/實名設定"):
            ctx.receive_event(bot, group_msg(typed, accounts.ADMIN))
            expect_group_send(ctx, refusal)
