"""Confidential markers and ID numbers in a Telegram group: in a text, a caption and a document's
name, the message is deleted (deleteMessage names its chat), the sender told in the group, and
the admins and the unit leader referenced privately without the marked words."""

from typing import Any

import pytest
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from core import runtime
from models.measures import MeasureRecord, RecordStatus
from plugins.confidential import texts
from plugins.measures.escalation import Level, recipients
from tests import telegram as tg
from tests.tg_calls import (
    expect,
    expect_mention,
    expect_send,
    filed_tg_group,
    mention,
    on_telegram,
    sent,
    telegram_world,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.usefixtures("telegram_world")
MARKED = "通知：機密★1年 會議紀要"


class Said:
    """Any text, kept to be read after the call."""

    def __init__(self) -> None:
        self.text = ""

    def __eq__(self, other: object) -> bool:
        self.text = str(other)
        return isinstance(other, str)

    __hash__ = None  # type: ignore[assignment]


def expect_reference(ctx: ApiContext, person: int) -> Said:
    said = Said()
    expect_send(ctx, person, said)
    return said


def message_id(raw: dict[str, Any]) -> int:
    return int(raw["message"]["message_id"])


async def withdrawn(app: App, raw: dict[str, Any]) -> list[Said]:
    await filed_tg_group()
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(raw))
        expect(ctx, "delete_message", chat_id=tg.GROUP, message_id=message_id(raw))
        expect_mention(ctx, tg.MEMBER, texts.withdrawn(), name="用戶")
        told = [expect_reference(ctx, tg.ADMIN)]  # the unit's leader has no Telegram account
        leaders = on_telegram(recipients(runtime.org(), "XX社區", [Level.UNIT]))
        told += [expect_reference(ctx, leader) for leader in leaders]
    record = await MeasureRecord.get()
    assert (record.platform, record.group_id, record.action, record.status) == (
        "telegram",
        tg.GROUP,
        "recall",
        RecordStatus.DONE,
    )
    assert record.detail["message_id"] == message_id(raw)
    for notice in told:
        assert str(tg.GROUP) in notice.text
        assert "機密★" not in notice.text
        assert "會議紀要" not in notice.text
    return told


async def test_a_marker_in_a_text_is_deleted_and_referenced(app: App) -> None:
    await withdrawn(app, tg.group_message(MARKED))


async def test_a_marker_in_a_caption_is_deleted(app: App) -> None:
    from adapters import telegram_edge

    raw = tg.document_message("會議.docx", caption=MARKED)
    telegram_edge.keep_raw([raw])
    await withdrawn(app, raw)


async def test_a_marker_in_a_document_s_name_is_deleted(app: App) -> None:
    from adapters import telegram_edge

    raw = tg.document_message("機密★名單.xlsx", caption="請看附件")
    telegram_edge.keep_raw([raw])
    told = await withdrawn(app, raw)
    assert "名單" not in told[0].text


async def test_an_id_number_is_deleted_and_the_group_reminded_masked(app: App) -> None:
    await filed_tg_group()
    number = "11010519491231002X"
    raw = tg.group_message(f"我的身份證 {number}")
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(raw))
        expect(ctx, "delete_message", chat_id=tg.GROUP, message_id=message_id(raw))
        said = Said()
        mentioned = [mention(tg.MEMBER, name="用戶")]
        expect(
            ctx,
            "send_message",
            sent(tg.GROUP, "…"),
            chat_id=tg.GROUP,
            text=said,
            entities=mentioned,
        )
    assert number not in said.text
    assert said.text.startswith("@用戶 您的訊息含有身份證號（")
    assert said.text.endswith(
        "已撤回。依第四條，請保護群成員的個人信息，勿在群內發送身份證號、手機號等。"
    )
    record = await MeasureRecord.get()
    assert (record.action, record.article, record.status) == ("recall", 4, RecordStatus.DONE)
    assert number not in str(record.detail)
