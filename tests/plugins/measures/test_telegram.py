"""The admins' measures in a Telegram group: a warning, a mute (restrictChatMember), a removal
(banChatMember then unbanChatMember), a blacklisting (a ban alone), protected accounts; and the
pure rules the platform's capabilities shape (who may set admins, the longest mute)."""

from dataclasses import replace
from typing import Any

import pytest
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from adapters.actions import Mute, Recall, SetAdmin
from adapters.onebot import QQ
from adapters.telegram import TELEGRAM
from adapters.telegram_events import NAME as TELEGRAM_NAME
from core import runtime
from models.measures import BlacklistRequest, MeasureRecord, RecordStatus
from plugins.measures import texts
from plugins.measures.authority import fitted, may_act, mute_seconds
from plugins.measures.escalation import Level, recipients
from plugins.measures.measure import Measure
from tests import telegram as tg
from tests.plugins.measures.helpers import next_request_number
from tests.tg_calls import (
    SILENCED,
    Around,
    expect_admins,
    expect_ban,
    expect_member,
    expect_mention,
    expect_mute,
    expect_removal,
    expect_send,
    filed_tg_group,
    on_telegram,
    refuse,
    telegram_world,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.usefixtures("telegram_world")


def order(command: str, target: int = tg.MEMBER, rest: str = "") -> dict[str, Any]:
    """`command @target rest` typed by the group's registered admin, the target picked in the
    client (a text_mention entity over their name)."""
    head = f"{command} "
    text = f"{head}用戶{rest}"
    entities = [tg.text_mention(len(head), 2, target)]
    return tg.group_message(text, tg.ADMIN, entities=entities)


def expect_leaders(ctx: ApiContext, text: str, *levels: Level) -> None:
    """The people at `levels` with a Telegram account hear it through the Telegram account."""
    people = recipients(runtime.org(), "XX社區", levels or (Level.UNIT,), runtime.superusers())
    for person in on_telegram(people):
        expect_send(ctx, person, text)


async def test_a_warning_is_recorded_and_posted_with_a_mention(app: App) -> None:
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(order("/警告", rest=" 刷屏")))
        expect_mention(ctx, tg.MEMBER, texts.warned("刷屏"))
    record = await MeasureRecord.get()
    assert (record.platform, record.action, record.target, record.actor) == (
        TELEGRAM_NAME,
        "warning",
        tg.MEMBER,
        tg.ADMIN,
    )


async def test_a_mute_restricts_the_member_until_it_ends(app: App) -> None:
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(order("/禁言", rest=" 10m 刷屏")))
        expect_member(ctx, tg.MEMBER, "member")  # the bot is an admin: the target's role asked
        expect_mute(ctx, tg.MEMBER, 600)
        expect_mention(ctx, tg.MEMBER, texts.muted(600, "刷屏"))
        expect_leaders(
            ctx, texts.leader_notice(tg.GROUP, "XX社區", texts.what_muted(600, "刷屏"), tg.ADMIN)
        )
    record = await MeasureRecord.get()
    assert (record.action, record.status, record.detail["seconds"]) == (
        "mute",
        RecordStatus.DONE,
        600,
    )


async def test_a_removal_bans_then_unbans_so_the_member_may_come_back(app: App) -> None:
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(order("/移出", rest=" 廣告")))
        expect_member(ctx, tg.MEMBER, "member")
        expect_removal(ctx, tg.MEMBER)
        expect_send(ctx, tg.GROUP, texts.kicked("廣告"))
        expect_leaders(
            ctx, texts.leader_notice(tg.GROUP, "XX社區", texts.what_kicked("廣告"), tg.ADMIN)
        )
    record = await MeasureRecord.get()
    assert (record.action, record.status) == ("kick", RecordStatus.DONE)


async def test_an_admin_s_blacklisting_bans_here_and_files_a_request(app: App) -> None:
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(order("/拉黑", rest=" 詐騙")))
        expect_member(ctx, tg.MEMBER, "member")  # still there?
        expect_member(ctx, tg.MEMBER, "member")  # its role, before acting
        expect_ban(ctx, tg.MEMBER)  # no unban: it may not come back
        request_id = await next_request_number()
        notice = texts.request_notice(
            request_id, tg.GROUP, "XX社區", tg.ADMIN, tg.MEMBER, "詐騙", True
        )
        expect_leaders(ctx, notice, Level.UNIT, Level.DEPARTMENT)
        expect_send(ctx, tg.GROUP, texts.request_filed(request_id, "詐騙", True))
    request = await BlacklistRequest.get()
    assert (request.platform, request.group_id, request.user_id) == (
        TELEGRAM_NAME,
        tg.GROUP,
        tg.MEMBER,
    )
    kick = await MeasureRecord.get(action="kick")
    assert kick.status == RecordStatus.DONE


async def test_the_department_and_the_bot_are_never_muted(app: App) -> None:
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(order("/禁言", tg.DEPARTMENT, " 1h")))
        expect_send(ctx, tg.GROUP, texts.PROTECTED_TARGET)
        ctx.receive_event(bot, tg.event(order("/禁言", tg.SELF, " 1h")))
        expect_send(ctx, tg.GROUP, texts.NOT_SELF)
    assert not await MeasureRecord.exists()


async def test_a_refused_mute_is_recorded_and_answered(app: App) -> None:
    """Telegram refuses to restrict an admin the bot did not know was one."""
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(order("/禁言", rest=" 1h")))
        expect_member(ctx, tg.MEMBER, "member")
        refuse(
            ctx,
            "restrict_chat_member",
            "Bad Request: not enough rights to restrict/unrestrict chat member",
            chat_id=tg.GROUP,
            user_id=tg.MEMBER,
            permissions=SILENCED,
            until_date=Around(tg.now() + 3600),
        )
        # A refusal for rights: the owner is asked (getChatAdministrators finds them).
        expect_admins(ctx, (tg.OWNER, "creator"))
        expect_send(ctx, tg.OWNER, _Text())
        expect_send(ctx, tg.GROUP, texts.platform_refused(texts.referred([texts.ASKED_OWNER])))
    record = await MeasureRecord.get()
    assert record.status == RecordStatus.REFERRED


class _Text:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and "禁言" in other

    __hash__ = None  # type: ignore[assignment]


# --- pure ---------------------------------------------------------------------------------------


def test_who_may_set_admins_follows_the_platform() -> None:
    assert QQ.appoint_admins == "owner"
    assert TELEGRAM.appoint_admins == "admin"
    promote = SetAdmin(tg.GROUP, tg.MEMBER, True)
    assert not may_act(promote, "admin", None, QQ.appoint_admins)
    assert may_act(promote, "admin", None, TELEGRAM.appoint_admins)
    assert may_act(promote, "owner", None, QQ.appoint_admins)
    assert not may_act(promote, "member", None, TELEGRAM.appoint_admins)
    assert not may_act(promote, None, None, TELEGRAM.appoint_admins)
    # what a person's role allows is the same on both
    assert may_act(Recall(tg.GROUP, 1), "admin", "member", TELEGRAM.appoint_admins)
    assert not may_act(Recall(tg.GROUP, 1), "admin", "admin", TELEGRAM.appoint_admins)


def test_a_mute_is_never_longer_than_the_platform_takes() -> None:
    week = replace(TELEGRAM, mute_max_seconds=7 * 86400)
    assert mute_seconds(3600, week) == 3600
    assert mute_seconds(10 * 86400, week) == 7 * 86400
    assert mute_seconds(29 * 86400, QQ) == 29 * 86400
    measure = Measure(
        kind="mute",
        article=10,
        action=Mute(tg.GROUP, tg.MEMBER, 10 * 86400),
        group_id=tg.GROUP,
        detail={"seconds": 10 * 86400, "rung": 3},
    )
    shorter = fitted(measure, week)
    assert shorter.action == Mute(tg.GROUP, tg.MEMBER, 7 * 86400)
    assert shorter.detail == {"seconds": 7 * 86400, "rung": 3}
    assert fitted(measure, TELEGRAM) is measure
    recall = replace(measure, kind="recall", action=Recall(tg.GROUP, 1), detail={})
    assert fitted(recall, week) is recall
