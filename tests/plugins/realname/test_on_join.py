"""A member joins, changes their card, or leaves (notices group_increase, group_card, group_decrease)."""

from datetime import timedelta

import pytest
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.measures import BlacklistEntry, MeasureRecord, RecordStatus
from models.realname import CardDeadline, DeadlineStatus, RealnameSetting
from plugins.realname import store, texts
from plugins.realname.roster import RosterEntry
from plugins.registry import store as registry_store
from tests import accounts
from tests.factories import expect_member, expect_private_send, make_bot
from tests.plugins.registry.helpers import filed_group

from .events import FIXED_NOW, card_notice, expect_kick, expect_mention, joined, left
from .people import LI, ZHANG

VISITOR = RosterEntry("XX村", "王五", 34567890, "在崗")
FORMAT_PROMPT = "群名片請改為「單位-姓名」，例如「XX社區-張三」"
DUE = "3月2日 09:00"  # FIXED_NOW + 24 h, in Asia/Shanghai


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


def expect_card(ctx, user_id: int, card: str, **answer) -> None:  # type: ignore[no-untyped-def]
    ctx.should_call_api(
        "set_group_card",
        {"group_id": accounts.GROUP, "user_id": user_id, "card": card},
        None,
        **answer,
    )


async def test_a_blacklisted_member_is_removed_at_once_with_a_record(app: App) -> None:
    await filed_group()
    await BlacklistEntry.create(user_id=accounts.STRANGER)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.STRANGER))
        expect_kick(ctx, accounts.STRANGER, refuse=True)
        notice = texts.blacklisted_removed_notice(accounts.GROUP, "XX社區", accounts.STRANGER, True)
        expect_private_send(ctx, accounts.ADMIN, notice)
    record = await MeasureRecord.get()
    assert (record.action, record.category, record.status, record.article) == (
        "kick",
        "blacklist",
        RecordStatus.DONE,
        4,
    )
    assert await CardDeadline.all().count() == 0


async def test_a_roster_member_gets_the_card_set(app: App) -> None:
    await filed_group()
    await store.import_roster([ZHANG, VISITOR], "test.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(ZHANG.account))
        expect_member(ctx, ZHANG.account)  # the card is read first
        expect_card(ctx, ZHANG.account, "XX社區-張三")
        # A roster person of another unit keeps their own unit: they are who the card says.
        ctx.receive_event(bot, joined(VISITOR.account))
        expect_member(ctx, VISITOR.account)  # the card is read first
        expect_card(ctx, VISITOR.account, "XX村-王五")
    assert await CardDeadline.all().count() == 0


async def test_the_groups_own_format_shapes_the_card(app: App) -> None:
    group = await filed_group()
    await RealnameSetting.create(group=group, card_pattern="姓名", changed_by=accounts.ADMIN)
    await store.import_roster([ZHANG], "test.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(ZHANG.account))
        expect_member(ctx, ZHANG.account)  # the card is read first
        expect_card(ctx, ZHANG.account, "張三")


async def test_a_stranger_is_asked_for_a_card_with_a_deadline(app: App) -> None:
    await filed_group()
    await store.import_roster([ZHANG, LI], "test.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.STRANGER))
        expect_member(ctx, accounts.STRANGER)  # the card is read first
        expect_mention(ctx, accounts.STRANGER, texts.card_prompt(FORMAT_PROMPT, DUE, False))
        # A departed roster person is not given a card either.
        ctx.receive_event(bot, joined(LI.account))
        expect_member(ctx, LI.account)  # the card is read first
        expect_mention(ctx, LI.account, texts.card_prompt(FORMAT_PROMPT, DUE, False))
    rows = await CardDeadline.all().order_by("id")
    assert [(r.user_id, r.status, r.bot_id) for r in rows] == [
        (accounts.STRANGER, DeadlineStatus.OPEN, str(accounts.SELF)),
        (LI.account, DeadlineStatus.OPEN, str(accounts.SELF)),
    ]
    assert rows[0].deadline == FIXED_NOW + timedelta(hours=24)
    assert rows[0].joined_at == FIXED_NOW


async def test_a_refused_card_falls_back_to_the_prompt(app: App) -> None:
    group = await filed_group()
    await RealnameSetting.create(group=group, remove_after_deadline=True, changed_by=accounts.ADMIN)
    await store.import_roster([ZHANG], "test.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(ZHANG.account))
        expect_member(ctx, ZHANG.account)  # the card is read first
        expect_card(
            ctx,
            ZHANG.account,
            "XX社區-張三",
            exception=ActionFailed(status="failed", retcode=1200, wording="get Uid Error"),
        )
        expect_mention(ctx, ZHANG.account, texts.card_prompt(FORMAT_PROMPT, DUE, True))
    assert await CardDeadline.filter(user_id=ZHANG.account, status=DeadlineStatus.OPEN).exists()


async def test_nothing_for_the_bot_itself_or_where_the_duty_is_off(app: App) -> None:
    group = await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.SELF))
    await registry_store.switch(group, "realname", False, accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.STRANGER))
        ctx.receive_event(bot, card_notice(accounts.STRANGER, "亂寫"))
    assert await CardDeadline.all().count() == 0


async def test_a_compliant_card_change_clears_the_deadline(app: App) -> None:
    await filed_group()
    await store.import_roster([ZHANG], "test.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.STRANGER))
        expect_member(ctx, accounts.STRANGER)  # the card is read first
        expect_mention(ctx, accounts.STRANGER, texts.card_prompt(FORMAT_PROMPT, DUE, False))
        ctx.receive_event(bot, card_notice(accounts.STRANGER, "XX社區-張三"))  # not theirs
        ctx.receive_event(bot, card_notice(ZHANG.account, "XX社区—张三"))  # no deadline: nothing
    row = await CardDeadline.get(user_id=accounts.STRANGER)
    assert row.status == DeadlineStatus.OPEN
    await store.import_roster(
        [ZHANG, RosterEntry("XX社區", "趙六", accounts.STRANGER, "在崗")], "t"
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, card_notice(accounts.STRANGER, "xx社区 / 赵六"))
    await row.refresh_from_db()
    assert (row.status, row.closed_at) == (DeadlineStatus.CLEARED, FIXED_NOW)


async def test_a_card_changed_to_a_bad_one_opens_a_deadline(app: App) -> None:
    await filed_group()
    await store.import_roster([ZHANG], "test.csv")
    problem = "群名片上的姓名不在本單位名冊中。群名片請改為「單位-姓名」，例如「XX社區-張三」"
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, card_notice(accounts.MEMBER, "XX社區-路人甲", "XX社區-張三"))
        expect_mention(ctx, accounts.MEMBER, texts.card_recheck_prompt(problem, DUE))
        ctx.receive_event(bot, card_notice(accounts.MEMBER, "路人乙"))  # already has one
    assert await CardDeadline.filter(user_id=accounts.MEMBER).count() == 1


async def test_leaving_closes_the_deadline_and_the_bots_removal_closes_all(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for user in (accounts.STRANGER, accounts.MEMBER, accounts.OWNER):
            ctx.receive_event(bot, joined(user))
            expect_member(ctx, user)  # the card is read first
            expect_mention(ctx, user, texts.card_prompt(FORMAT_PROMPT, DUE, False))
        ctx.receive_event(bot, left(accounts.STRANGER))
    statuses = {r.user_id: r.status for r in await CardDeadline.all()}
    assert statuses == {
        accounts.STRANGER: DeadlineStatus.LEFT,
        accounts.MEMBER: DeadlineStatus.OPEN,
        accounts.OWNER: DeadlineStatus.OPEN,
    }
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, left(accounts.SELF, "kick_me"))
    assert not await CardDeadline.filter(status=DeadlineStatus.OPEN).exists()


async def test_rejoining_replaces_the_old_deadline(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for _ in range(2):
            ctx.receive_event(bot, joined(accounts.STRANGER))
            expect_member(ctx, accounts.STRANGER)  # the card is read first
            expect_mention(ctx, accounts.STRANGER, texts.card_prompt(FORMAT_PROMPT, DUE, False))
    rows = await CardDeadline.all().order_by("id")
    assert [r.status for r in rows] == [DeadlineStatus.LEFT, DeadlineStatus.OPEN]


async def test_a_member_who_joins_with_a_compliant_card_is_not_asked(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.STRANGER))
        expect_member(ctx, accounts.STRANGER, card="XX社區-路人")  # no roster yet: the format
    await store.import_roster([ZHANG], "test.csv")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(ZHANG.account))
        expect_member(ctx, ZHANG.account, card="XX社區-張三")
    assert await CardDeadline.all().count() == 0


async def test_a_member_gone_before_the_welcome_is_left_alone(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, joined(accounts.STRANGER))
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": accounts.GROUP, "user_id": accounts.STRANGER, "no_cache": True},
            exception=ActionFailed(
                retcode=1200, message=f"群({accounts.GROUP})成员{accounts.STRANGER}不存在"
            ),
        )
    assert await CardDeadline.all().count() == 0
