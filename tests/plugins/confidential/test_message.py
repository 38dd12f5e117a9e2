"""A marked message: recalled, the group and the sender told, the admins and leader referenced."""

import json

from nonebot.adapters.onebot.v11 import Event, GroupMessageEvent, Message, MessageSegment
from nonebot.adapters.onebot.v11.event import Reply
from nonebug import App

from models.measures import MeasureRecord, RecordStatus
from plugins.confidential import texts
from plugins.registry import store
from tests import accounts
from tests.factories import expect_private_send, group_msg, make_bot
from tests.plugins.confidential.helpers import (
    expect_mention,
    expect_recall,
    forward_node,
    local_time,
    sha256,
    text_node,
)
from tests.plugins.registry.helpers import filed_group

MARKED = "通知：機密★1年 會議紀要"


def reference(
    event: GroupMessageEvent,
    *,
    source: str,
    category: str,
    excerpt: str,
    digest: str,
    result: str,
    markers: int = 1,
) -> str:
    """The private reference the admins and the leader should get for `event`."""
    return texts.reference(
        group_id=accounts.GROUP,
        unit="XX社區",
        user_id=event.user_id,
        message_id=event.message_id,
        when=local_time(event.time),
        source=source,
        category=category,
        excerpt=excerpt,
        short_hash=digest[:12],
        markers=markers,
        result=result,
    )


async def test_a_marker_in_text_is_recalled_told_and_recorded(app: App) -> None:
    await filed_group()
    event = group_msg(MARKED)
    notice = reference(
        event,
        source="text",
        category="state_secret",
        excerpt="機***年",
        digest=sha256(MARKED),
        result=texts.outcome(True, "ok"),
    )
    assert "機密★" not in notice
    assert "會議紀要" not in notice
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    record = await MeasureRecord.get()
    assert (record.action, record.article, record.category, record.status) == (
        "recall",
        11,
        "state_secret",
        RecordStatus.DONE,
    )
    assert (record.target, record.actor, record.group_id, record.unit) == (
        accounts.MEMBER,
        None,
        accounts.GROUP,
        "XX社區",
    )
    assert record.evidence == f"機***年 sha256:{sha256(MARKED)}"
    assert record.detail == {
        "message_id": event.message_id,
        "source": "text",
        "markers": 1,
        "sha256": sha256(MARKED),
    }
    stored = json.dumps([record.reason, record.evidence, record.detail], ensure_ascii=False)
    assert "機密★" not in stored
    assert "會議紀要" not in stored


async def test_a_marker_two_forwards_deep_recalls_the_outer_message(app: App) -> None:
    await filed_group()
    event = group_msg(Message(MessageSegment.forward("outer")))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        ctx.should_call_api(
            "get_forward_msg",
            {"id": "outer"},
            {"messages": [text_node("大家看看"), forward_node("inner")]},
        )
        ctx.should_call_api(
            "get_forward_msg", {"id": "inner"}, {"messages": [text_node("絕密★長期 部署")]}
        )
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        notice = reference(
            event,
            source="forward",
            category="state_secret",
            excerpt="絕***期",
            digest=sha256("大家看看\n絕密★長期 部署"),
            result=texts.outcome(True, "ok"),
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    record = await MeasureRecord.get()
    assert (record.detail["message_id"], record.detail["source"]) == (event.message_id, "forward")


async def test_cards_and_quoted_replies_are_read_and_internal_notices_count(app: App) -> None:
    await filed_group()
    card = json.dumps({"app": "com.tencent.structmsg", "prompt": "[分享]內部資料 請勿外傳"})
    event = group_msg(Message(MessageSegment.json(card)))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        notice = reference(
            event,
            source="card",
            category="internal",
            excerpt="內**料",
            digest=sha256("[分享]內部資料 請勿外傳\ncom.tencent.structmsg"),
            result=texts.outcome(True, "ok"),
            markers=2,
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    quoting = group_msg(Message([MessageSegment.reply(777), MessageSegment.text("收到")]))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, quoting)
        ctx.should_call_api(
            "get_msg",
            {"message_id": 777},
            {"message": [{"type": "text", "data": {"text": "此件注意保存"}}], "message_id": 777},
        )
        expect_recall(ctx, quoting.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        notice = reference(
            quoting,
            source="reply",
            category="internal",
            excerpt="注**存",
            digest=sha256("收到\n此件注意保存"),
            result=texts.outcome(True, "ok"),
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    records = await MeasureRecord.all().order_by("id")
    assert [(r.category, r.detail["source"], r.detail["markers"]) for r in records] == [
        ("internal", "card", 2),
        ("internal", "reply", 1),
    ]


async def test_a_quote_the_adapter_already_fetched_and_stripped_is_scanned(app: App) -> None:
    """As the OneBot adapter hands the event over (bot.py `_check_reply`): the quote fetched into
    `event.reply`, its segment gone from `event.message`, still in `original_message`."""
    await filed_group()
    received = Message([MessageSegment.reply(778), MessageSegment.text("收到")])
    quoting = group_msg(received)
    quoting.message = Message(MessageSegment.text("收到"))
    quoting.reply = Reply.model_validate(
        {
            "time": quoting.time,
            "message_type": "group",
            "message_id": 778,
            "real_id": 778,
            "sender": {"user_id": accounts.ADMIN},
            "message": Message(MessageSegment.text("機密★1年 的文件")),
        }
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, quoting)  # no get_msg: the adapter fetched it already
        expect_recall(ctx, quoting.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        notice = reference(
            quoting,
            source="reply",
            category="state_secret",
            excerpt="機***年",
            digest=sha256("收到\n機密★1年 的文件"),
            result=texts.outcome(True, "ok"),
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    record = await MeasureRecord.get()
    assert (record.detail["source"], record.status) == ("reply", RecordStatus.DONE)


async def test_an_admins_message_is_recalled_too(app: App) -> None:
    await filed_group()
    event = group_msg("秘密★6個月 的材料發一下", accounts.ADMIN, role="admin")
    notice = reference(
        event,
        source="text",
        category="state_secret",
        excerpt="秘****月",
        digest=sha256("秘密★6個月 的材料發一下"),
        result=texts.outcome(True, "ok"),
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.ADMIN, texts.withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    record = await MeasureRecord.get()
    assert (record.target, record.status) == (accounts.ADMIN, RecordStatus.DONE)


async def test_a_refused_recall_is_recorded_as_failed_and_everyone_asked_to_act(app: App) -> None:
    await filed_group()
    event = group_msg(MARKED)
    answer = "已不存在：Recall failed"
    notice = reference(
        event,
        source="text",
        category="state_secret",
        excerpt="機***年",
        digest=sha256(MARKED),
        result=texts.outcome(False, answer),
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id, status="failed", retcode=1200, wording="Recall failed")
        expect_mention(ctx, accounts.MEMBER, texts.not_withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    record = await MeasureRecord.get()
    assert (record.status, record.platform_answer) == (RecordStatus.FAILED, answer)
    assert "手動" in notice


async def test_nothing_happens_where_the_duty_is_off_or_the_group_unfiled(app: App) -> None:
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(MARKED))  # not filed: no duty runs
    group = await filed_group()
    await store.switch(group, "confidential", False, accounts.ADMIN)
    await store.switch(group, "privacy", False, accounts.ADMIN)
    await store.switch(group, "content", False, accounts.ADMIN)  # the other duty that scans
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(Message(MessageSegment.forward("never-fetched"))))
        ctx.receive_event(bot, group_msg(MARKED))
    assert await MeasureRecord.all().count() == 0


async def test_the_bots_own_messages_and_plain_ones_are_left_alone(app: App) -> None:
    await filed_group()
    own = group_msg(MARKED, accounts.SELF)
    sent = Event.model_validate(
        {
            "time": 1_700_000_000,
            "self_id": accounts.SELF,
            "post_type": "message_sent",
            "message_type": "group",
            "group_id": accounts.GROUP,
            "user_id": accounts.SELF,
            "message_id": 5,
            "message": [{"type": "text", "data": {"text": MARKED}}],
        }
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, own)
        ctx.receive_event(bot, sent)
        ctx.receive_event(bot, group_msg("商業機密要保護，小秘密★不說"))
    assert await MeasureRecord.all().count() == 0


async def test_a_message_another_duty_recalled_is_reported_and_recorded_not_recalled(
    app: App,
) -> None:
    from plugins.scanner import service

    await filed_group()
    event = group_msg(MARKED)
    async with app.test_api() as ctx:
        result = await service.scan_message(make_bot(ctx), event)
        assert result is not None
        assert result.claim_recall("content")  # e.g. the content duty got there first
    notice = reference(
        event,
        source="text",
        category="state_secret",
        excerpt="機***年",
        digest=sha256(MARKED),
        result=texts.outcome(False, "", by_other="content"),
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    record = await MeasureRecord.get()
    assert (record.action, record.article, record.status) == ("recall", 11, RecordStatus.DONE)
    assert record.detail["recalled_by"] == "content"
    assert record.platform_answer == ""
