"""The reports under another rulebook: cited in its numbering, and silent where it leaves the
reports or the trial duty out."""

from datetime import UTC, date, datetime

import pytest
from nonebug import App

from core.duties import unbound
from models.measures import MeasureRecord
from plugins.reports import jobs, texts
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot, private_msg
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import edited, install, second

MONDAY_0930 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 street time: the digest is due


def test_the_reports_cite_the_rulebook_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    assert texts.sent_to_admins() == "本群的合規報告（第十五條）已私聊發送給群組管理員。"
    second(monkeypatch)
    assert texts.sent_to_admins() == "本群的合規報告（第15條）已私聊發送給群組管理員。"
    reminder = texts.trial_reminder("辦法", date(2025, 1, 1), 2, date(2027, 1, 1), 3)
    assert "尚餘 3 天（第16條）" in reminder
    assert "群規檔的 in_force 與 trial_years" in reminder


async def test_without_the_reports_duty_nothing_is_reported(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, edited(('duties = ["reports"]\n', "")))
    await filed_group()
    refusal = unbound("督查考核")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/合規報告", accounts.ADMIN))
        expect_group_send(ctx, refusal)
        ctx.receive_event(bot, private_msg("/全街報告", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, refusal)
    async with app.test_api() as ctx:
        make_bot(ctx)
        assert not await jobs.weekly_digest(MONDAY_0930)
    assert await MeasureRecord.all().count() == 0
