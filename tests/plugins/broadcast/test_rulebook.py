"""Broadcasts under another rulebook: left out, nothing is previewed, confirmed or resumed;
renumbered, the records are filed under the new number."""

import asyncio

import pytest
from nonebot.adapters.onebot.v11 import Bot
from nonebug import App

from core.duties import unbound
from models.broadcast import Broadcast, BroadcastStatus
from models.measures import MeasureRecord
from tests import accounts
from tests.factories import expect_private_send, make_bot, private_msg
from tests.plugins.broadcast.helpers import expect_notice
from tests.plugins.broadcast.test_resume import THIRD, cut_short
from tests.rulebooks import install, shifted, without


async def test_left_out_the_commands_do_not_apply_and_nothing_resumes(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plugins.broadcast import service

    b = await cut_short()  # confirmed under the rulebook before, cut short
    install(monkeypatch, without("broadcast"))
    refusal = unbound("群發通知")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, private_msg("/群發 全部 開會", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, refusal)
        ctx.receive_event(bot, private_msg(f"/確認群發 {b.id}", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, refusal)
        assert await service.resume() == []
    assert await Broadcast.all().count() == 1
    await b.refresh_from_db()
    assert b.status == BroadcastStatus.SENDING
    assert not await MeasureRecord.exists()


async def test_renumbered_its_records_are_filed_under_the_new_number(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plugins.broadcast import service

    install(monkeypatch, shifted(2))  # broadcast 6 → 8
    async with app.test_api() as ctx:
        ctx.create_bot(base=Bot, self_id=str(accounts.SELF))
        await asyncio.sleep(0.05)  # the connect hook's look finds nothing yet
        b = await cut_short()
        expect_notice(ctx, THIRD, "開會")
        assert await service.resume() == [b.id]
    records = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.article) for r in records] == [("broadcast", 8), ("notice", 8)]
