"""The clearance duty in a Telegram group: the members are the administrators Telegram lists and
the ones the bot has seen; nobody is listed or mentioned for a card; the roster knows a member by
their binding; the counts say whom they cover; and a confirmed batch removes by ban and unban."""

from datetime import datetime, timedelta

import pytest
from nonebug import App

from adapters.port import Member
from adapters.telegram_events import NAME as TELEGRAM
from core import runtime
from models.clearance import ClearanceBatch, ClearanceItem, MemberSeen
from models.measures import MeasureRecord, RecordStatus
from models.members import KnownMember
from models.realname import AccountBinding, RosterPerson
from plugins.clearance import texts
from plugins.clearance.candidates import Facts, sweep
from plugins.clearance.jobs import run_due
from plugins.measures.escalation import Level, recipients
from plugins.realname.roster_index import RosterIndex
from plugins.realname.wording import street_time
from tests import telegram as tg
from tests.tg_calls import (
    ANY_TEXT,
    OWNER_AND_ADMIN,
    expect_admins,
    expect_member,
    expect_removal,
    expect_send,
    filed_tg_group,
    on_telegram,
    telegram_world,  # noqa: F401 (the fixture)
)

from .helpers import next_batch_number, with_roster
from .people import ADMIN_P, AT, LI, OWNER_P, ROSTER, WEEK, ZHANG

pytestmark = pytest.mark.usefixtures("telegram_world")
SILENT, LEFT_POST = 6100005, 6100006  # two more Telegram members


@pytest.fixture(autouse=True)
def _failures_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    from plugins.clearance import jobs

    def fail(message: str, *args: object, **kwargs: object) -> None:
        raise AssertionError(message)

    monkeypatch.setattr(jobs.logger, "exception", fail)


async def bind(user_id: int, account: int) -> None:
    person = await RosterPerson.get(account=account)
    await AccountBinding.create(
        platform=TELEGRAM, user_id=user_id, person=person, group_id=tg.GROUP, bound_at=AT
    )


async def known(user_id: int, since: datetime, spoke: datetime | None = None) -> None:
    """A member the bot saw join (or first write) at `since`, and last speak at `spoke`."""
    await KnownMember.create(
        platform=TELEGRAM, group_id=tg.GROUP, user_id=user_id, first_seen=since
    )
    if spoke is not None:
        await MemberSeen.create(
            platform=TELEGRAM, group_id=tg.GROUP, user_id=user_id, last_at=spoke
        )


async def a_street_on_telegram() -> None:
    await with_roster()
    await bind(tg.OWNER, OWNER_P.account)
    await bind(tg.ADMIN, ADMIN_P.account)
    await bind(tg.MEMBER, ZHANG.account)
    await bind(LEFT_POST, LI.account)  # the roster says 調離
    await known(tg.MEMBER, AT - timedelta(days=300), spoke=AT - timedelta(days=3))
    await known(SILENT, AT - timedelta(days=120))  # joined, never spoke, bound to nobody
    await known(LEFT_POST, AT - timedelta(days=30))


async def test_the_weekly_check_on_telegram_counts_the_members_it_has_seen(app: App) -> None:
    group = await filed_tg_group()
    await a_street_on_telegram()
    number = await next_batch_number(group)
    async with app.test_api() as ctx:
        tg.make_bot(ctx)
        expect_admins(ctx, *OWNER_AND_ADMIN)
        counts = texts.weekly_counts(
            5, 2, [("not_on_roster", 1), ("departed", 1), ("silent", 1)], 0, 90, known_only=True
        )
        expect_send(ctx, tg.GROUP, counts)  # no @mentions: there is no card to fix
        listed = [
            texts.list_head("XX社區", tg.GROUP, WEEK, 5, 2, 90, known_only=True),
            texts.batch_line(number, street_time(AT + timedelta(days=7))),
            texts.member_line("", SILENT, "不在名冊、超過 90 天未發言"),
            texts.member_line("", LEFT_POST, "已調離"),
        ]
        expect_send(ctx, tg.ADMIN, "\n".join(listed))
        await run_due(AT)
    assert "只計機器人入群後見過的成員" in counts
    items = await ClearanceItem.filter(batch_id=number).order_by("id")
    assert [(i.user_id, i.reasons) for i in items] == [
        (SILENT, ["not_on_roster", "silent"]),
        (LEFT_POST, ["departed"]),
    ]


async def test_a_confirmed_batch_removes_by_ban_and_unban(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plugins.clearance import store

    monkeypatch.setattr(store, "now", lambda: AT + timedelta(hours=1))
    group = await filed_tg_group()
    await a_street_on_telegram()
    async with app.test_api() as ctx:
        tg.make_bot(ctx)
        expect_admins(ctx, *OWNER_AND_ADMIN)
        expect_send(ctx, tg.GROUP, ANY_TEXT)
        expect_send(ctx, tg.ADMIN, ANY_TEXT)
        await run_due(AT)
    batch = await ClearanceBatch.get(group=group, week=WEEK)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command(f"/sweep_confirm {batch.id}", tg.ADMIN)))
        expect_admins(ctx, *OWNER_AND_ADMIN)
        expect_send(ctx, tg.GROUP, texts.confirm_started(batch.id, 2, 0))
        for user_id in (SILENT, LEFT_POST):
            expect_member(ctx, user_id, "member")  # its role: the bot is an admin, not owner
            expect_removal(ctx, user_id)
        leader = texts.leader_cleared("XX社區", tg.GROUP, batch.id, 2, tg.ADMIN)
        for person in on_telegram(recipients(runtime.org(), "XX社區", [Level.UNIT])):
            expect_send(ctx, person, leader)  # (none: the leader has no Telegram account)
        expect_send(ctx, tg.GROUP, texts.confirm_done(batch.id, 2, 0))
    kicks = await MeasureRecord.filter(action="clearance").order_by("id")
    assert [(k.platform, k.target, k.status) for k in kicks] == [
        (TELEGRAM, SILENT, RecordStatus.DONE),
        (TELEGRAM, LEFT_POST, RecordStatus.DONE),
    ]


async def test_a_check_now_says_whom_it_counted(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    from plugins.clearance import store

    monkeypatch.setattr(store, "now", lambda: AT)
    group = await filed_tg_group()
    await a_street_on_telegram()
    number = await next_batch_number(group)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/清理檢查", tg.ADMIN)))
        expect_admins(ctx, *OWNER_AND_ADMIN)
        expect_send(ctx, tg.ADMIN, ANY_TEXT)  # the list
        counts = [("not_on_roster", 1), ("departed", 1), ("silent", 1)]
        said = texts.check_reply(5, 2, counts, number, 90, known_only=True)
        expect_send(ctx, tg.GROUP, said)
    assert said.startswith(
        "【清理檢查】本群 5 人（本平台沒有成員名單，只計機器人入群後見過的成員）"
    )


def test_without_cards_nobody_is_listed_for_one_and_the_roster_goes_by_binding() -> None:
    roster = RosterIndex(ROSTER)
    members = [
        Member(tg.MEMBER, "張三", "", "member", join_time=AT - timedelta(days=10)),
        Member(ZHANG.account, "路人", "", "member", join_time=AT - timedelta(days=10)),
    ]
    facts = Facts(
        members=members,
        self_id=tg.SELF,
        group_unit="XX社區",
        rule=None,  # no cards on the platform
        roster=roster,
        now=AT,
        silent_days=90,
        identities={tg.MEMBER: ZHANG.account},
    )
    result = sweep(facts)
    # The member bound to 張三 is known; the account that merely shares 張三's QQ number is not.
    assert [(c.user_id, c.reasons) for c in result.remove] == [(ZHANG.account, ("not_on_roster",))]
    assert result.to_fix_card == ()
