"""The handover in a Telegram group: the new admin is real-named by their roster binding (no
cards), the bot (an admin) promotes them and demotes the old one (promoteChatMember), and an
outgoing owner is told privately that only they can hand ownership on."""

from datetime import UTC, datetime
from typing import Any

import pytest
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from adapters.telegram_events import NAME as TELEGRAM
from core import runtime
from models.handover import Handover, HandoverStatus
from models.measures import MeasureRecord, RecordStatus
from models.realname import AccountBinding, RosterPerson
from models.registry import Group, RegisteredAdmin
from plugins.handover import store, texts
from plugins.handover.decide import Check
from plugins.measures.escalation import Level, recipients
from plugins.realname import store as realname
from plugins.realname.roster import RosterEntry
from tests import telegram as tg
from tests.tg_calls import (
    expect,
    expect_member,
    expect_mention,
    expect_send,
    filed_tg_group,
    on_telegram,
    telegram_world,  # noqa: F401 (the fixture)
)

from .helpers import DEADLINE, FIXED_NOW

pytestmark = pytest.mark.usefixtures("telegram_world")
RIGHTS: tuple[str, ...] = ("can_manage_chat", "can_delete_messages", "can_restrict_members")
RIGHTS += ("can_invite_users", "can_pin_messages")


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


async def bound(user_id: int, name: str, account: int, status: str = "在崗") -> None:
    """`user_id` answered the bot as roster person `name` (QQ account `account`)."""
    await realname.import_roster([RosterEntry("XX社區", name, account, status)], "roster.csv")  # type: ignore[arg-type]
    person = await RosterPerson.get(account=account)
    at = datetime.now(UTC)
    await AccountBinding.create(
        platform=TELEGRAM, user_id=user_id, person=person, group_id=tg.GROUP, bound_at=at
    )


def handover_command(new: int, rest: str = "") -> dict[str, Any]:
    head = "/交接管理員 "
    entities = [tg.text_mention(len(head), 2, new)]
    return tg.group_message(f"{head}用戶{rest}", tg.ADMIN, entities=entities)


async def _opened(group: Group, old: int) -> tuple[Handover, int]:
    """A handover from `old` to tg.MEMBER, opened by tg.ADMIN (as department_notice tells it)."""
    return await store.open_handover(
        group,
        from_admin=old,
        to_admin=tg.MEMBER,
        opened_by=tg.ADMIN,
        reason="調崗",
        forced=False,
        at=FIXED_NOW,
    )


def expect_rights(ctx: ApiContext, user_id: int, enable: bool) -> None:
    rights = dict.fromkeys(RIGHTS, enable)
    expect(ctx, "promote_chat_member", chat_id=tg.GROUP, user_id=user_id, **rights)
    expect_member(ctx, user_id, "administrator" if enable else "member")  # read back


def department_notice(group: Group, old: int, rights: str) -> str:
    return texts.department_notice(
        group_id=tg.GROUP,
        group_name=group.name,
        unit="XX社區",
        old=old,
        new=tg.MEMBER,
        opened_by=tg.ADMIN,
        reason="調崗",
        forced=False,
        rights=rights,
    )


def expect_department(ctx: ApiContext, notice: str) -> None:
    """The department's people with a Telegram account hear it through the Telegram account."""
    people = recipients(runtime.org(), "XX社區", [Level.DEPARTMENT], runtime.superusers())
    for person in on_telegram(people):
        expect_send(ctx, person, notice)


async def test_a_bound_member_takes_over_and_the_bot_moves_the_admin_rights(app: App) -> None:
    group = await filed_tg_group()
    await bound(tg.MEMBER, "張三", 50001)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(handover_command(tg.MEMBER, " 調崗")))
        expect_member(ctx, tg.MEMBER, "member")
        expect_mention(ctx, tg.MEMBER, texts.opened("調崗", DEADLINE, replaced=False))
        ctx.receive_event(bot, tg.event(tg.command("/accept", tg.MEMBER)))
        expect_member(ctx, tg.ADMIN, "administrator")  # the old admin
        expect_member(ctx, tg.MEMBER, "member")  # the new one
        expect_member(ctx, tg.SELF, "administrator")  # the bot: an admin may promote
        expect_rights(ctx, tg.MEMBER, True)
        expect_rights(ctx, tg.ADMIN, False)
        expect_mention(ctx, tg.MEMBER, texts.done("moved", ""), name="用戶")
        expect_department(ctx, department_notice(group, tg.ADMIN, "moved"))

    handover = await Handover.get()
    assert handover.status == HandoverStatus.DONE
    active = await RegisteredAdmin.filter(group=group, until=None)
    assert [a.user_id for a in active] == [tg.MEMBER]
    records = await MeasureRecord.all().order_by("id")
    assert [(r.platform, r.target, r.detail["rights"], r.status) for r in records] == [
        (TELEGRAM, tg.MEMBER, "set", RecordStatus.DONE),
        (TELEGRAM, tg.ADMIN, "unset", RecordStatus.DONE),
    ]


async def test_an_outgoing_owner_is_told_to_hand_ownership_on_in_the_client(app: App) -> None:
    group = await filed_tg_group(admins=(tg.OWNER,))
    await bound(tg.MEMBER, "張三", 50001)
    handover, _ = await _opened(group, tg.OWNER)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/確認交接", tg.MEMBER)))
        expect_member(ctx, tg.OWNER, "creator")
        expect_member(ctx, tg.MEMBER, "member")
        expect_member(ctx, tg.SELF, "administrator")
        expect_rights(ctx, tg.MEMBER, True)  # the owner stays the owner: nothing to take
        expect_mention(ctx, tg.MEMBER, texts.done("moved", ""), name="用戶")
        ownership = texts.transfer_ownership("Telegram", tg.GROUP, group.name, "用戶")
        expect_send(ctx, tg.OWNER, ownership)
        expect_department(ctx, department_notice(group, tg.OWNER, "moved"))
    assert "Telegram 客戶端" in ownership
    await handover.refresh_from_db()
    assert handover.status == HandoverStatus.DONE


async def test_a_member_without_a_roster_binding_is_not_real_named(app: App) -> None:
    await filed_tg_group()
    # On the roster under the very number Telegram gives the member: a QQ account, not them.
    await realname.import_roster([RosterEntry("XX社區", "張三", tg.MEMBER, "在崗")], "r.csv")
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(handover_command(tg.MEMBER)))
        expect_member(ctx, tg.MEMBER, "member")
        said = texts.checks_failed([Check.NOT_REAL_NAMED], "單位-姓名", "XX社區-張三", cards=False)
        expect_send(ctx, tg.GROUP, said)
    assert texts.NOT_BOUND in said
    assert not await Handover.exists()


async def test_a_bound_person_who_left_the_post_is_reminded_to_leave(app: App) -> None:
    group = await filed_tg_group()
    await bound(tg.MEMBER, "張三", 50001)
    await bound(tg.ADMIN, "李四", 50002, "調離")
    await _opened(group, tg.ADMIN)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(tg.command("/確認交接", tg.MEMBER)))
        expect_member(ctx, tg.ADMIN, "administrator")
        expect_member(ctx, tg.MEMBER, "member")
        expect_member(ctx, tg.SELF, "administrator")
        expect_rights(ctx, tg.MEMBER, True)
        expect_rights(ctx, tg.ADMIN, False)
        expect_mention(ctx, tg.MEMBER, texts.done("moved", ""), name="用戶")
        expect_department(ctx, department_notice(group, tg.ADMIN, "moved"))
        expect_send(ctx, tg.ADMIN, texts.departed_reminder(tg.GROUP, group.name))
    departed = await MeasureRecord.get(action="departed_admin")
    assert (departed.target, departed.article) == (tg.ADMIN, 14)
