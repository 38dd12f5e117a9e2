"""The confidential duty under another rulebook: renumbered, cited and filed under its new number;
reported to whom its article's tell chain names; left out, it does nothing."""

import pytest
from nonebot.adapters.onebot.v11 import GroupMessageEvent
from nonebug import App

from core.duties import unbound
from models.measures import MeasureRecord
from plugins.confidential import texts
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot
from tests.plugins.confidential.helpers import expect_mention, expect_recall, local_time, sha256
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install, shifted, telling, without

MARKED = "通知：機密★1年 會議紀要"


def reference(event: GroupMessageEvent) -> str:
    return texts.reference(
        group_id=accounts.GROUP,
        unit="XX社區",
        user_id=event.user_id,
        message_id=event.message_id,
        when=local_time(event.time),
        source="text",
        category="state_secret",
        excerpt="機***年",
        short_hash=sha256(MARKED)[:12],
        markers=1,
        result=texts.outcome(True, "ok"),
    )


async def test_renumbered_the_duty_cites_and_files_its_new_number(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, shifted(2))  # confidential 11 → 13, its tell chain with it
    assert texts.withdrawn() == (
        " 您發送的內容帶有涉密或內部標識，已依第13條撤回。上網不涉密，涉密不上網；如需傳達，請走正式渠道。"
    )
    assert texts.not_withdrawn().endswith("請立即自行撤回（第13條）。")
    assert "依本群設定已撤回（第13條）" in texts.unread_withdrawn()
    assert texts.option_state(True, False, "內部").startswith(
        "【保密選項】帶涉密或內部標識的內容一律撤回（第13條）。"
    )
    await filed_group()
    event = group_msg(MARKED)
    notice = reference(event)
    assert notice.startswith("【保密】第13條：撤回帶涉密或內部標識的內容\n")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)
    record = await MeasureRecord.get()
    assert (record.action, record.article) == ("recall", 13)


async def test_the_recall_is_reported_to_whom_the_article_tells(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, telling(11, "street_leaders"))
    await filed_group()
    event = group_msg(MARKED)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        expect_private_send(ctx, accounts.ADMIN, reference(event))  # the admins always
        expect_private_send(ctx, accounts.STREET_LEADER, reference(event))  # not the unit's
    assert (await MeasureRecord.get()).article == 11


async def test_left_out_the_duty_does_nothing_and_its_command_does_not_apply(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, without("confidential"))
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(MARKED))  # not recalled, nobody told
        ctx.receive_event(bot, group_msg("/保密選項", accounts.ADMIN))
        expect_group_send(ctx, unbound("保密"))
    assert not await MeasureRecord.exists()
