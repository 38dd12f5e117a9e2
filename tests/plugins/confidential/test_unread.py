"""A forwarded bundle the scan could not read to its end: on record, the admins told, and
recalled or not as the group's option says (Art. 11)."""

import asyncio
from typing import Any

import pytest
from nonebot.adapters.onebot.v11 import GroupMessageEvent, Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from models.measures import MeasureRecord, RecordStatus
from models.registry import GroupType
from plugins.confidential import texts
from plugins.confidential.options import OptionChange, parse_option, recalls_unread
from plugins.privacy import texts as privacy_texts
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot
from tests.plugins.confidential.helpers import (
    expect_mention,
    expect_recall,
    forward_node,
    local_time,
    text_node,
)
from tests.plugins.registry.helpers import filed_group

RECALLED = texts.unread_outcome(True, True, "ok", False)
TOLD_ONLY = texts.unread_outcome(False, False, "", False)


def forwarded(forward_id: str = "f0") -> GroupMessageEvent:
    return group_msg(Message(MessageSegment.forward(forward_id)))


def notice(event: GroupMessageEvent, cuts: list[str], result: str) -> str:
    return texts.unread_notice(
        group_id=accounts.GROUP,
        unit="XX社區",
        user_id=event.user_id,
        message_id=event.message_id,
        when=local_time(event.time),
        cuts=cuts,
        result=result,
    )


def expect_chain(ctx: Any, depth: int) -> None:
    """f0 holds f1, which holds f2 …: the scan fetches `depth` of them."""
    for i in range(depth):
        ctx.should_call_api(
            "get_forward_msg",
            {"id": f"f{i}"},
            {"messages": [text_node(f"第{i}層"), forward_node(f"f{i + 1}")]},
        )


async def record() -> MeasureRecord:
    return await MeasureRecord.get(action="scan_incomplete")


async def test_a_bundle_45_deep_is_recalled_in_an_internal_group(app: App) -> None:
    await filed_group()
    event = forwarded()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_chain(ctx, 5)  # the depth bound: f5 … f44 are never asked for
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.unread_withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice(event, ["depth"], RECALLED))
    row = await record()
    assert (row.article, row.category, row.target, row.status) == (
        11,
        "scan_incomplete",
        accounts.MEMBER,
        RecordStatus.DONE,
    )
    assert row.detail == {"message_id": event.message_id, "cut_short": ["depth"], "recall": True}
    assert row.reason == texts.unread_reason(["depth"])
    assert row.evidence == ""
    assert "第" not in row.reason + row.evidence  # no text of the bundle


async def test_a_bundle_of_ten_thousand_is_told_only_in_a_public_group(app: App) -> None:
    await filed_group(group_type=GroupType.PUBLIC)
    event = forwarded("huge")
    huge = {"messages": [text_node(f"第{i}則") for i in range(10_000)]}
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api("get_forward_msg", {"id": "huge"}, huge)
        expect_private_send(ctx, accounts.ADMIN, notice(event, ["nodes"], TOLD_ONLY))
    row = await record()
    assert (row.status, row.detail["cut_short"], row.detail["recall"]) == (
        RecordStatus.DONE,
        ["nodes"],
        False,
    )
    assert await MeasureRecord.all().count() == 1  # nothing recalled


async def test_a_fetch_that_never_answers_is_cut_for_time(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters.onebot import OneBotPlatform
    from plugins.scanner import service

    async def never(self: OneBotPlatform, forward_id: str) -> Any:
        await asyncio.Event().wait()

    monkeypatch.setattr(service, "FETCH_BUDGET_SECONDS", 0.05)
    monkeypatch.setattr(OneBotPlatform, "forward_bundle", never)
    await filed_group()
    event = forwarded("slow")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.unread_withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice(event, ["time"], RECALLED))
    assert (await record()).detail["cut_short"] == ["time"]


async def test_a_refused_fetch_is_on_record_as_not_handed_over(app: App) -> None:
    await filed_group()
    event = forwarded("gone")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api(
            "get_forward_msg", {"id": "gone"}, exception=ActionFailed(retcode=1200, message="x")
        )
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.unread_withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice(event, ["fetch_failed"], RECALLED))
    assert (await record()).detail["cut_short"] == ["fetch_failed"]


async def test_the_group_s_option_chooses_recall_or_tell_only(app: App) -> None:
    await filed_group()
    kind = GroupType.INTERNAL.value
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/保密選項", accounts.ADMIN))
        expect_group_send(ctx, texts.option_state(True, False, kind))
        ctx.receive_event(bot, group_msg("/保密选项 未读完 报告", accounts.ADMIN))
        expect_group_send(ctx, texts.option_switched(False, True, kind))
        ctx.receive_event(bot, group_msg("/保密選項 未讀完 也許", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_OPTION)
        ctx.receive_event(bot, group_msg("/保密選項 未讀完 撤回", accounts.MEMBER))
        expect_group_send(
            ctx, registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])
        )
        event = forwarded()
        ctx.receive_event(bot, event)
        expect_chain(ctx, 5)
        expect_private_send(ctx, accounts.ADMIN, notice(event, ["depth"], TOLD_ONLY))
        ctx.receive_event(bot, group_msg("/confidential_option unread default", accounts.ADMIN))
        expect_group_send(ctx, texts.option_switched(True, False, kind))
        again = forwarded()
        ctx.receive_event(bot, again)
        expect_chain(ctx, 5)
        expect_recall(ctx, again.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.unread_withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice(again, ["depth"], RECALLED))
    rows = await MeasureRecord.filter(action="scan_incomplete").order_by("id")
    assert [r.detail["recall"] for r in rows] == [False, True]


async def test_a_public_group_may_choose_recall(app: App) -> None:
    await filed_group(group_type=GroupType.PUBLIC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/保密選項 未讀完 撤回", accounts.ADMIN))
        expect_group_send(ctx, texts.option_switched(True, True, GroupType.PUBLIC.value))
        event = forwarded()
        ctx.receive_event(bot, event)
        expect_chain(ctx, 5)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.unread_withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice(event, ["depth"], RECALLED))


async def test_a_forward_read_whole_costs_nothing_more(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, forwarded("ok"))
        ctx.should_call_api(
            "get_forward_msg", {"id": "ok"}, {"messages": [text_node("通知"), text_node("收到")]}
        )
    assert await MeasureRecord.all().count() == 0


async def test_a_message_another_duty_recalled_is_noted_and_nobody_told_twice(app: App) -> None:
    await filed_group()
    event = forwarded()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api(
            "get_forward_msg",
            {"id": "f0"},
            {"messages": [text_node("身份證 110101199003077571"), forward_node("f1")]},
        )
        ctx.should_call_api(
            "get_forward_msg", {"id": "f1"}, exception=ActionFailed(retcode=1200, message="x")
        )
        expect_recall(ctx, event.message_id)  # by the privacy duty
        expect_mention(
            ctx,
            accounts.MEMBER,
            privacy_texts.withdrawn(("id_number",), ("110101********7571",), 3),
        )
    rows = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.status) for r in rows] == [
        ("recall", RecordStatus.DONE),
        ("scan_incomplete", RecordStatus.DONE),
    ]
    assert rows[1].detail == {
        "message_id": event.message_id,
        "cut_short": ["fetch_failed"],
        "recalled_by": "privacy",
    }


async def test_nothing_is_done_where_the_duty_is_off(app: App) -> None:
    from plugins.registry import store

    group = await filed_group()
    await store.switch(group, "confidential", False, accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, forwarded())
        expect_chain(ctx, 5)  # the privacy and content duties still read it
    assert await MeasureRecord.all().count() == 0


def test_the_option_s_words_and_its_default() -> None:
    assert parse_option(("未讀完", "撤回")) == OptionChange("unread", True)
    assert parse_option(("未读完", "只报告")) == OptionChange("unread", False)
    assert parse_option(("unread", "default")) == OptionChange("unread", None)
    assert parse_option(("未讀完",)) is None
    assert parse_option(("手機", "撤回")) is None
    assert recalls_unread(None, GroupType.INTERNAL) is True
    assert recalls_unread(None, GroupType.PUBLIC) is False
    assert recalls_unread(False, GroupType.INTERNAL) is False
    assert recalls_unread(True, GroupType.PUBLIC) is True
