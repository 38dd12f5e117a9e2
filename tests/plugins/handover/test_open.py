"""/交接管理員: who may open one, the checks on the new admin, a pending handover in the database."""

from datetime import timedelta

import pytest
from nonebug import App

from models.handover import Handover, HandoverStatus
from models.measures import BlacklistEntry, MeasureRecord
from models.registry import RegisteredAdmin
from plugins.handover import store, texts
from plugins.handover.decide import Check, Refusal
from plugins.realname import store as realname
from plugins.realname.roster import RosterEntry
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import (
    expect_group_send,
    expect_member,
    expect_private_send,
    group_msg,
    make_bot,
    message,
    private_msg,
)
from tests.plugins.registry.helpers import filed_group

from .helpers import (
    CARD_OK,
    DEADLINE,
    FIXED_NOW,
    expect_mention,
    expect_no_member,
    expect_set_admin,
    pending,
)

PATTERN, EXAMPLE = "單位-姓名", "XX社區-張三"


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


async def test_an_admin_opens_a_handover_and_the_new_admin_is_asked(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/交接管理員 ", accounts.MEMBER) + " 調崗", accounts.ADMIN)
        )
        expect_member(ctx, accounts.MEMBER, CARD_OK)
        expect_mention(ctx, accounts.MEMBER, texts.opened("調崗", DEADLINE, replaced=False))
    handover = await Handover.get()
    assert (handover.from_admin, handover.to_admin, handover.opened_by, handover.reason) == (
        accounts.ADMIN,
        accounts.MEMBER,
        accounts.ADMIN,
        "調崗",
    )
    assert (handover.status, handover.forced) == (HandoverStatus.PENDING, False)
    assert (handover.opened_at, handover.expires_at) == (FIXED_NOW, FIXED_NOW + timedelta(hours=24))
    # Nothing changes in the registry until the new admin confirms.
    assert [a.user_id for a in await RegisteredAdmin.filter(until=None)] == [accounts.ADMIN]


async def test_the_aliases_and_an_account_number_target(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(f"/handover {accounts.MEMBER}", accounts.LEADER))
        expect_member(ctx, accounts.MEMBER, CARD_OK)
        expect_mention(ctx, accounts.MEMBER, texts.opened("", DEADLINE, replaced=False))
        ctx.receive_event(bot, group_msg(f"/交接管理员 {accounts.STRANGER}", accounts.LEADER))
        expect_member(ctx, accounts.STRANGER, "XX社区—李四")
        expect_mention(ctx, accounts.STRANGER, texts.opened("", DEADLINE, replaced=True))
    rows = await Handover.all().order_by("id")
    assert [(h.to_admin, h.opened_by, h.status) for h in rows] == [
        (accounts.MEMBER, accounts.LEADER, HandoverStatus.CANCELLED),
        (accounts.STRANGER, accounts.LEADER, HandoverStatus.PENDING),
    ]
    assert rows[0].closed_at == FIXED_NOW


async def test_each_failed_check_is_named_and_nothing_is_opened(app: App) -> None:
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER, reason="廣告")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/交接管理員 ", accounts.STRANGER), accounts.ADMIN)
        )
        expect_no_member(ctx, accounts.STRANGER)
        expect_group_send(
            ctx, texts.checks_failed((Check.NOT_MEMBER, Check.BLACKLISTED), PATTERN, EXAMPLE)
        )
        ctx.receive_event(bot, group_msg(message("/交接管理員 ", accounts.MEMBER), accounts.ADMIN))
        expect_member(ctx, accounts.MEMBER, "小張")
        expect_group_send(ctx, texts.checks_failed((Check.NOT_REAL_NAMED,), PATTERN, EXAMPLE))
    assert await Handover.all().count() == 0


async def test_the_roster_decides_where_the_unit_has_one(app: App) -> None:
    """With a roster, a card must name the account's own entry; a roster person passes anyway."""
    await filed_group()
    await realname.import_roster(
        [
            RosterEntry("XX社區", "張三", accounts.MEMBER, "在崗"),
            RosterEntry("XX社區", "李四", accounts.STRANGER, "調離"),
        ],
        "roster.csv",
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(message("/交接管理員 ", accounts.MEMBER), accounts.ADMIN))
        expect_member(ctx, accounts.MEMBER, "阿張")  # a bad card, but the roster knows them
        expect_mention(ctx, accounts.MEMBER, texts.opened("", DEADLINE, replaced=False))
        ctx.receive_event(
            bot, group_msg(message("/交接管理員 ", accounts.STRANGER), accounts.ADMIN)
        )
        expect_member(ctx, accounts.STRANGER, "XX社區-李四")  # their own card, but 調離
        expect_group_send(ctx, texts.checks_failed((Check.NOT_REAL_NAMED,), PATTERN, EXAMPLE))
    assert [h.to_admin for h in await Handover.all()] == [accounts.MEMBER]


async def test_refusals_say_why_in_one_line(app: App) -> None:
    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/交接管理員 ", accounts.STRANGER), accounts.MEMBER)
        )
        expect_group_send(
            ctx, registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
        )
        ctx.receive_event(bot, group_msg("/交接管理員 某人", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_OPEN)
        sends = [
            (message("/交接管理員 ", accounts.MEMBER) + " 強制", Refusal.FORCE_NOT_DEPARTMENT),
            (message("/交接管理員 ", accounts.MEMBER) + " " + "長" * 201, Refusal.REASON_TOO_LONG),
            (message("/交接管理員 ", accounts.SELF), Refusal.SELF),
            (message("/交接管理員 ", accounts.OWNER), Refusal.ALREADY_ADMIN),
            (message("/交接管理員 ", accounts.MEMBER, accounts.STRANGER), Refusal.OLD_NOT_ADMIN),
        ]
        for sent, why in sends:
            ctx.receive_event(bot, group_msg(sent, accounts.ADMIN))
            expect_group_send(ctx, texts.REFUSALS[why])
        ctx.receive_event(bot, group_msg(message("/交接管理員 ", accounts.MEMBER), accounts.LEADER))
        expect_group_send(ctx, texts.REFUSALS[Refusal.WHICH_ADMIN])
        ctx.receive_event(bot, group_msg(message("/交接管理員 ", accounts.MEMBER), accounts.OWNER))
        expect_member(ctx, accounts.MEMBER, CARD_OK)  # the opener is one of the two admins
        expect_mention(ctx, accounts.MEMBER, texts.opened("", DEADLINE, replaced=False))
    handover = await Handover.get()
    assert (handover.from_admin, handover.opened_by) == (accounts.OWNER, accounts.OWNER)


async def test_a_group_not_filed_or_a_private_chat_is_refused(app: App) -> None:
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/交接管理員 ", accounts.MEMBER), accounts.DEPARTMENT)
        )
        expect_group_send(ctx, registry_texts.not_filed())
        ctx.receive_event(bot, private_msg(f"/交接管理員 {accounts.MEMBER}", accounts.DEPARTMENT))
        expect_private_send(ctx, accounts.DEPARTMENT, registry_texts.NOT_IN_GROUP)
    assert await Handover.all().count() == 0


async def test_the_department_forces_a_handover_without_confirmation(app: App) -> None:
    await pending(await filed_group(), to_admin=accounts.STRANGER)  # an older one, cancelled
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot,
            group_msg(message("/交接管理員 ", accounts.MEMBER) + " 強制 失聯", accounts.DEPARTMENT),
        )
        expect_member(ctx, accounts.MEMBER, CARD_OK)  # the checks
        expect_member(ctx, accounts.ADMIN, "XX社區-李四", "admin")  # the old admin
        expect_member(ctx, accounts.MEMBER, CARD_OK)  # the new admin
        expect_member(ctx, accounts.SELF, "", "owner")  # the bot owns the group
        expect_set_admin(ctx, accounts.MEMBER, True)
        expect_set_admin(ctx, accounts.ADMIN, False)
        expect_mention(ctx, accounts.MEMBER, texts.done("moved", ""))
        notice = texts.department_notice(
            group_id=accounts.GROUP,
            group_name="測試群",
            unit="XX社區",
            old=accounts.ADMIN,
            new=accounts.MEMBER,
            opened_by=accounts.DEPARTMENT,
            reason="失聯",
            forced=True,
            rights="moved",
        )
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)
    rows = await Handover.all().order_by("id")
    assert [(h.status, h.forced) for h in rows] == [
        (HandoverStatus.CANCELLED, False),
        (HandoverStatus.DONE, True),
    ]
    assert [a.user_id for a in await RegisteredAdmin.filter(until=None)] == [accounts.MEMBER]
    records = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.article, r.target, r.actor) for r in records] == [
        ("handover", 5, accounts.MEMBER, accounts.DEPARTMENT),
        ("handover", 5, accounts.ADMIN, accounts.DEPARTMENT),
    ]
