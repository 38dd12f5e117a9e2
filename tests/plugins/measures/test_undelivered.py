"""A private notice that does not arrive is recorded, never silently lost."""

from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebug import App

from adapters.events import platform_for
from core.send import to_person
from models.measures import MeasureRecord, RecordStatus
from plugins.measures.wording import record_line
from tests import accounts
from tests.factories import make_bot

SEND_TIMEOUT = (  # napcat-core/helper/event.ts, a private send to a non-friend without a session
    "Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg "
    "ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{}\n"
)


async def test_an_undelivered_notice_leaves_a_failed_record(app: App) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        ctx.should_call_api(
            "send_private_msg",
            {"user_id": accounts.LEADER, "message": Message(MessageSegment.text("通知"))},
            exception=ActionFailed(retcode=1200, wording=SEND_TIMEOUT),
        )
        outcome = await to_person(platform_for(bot), accounts.LEADER, "通知", about=accounts.GROUP)
    assert not outcome.ok
    record = await MeasureRecord.get()
    assert (record.action, record.target, record.group_id, record.status) == (
        "notice_undelivered",
        accounts.LEADER,
        accounts.GROUP,
        RecordStatus.FAILED,
    )
    assert record.platform_answer.startswith("逾時未成")
    assert "第0條" not in record_line(record)
    assert "私訊未送達" in record_line(record)


async def test_a_delivered_notice_leaves_none(app: App) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        ctx.should_call_api(
            "send_private_msg",
            {"user_id": accounts.LEADER, "message": Message(MessageSegment.text("通知"))},
            {"message_id": 3},
        )
        await to_person(platform_for(bot), accounts.LEADER, "通知")
    assert await MeasureRecord.all().count() == 0
