"""Members on Telegram, where there are no cards: known by their account's binding to a roster
person. A member who joined without answering the bot is reported to the admins privately, and
/實名檢查 lists the known members without a binding (Art. 4)."""

import pytest
from nonebug import App

from adapters.telegram_events import NAME
from core import members
from models.measures import BlacklistEntry, MeasureRecord, RecordStatus
from models.realname import CardDeadline
from plugins.realname import asking_texts, store, texts
from plugins.realname.checks import check_bindings
from plugins.realname.roster_index import RosterIndex
from tests import telegram as tg
from tests.tg_calls import (
    OWNER_AND_ADMIN,
    expect_admins,
    expect_ban,
    expect_member,
    expect_send,
    filed_tg_group,
    known_bot,
)

from .people import LI, ZHANG


@pytest.fixture(autouse=True)
def _telegram_account() -> None:
    known_bot()


async def test_a_member_added_directly_is_reported_to_the_admins_privately(app: App) -> None:
    await filed_tg_group()
    await store.import_roster([ZHANG], "test.csv")
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        joined = tg.member_update(tg.STRANGER, "left", "member", by=tg.ADMIN)
        ctx.receive_event(bot, tg.event(joined))
        notice = asking_texts.joined_unproved_notice(tg.GROUP, "XX社區", tg.STRANGER)
        expect_send(ctx, tg.ADMIN, notice)  # nothing in the group: no card, no deadline
        # A member bound already (on joining another group) is known.
        await store.bind(NAME, tg.MEMBER, ZHANG.account, tg.OTHER_GROUP)
        ctx.receive_event(bot, tg.event(tg.member_update(tg.MEMBER, "left", "member")))
        # The bot itself joining is no member to check.
        ctx.receive_event(bot, tg.event(tg.member_update(tg.SELF, "left", "administrator")))
    assert await CardDeadline.all().count() == 0


async def test_a_blacklisted_member_is_removed_and_never_asked(app: App) -> None:
    await filed_tg_group()
    await BlacklistEntry.create(platform=NAME, user_id=tg.STRANGER, reason="廣告")
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.member_update(tg.STRANGER, "left", "member")))
        expect_member(ctx, tg.STRANGER, "member")  # outranked?
        expect_ban(ctx, tg.STRANGER)  # banChatMember, and the look after it (kicked)
        notice = texts.blacklisted_removed_notice(tg.GROUP, "XX社區", tg.STRANGER, True)
        expect_send(ctx, tg.ADMIN, notice)
    record = await MeasureRecord.get()
    assert (record.action, record.category, record.status) == (
        "kick",
        "blacklist",
        RecordStatus.DONE,
    )


async def test_the_check_lists_known_members_without_a_binding(app: App) -> None:
    await filed_tg_group()
    await store.import_roster([ZHANG, LI], "test.csv")
    for user in (tg.MEMBER, tg.STRANGER, tg.DEPARTMENT):
        await members.note_join(NAME, tg.GROUP, user)
    await store.bind(NAME, tg.MEMBER, ZHANG.account, tg.GROUP)
    await store.bind(NAME, tg.DEPARTMENT, LI.account, tg.GROUP)  # 調離 since
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/實名檢查", tg.ADMIN)))
        expect_member(ctx, tg.ADMIN, "administrator")  # the roles check asks the role
        expect_admins(ctx, *OWNER_AND_ADMIN)
        head = texts.check_bound_header(tg.GROUP, "XX社區", 4)
        lines = [
            texts.check_line("用戶", tg.OWNER, "unbound"),
            texts.check_line("用戶", tg.ADMIN, "unbound"),
            texts.check_line("", tg.STRANGER, "unbound"),
            texts.check_line("", tg.DEPARTMENT, "departed"),
        ]
        expect_send(ctx, tg.ADMIN, "\n".join([head, *lines]))
        counts = texts.check_bound_counts(5, 1, [("departed", 1), ("unbound", 3)])
        expect_send(ctx, tg.GROUP, f"{counts}\n{texts.CHECK_SENT}")
    # The group hears counts only: no name, no account.
    for shown in ("張三", "李四", str(tg.STRANGER), str(tg.DEPARTMENT)):
        assert shown not in counts


def test_bindings_judge_members_where_there_are_no_cards() -> None:
    from adapters.port import Member

    roster = RosterIndex([ZHANG, LI])
    people = [
        Member(tg.SELF, "bot", "", "admin"),
        Member(1, "a", "", "member"),
        Member(2, "b", "", "member"),
        Member(3, "c", "", "member"),
        Member(4, "d", "", "member"),
    ]
    bound = {1: ZHANG.account, 2: LI.account, 4: 11111}  # 4: a person no longer in the roster
    report = check_bindings(people, bound, roster, tg.SELF)
    assert report.total == 4
    assert [(p.user_id, p.kind) for p in report.problems] == [
        (2, "departed"),
        (3, "unbound"),
        (4, "unbound"),
    ]
    assert report.by_kind() == [("departed", 1), ("unbound", 2)]
