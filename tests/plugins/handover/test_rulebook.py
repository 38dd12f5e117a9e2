"""The handover under another rulebook: a duty left out does not run, renumbered articles are
cited and filed under their new numbers."""

import pytest
from nonebug import App

from core.duties import unbound
from models.handover import Handover
from models.measures import MeasureRecord
from plugins.handover import store, texts
from plugins.realname import store as realname
from plugins.realname.roster import RosterEntry
from tests import accounts
from tests.factories import (
    expect_group_send,
    expect_member,
    expect_private_send,
    group_msg,
    make_bot,
    message,
)
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import install, shifted, without

from .helpers import CARD_OK, DEADLINE, FIXED_NOW, expect_mention, pending

OLD_CARD = "XX社區-李四"


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


def department_notice(rights: str) -> str:
    return texts.department_notice(
        group_id=accounts.GROUP,
        group_name="測試群",
        unit="XX社區",
        old=accounts.ADMIN,
        new=accounts.MEMBER,
        opened_by=accounts.ADMIN,
        reason="調崗",
        forced=False,
        rights=rights,
    )


async def _departed_roster() -> None:
    await realname.import_roster(
        [
            RosterEntry("XX社區", "李四", accounts.ADMIN, "調離"),
            RosterEntry("XX社區", "張三", accounts.MEMBER, "在崗"),
        ],
        "roster.csv",
    )


async def test_without_the_handover_duty_its_commands_do_not_apply(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, without("handover"))
    group = await filed_group()
    await pending(group)
    refusal = unbound("交接")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/交接管理員 ", accounts.STRANGER), accounts.ADMIN)
        )
        expect_group_send(ctx, refusal)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_group_send(ctx, refusal)
    # The one pending before is left as it was; nothing is opened, completed or recorded.
    assert [(h.to_admin, h.status.value) for h in await Handover.all()] == [
        (accounts.MEMBER, "pending")
    ]
    assert not await MeasureRecord.exists()


async def test_without_the_departed_duty_a_departed_old_admin_is_neither_told_nor_flagged(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, without("departed"))
    await pending(await filed_group())
    await _departed_roster()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, OLD_CARD, "member")
        expect_member(ctx, accounts.MEMBER, CARD_OK, "admin")
        expect_member(ctx, accounts.SELF, "", "admin")
        expect_mention(ctx, accounts.MEMBER, texts.done("none", ""))
        expect_private_send(ctx, accounts.DEPARTMENT, department_notice("none"))
        expect_private_send(ctx, accounts.SUPERUSER, department_notice("none"))
    assert [r.action for r in await MeasureRecord.all()] == ["handover"]


async def test_renumbered_articles_are_cited_and_filed_under_their_numbers(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, shifted(2))  # filing 3 → 5, handover 5 → 7, departed 14 → 16
    assert "（第7條）" in texts.opened("", DEADLINE, replaced=False)
    assert "（第7條）" in texts.done("none", "")
    assert "請據此更新備案（第5條）" in department_notice("none")
    assert "依第16條，已調離的人員應退出" in texts.departed_reminder(accounts.GROUP, "測試群")
    assert texts.departed_reason() == "原群組管理員已調離，應退群（第16條）"
    assert "請建群單位及時指定（第5條、第7條）" in texts.no_admin_notice(1, "群", "XX社區", 2)
    await filed_group()
    await _departed_roster()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(message("/交接管理員 ", accounts.MEMBER), accounts.ADMIN))
        expect_member(ctx, accounts.MEMBER, CARD_OK)
        expect_mention(ctx, accounts.MEMBER, texts.opened("", DEADLINE, replaced=False))
        ctx.receive_event(bot, group_msg("/確認交接", accounts.MEMBER))
        expect_member(ctx, accounts.ADMIN, OLD_CARD, "member")
        expect_member(ctx, accounts.MEMBER, CARD_OK, "admin")
        expect_member(ctx, accounts.SELF, "", "admin")
        expect_mention(ctx, accounts.MEMBER, texts.done("none", ""))
        notice = texts.department_notice(
            group_id=accounts.GROUP,
            group_name="測試群",
            unit="XX社區",
            old=accounts.ADMIN,
            new=accounts.MEMBER,
            opened_by=accounts.ADMIN,
            reason="",
            forced=False,
            rights="none",
        )
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)
        expect_private_send(ctx, accounts.ADMIN, texts.departed_reminder(accounts.GROUP, "測試群"))
    records = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.article) for r in records] == [("handover", 7), ("departed_admin", 16)]
    assert records[1].reason == "原群組管理員已調離，應退群（第16條）"
