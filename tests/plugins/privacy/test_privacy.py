"""An ID number (or, where chosen, a phone number): recalled, a masked reminder, a masked record."""

import json

from nonebug import App

from models.measures import MeasureRecord, RecordStatus
from plugins.confidential import texts as confidential_texts
from plugins.privacy import texts
from plugins.registry import store
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot
from tests.plugins.confidential.helpers import (
    expect_mention,
    expect_recall,
    local_time,
    sha256,
)
from tests.plugins.registry.helpers import filed_group

ID = "110101199003077571"
MASKED_ID = "110101********7571"
WITH_ID = f"張三身份證號 {ID}，請幫忙登記"


def stored(record: MeasureRecord) -> str:
    return json.dumps(
        [record.reason, record.evidence, record.detail, record.platform_answer], ensure_ascii=False
    )


async def test_an_id_number_is_recalled_with_a_masked_reminder_and_record(app: App) -> None:
    await filed_group()
    event = group_msg(WITH_ID)
    reminder = texts.withdrawn(["id_number"], [MASKED_ID], 3)
    assert ID not in reminder
    assert MASKED_ID in reminder
    assert "第四條" in reminder
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, reminder)

    record = await MeasureRecord.get()
    assert (record.action, record.article, record.category, record.status) == (
        "recall",
        4,
        "id_number",
        RecordStatus.DONE,
    )
    assert (record.target, record.evidence) == (accounts.MEMBER, MASKED_ID)
    assert record.detail == {
        "message_id": event.message_id,
        "source": "text",
        "categories": ["id_number"],
        "numbers": 1,
    }
    assert ID not in stored(record)


async def test_phones_wait_for_the_groups_option(app: App) -> None:
    await filed_group()
    phone = group_msg("有事打我電話 13812345678")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, phone)  # option off (the default): nothing
        ctx.receive_event(bot, group_msg("/隱私選項 手機 開", accounts.ADMIN))
        expect_group_send(ctx, texts.option_switched("phone", True))
        again = group_msg("有事打我電話 13812345678")
        ctx.receive_event(bot, again)
        expect_recall(ctx, again.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn(["phone"], ["138****5678"], 3))

    record = await MeasureRecord.get()
    assert (record.article, record.category, record.evidence) == (4, "phone", "138****5678")
    assert "13812345678" not in stored(record)


async def test_an_admins_id_number_is_recalled_too(app: App) -> None:
    await filed_group()
    event = group_msg(WITH_ID, accounts.ADMIN, role="admin")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.ADMIN, texts.withdrawn(["id_number"], [MASKED_ID], 3))
    assert (await MeasureRecord.get()).target == accounts.ADMIN


async def test_a_refused_recall_is_recorded_failed_and_the_admins_told(app: App) -> None:
    await filed_group()
    event = group_msg(WITH_ID)
    answer = "已不存在：Recall failed"
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id, status="failed", retcode=1200, wording="Recall failed")
        expect_mention(ctx, accounts.MEMBER, texts.not_withdrawn(["id_number"], [MASKED_ID], 3))
        expect_private_send(
            ctx,
            accounts.ADMIN,
            texts.admins_not_withdrawn(
                accounts.GROUP, "XX社區", accounts.MEMBER, event.message_id, [MASKED_ID], answer
            ),
        )

    record = await MeasureRecord.get()
    assert (record.status, record.platform_answer) == (RecordStatus.FAILED, answer)


async def test_the_duty_switched_off_does_nothing(app: App) -> None:
    group = await filed_group()
    await store.switch(group, "privacy", False, accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(WITH_ID))
        ctx.receive_event(bot, group_msg(WITH_ID, accounts.SELF))
    assert await MeasureRecord.all().count() == 0


async def test_a_marker_and_an_id_number_together_are_recalled_once(app: App) -> None:
    await filed_group()
    text = f"機密★ 名單：{ID}"
    event = group_msg(text)
    notice = confidential_texts.reference(
        group_id=accounts.GROUP,
        unit="XX社區",
        user_id=accounts.MEMBER,
        message_id=event.message_id,
        when=local_time(event.time),
        source="text",
        category="state_secret",
        excerpt="機*★",
        short_hash=sha256(text)[:12],
        markers=1,
        result=confidential_texts.outcome(True, "ok"),
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, confidential_texts.withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)
    assert ID not in notice
    records = await MeasureRecord.all()
    assert [(r.article, r.category) for r in records] == [(11, "state_secret")]


async def test_with_the_confidential_duty_off_privacy_recalls_it(app: App) -> None:
    group = await filed_group()
    await store.switch(group, "confidential", False, accounts.ADMIN)
    event = group_msg(f"機密★ 名單：{ID}")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_recall(ctx, event.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn(["id_number"], [MASKED_ID], 3))
    records = await MeasureRecord.all()
    assert [(r.article, r.category) for r in records] == [(4, "id_number")]
