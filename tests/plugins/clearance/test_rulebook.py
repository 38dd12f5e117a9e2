"""The clearance duty under another rulebook: the departed and dissolution duties left out do not
run, and renumbered articles are cited and filed under their new numbers."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebug import App

from adapters.message import Text
from adapters.port import Member
from core.duties import unbound
from models.clearance import Exemption, WeeklyRun
from models.measures import MeasureRecord
from models.registry import ActivityDay, Group
from plugins.clearance import texts
from plugins.clearance.candidates import Facts, article_for, sweep
from plugins.clearance.jobs import run_due
from plugins.realname.card import DEFAULT_CARD_PATTERN, compile_card_rule
from plugins.realname.roster_index import RosterIndex
from plugins.registry import store as registry_store
from tests import accounts
from tests.factories import expect_group_send, group_msg, make_bot, message
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install, shifted, without

from .helpers import expect_group_parts, expect_members, member
from .people import AT, LATELY, LI, LONG_AGO, ROSTER, WEEK

OWNER = member(accounts.OWNER, "XX社區-王群主", "owner")


def _facts(*members: Member) -> Facts:
    return Facts(
        members=members,
        self_id=accounts.SELF,
        group_unit="XX社區",
        rule=compile_card_rule(DEFAULT_CARD_PATTERN, "test"),
        roster=RosterIndex(ROSTER),
        now=AT,
        silent_days=90,
    )


def test_without_the_departed_duty_nobody_is_listed_as_departed() -> None:
    li = Member(LI.account, "u", "XX社區-李四", "admin", join_time=LONG_AGO, last_sent_time=LATELY)
    assert [c.reasons for c in sweep(_facts(li)).kept] == [("departed",)]
    result = sweep(replace(_facts(li), departed_duty=False))
    assert all("departed" not in c.reasons for c in (*result.remove, *result.kept))
    assert result.departed_admins == ()
    book = without("departed")
    assert article_for(("departed", "silent"), book) == 4
    assert texts.articles() == "第四條、第十四條"  # the rulebook in force is still the default


async def test_without_the_dissolution_duty_no_reminder_and_no_digest(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, without("dissolution"))
    done = await filed_group()
    await Group.filter(id=done.id).update(
        filed_at=AT - timedelta(days=100),
        finished_at=AT - timedelta(days=2),
        finished_reason="活動結束",
    )
    dormant = await filed_group(accounts.OTHER_GROUP, unit="XX村", admins=(accounts.OWNER,))
    await Group.filter(id=dormant.id).update(filed_at=AT - timedelta(days=100))
    await ActivityDay.create(group=dormant, day=date(2025, 12, 12), messages=3)
    await registry_store.switch(dormant, "clearance", False, accounts.OWNER)
    async with app.test_api() as ctx:
        make_bot(ctx)
        expect_members(ctx, OWNER)  # the member check goes on, and cites what binds it
        counts = texts.weekly_counts(1, 0, [], 0, 90)
        assert counts.endswith("（第四條、第十四條）。")
        expect_group_parts(ctx, (Text(counts),))
        await run_due(AT)
    assert [(r.week, r.kind) for r in await WeeklyRun.all()] == [(WEEK, "members")]


async def test_without_the_clearance_duty_its_commands_do_not_apply(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, without("clearance"))
    await filed_group()
    refusal = unbound("清理")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        keep = message("/保留 ", accounts.STRANGER) + " 駐點社工"
        for typed in (keep, "/清理檢查", "/清理確認 1", "/清理設定"):
            ctx.receive_event(bot, group_msg(typed, accounts.ADMIN))
            expect_group_send(ctx, refusal)
    assert not await Exemption.exists()
    assert not await MeasureRecord.exists()


async def test_renumbered_articles_are_cited_and_filed_under_their_numbers(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = shifted(2)  # clearance 4 → 6, handover 5 → 7, departed and dissolution 14 → 16
    install(monkeypatch, book)
    assert texts.weekly_counts(1, 0, [], 0, 90).endswith("（第6條、第16條）。")
    assert "移出 2 人（第6條、第16條）。" in texts.leader_cleared("XX社區", 1, 3, 2, 40001)
    assert "依第7條、第16條，請安排" in texts.departed_admin_notice("XX社區", 1, "某", 2)
    assert "依第16條，工作職能已完結" in texts.dissolve_reminder("XX社區", "群", True)
    assert texts.digest_head(2).endswith("（第16條）：")
    assert (article_for(("departed",), book), article_for(("silent",), book)) == (16, 6)
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        keep = message("/保留 ", accounts.STRANGER) + " 駐點社工"
        ctx.receive_event(bot, group_msg(keep, accounts.ADMIN))
        kept = Message([MessageSegment.at(accounts.STRANGER), MessageSegment.text(texts.KEPT)])
        ctx.should_call_api(
            "send_group_msg", {"group_id": accounts.GROUP, "message": kept}, {"message_id": 1}
        )
    record = await MeasureRecord.get()
    assert (record.action, record.article) == ("clearance_keep", 6)
