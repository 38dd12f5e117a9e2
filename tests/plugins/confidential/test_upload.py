"""A marked file name: NapCat sends a group_upload notice and a message with a `file` segment."""

import time

from nonebot.adapters.onebot.v11 import (
    GroupMessageEvent,
    GroupUploadNoticeEvent,
    Message,
    MessageSegment,
)
from nonebot.adapters.onebot.v11.event import File
from nonebug import App
from nonebug.mixin.call_api import ApiContext

from models.measures import MeasureRecord, RecordStatus
from plugins.confidential import texts
from tests import accounts
from tests.factories import expect_private_send, group_msg, make_bot
from tests.plugins.confidential.helpers import (
    expect_mention,
    expect_recall,
    local_time,
    sha256,
)
from tests.plugins.registry.helpers import filed_group

NAME = "2026年工作要點（機密★）.docx"
FILE_ID = "/b1c2d3-e4f5"


def upload(name: str = NAME, user_id: int = accounts.MEMBER) -> GroupUploadNoticeEvent:
    return GroupUploadNoticeEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="notice",
        notice_type="group_upload",
        user_id=user_id,
        group_id=accounts.GROUP,
        file=File(id=FILE_ID, name=name, size=2048, busid=102),
    )


def file_message(name: str = NAME) -> GroupMessageEvent:
    segment = MessageSegment(
        "file", {"file": name, "file_id": "/other-id", "file_size": "2048", "url": ""}
    )
    return group_msg(Message(segment))


LISTED_ID = "/encoded-model-id-of-the-file"  # what get_group_root_files gives (ob/helper/data.ts)


def listed(name: str = NAME, user_id: int = accounts.MEMBER) -> dict[str, object]:
    """The file as NapCat's group-file list shows it (OB11Construct.file)."""
    return {
        "group_id": accounts.GROUP,
        "file_id": LISTED_ID if name == NAME else f"/other-{sha256(name)[:8]}",
        "file_name": name,
        "busid": 102,
        "size": 2048,
        "file_size": 2048,
        "upload_time": int(time.time()),
        "dead_time": 0,
        "modify_time": int(time.time()),
        "download_times": 0,
        "uploader": user_id,
        "uploader_name": f"u{user_id}",
    }


def expect_file_list(ctx: ApiContext, *files: dict[str, object]) -> None:
    ctx.should_call_api(
        "get_group_root_files",
        {"group_id": accounts.GROUP, "file_count": 200},
        {"files": list(files), "folders": []},
    )


def expect_delete(ctx: ApiContext, uploader: int = accounts.MEMBER, **refusal: object) -> None:
    """Found in the group-file list by name and uploader, deleted by the list's id (the notice's
    id is refused: ob/action/go-cqhttp/DeleteGroupFile.ts), then listed again: gone."""
    expect_file_list(ctx, listed(user_id=uploader), listed("別的檔案.pdf"))
    params = {"group_id": accounts.GROUP, "file_id": LISTED_ID}
    if refusal:
        from nonebot.adapters.onebot.v11.exception import ActionFailed

        ctx.should_call_api("delete_group_file", params, exception=ActionFailed(**refusal))
    else:
        ctx.should_call_api("delete_group_file", params, None)
        expect_file_list(ctx, listed("別的檔案.pdf"))


def notice_for(
    user_id: int, message_id: int | None, timestamp: int, result: str, markers: int = 1
) -> str:
    return texts.reference(
        group_id=accounts.GROUP,
        unit="XX社區",
        user_id=user_id,
        message_id=message_id,
        when=local_time(timestamp),
        source="file",
        category="state_secret",
        excerpt="機*★",
        short_hash=sha256(NAME)[:12],
        markers=markers,
        result=result,
    )


async def test_an_upload_notice_deletes_the_file_and_tells_everyone_once(app: App) -> None:
    await filed_group()
    event = upload()
    notice = notice_for(accounts.MEMBER, None, event.time, texts.outcome(True, "ok", upload=True))
    assert "機密" not in notice
    assert "工作要點" not in notice
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_delete(ctx)
        expect_mention(ctx, accounts.MEMBER, texts.file_withdrawn())
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)
        # NapCat's message for the same upload: recalled, recorded, but nobody told twice.
        message = file_message()
        ctx.receive_event(bot, message)
        expect_recall(ctx, message.message_id)

    first, second = await MeasureRecord.all().order_by("id")
    assert (first.action, first.article, first.category, first.status) == (
        "recall",
        11,
        "state_secret",
        RecordStatus.DONE,
    )
    assert first.detail == {
        "source": "file",
        "markers": 1,
        "sha256": sha256(NAME),
        "file_id": FILE_ID,
    }
    assert first.evidence == f"機*★ sha256:{sha256(NAME)}"
    assert NAME not in first.evidence
    assert (second.detail["message_id"], second.status) == (message.message_id, RecordStatus.DONE)


async def test_the_message_first_then_the_notice_also_tells_once(app: App) -> None:
    await filed_group()
    message = file_message()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, message)
        expect_recall(ctx, message.message_id)
        expect_mention(ctx, accounts.MEMBER, texts.withdrawn())
        notice = notice_for(
            accounts.MEMBER, message.message_id, message.time, texts.outcome(True, "ok")
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)
        ctx.receive_event(bot, upload())
        expect_delete(ctx)
        # Someone else uploading the same name is a new case, told again.
        other = upload(user_id=accounts.STRANGER)
        ctx.receive_event(bot, other)
        expect_delete(ctx, accounts.STRANGER)
        expect_mention(ctx, accounts.STRANGER, texts.file_withdrawn())
        notice = notice_for(
            accounts.STRANGER, None, other.time, texts.outcome(True, "ok", upload=True)
        )
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    assert await MeasureRecord.all().count() == 3


async def test_a_refused_delete_is_recorded_as_failed(app: App) -> None:
    await filed_group()
    event = upload()
    answer = "已不存在：文件不存在"
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, event)
        expect_delete(ctx, status="failed", retcode=200, wording="文件不存在")
        expect_mention(ctx, accounts.MEMBER, texts.not_withdrawn())
        notice = notice_for(accounts.MEMBER, None, event.time, texts.outcome(False, answer))
        expect_private_send(ctx, accounts.ADMIN, notice)
        expect_private_send(ctx, accounts.LEADER, notice)

    record = await MeasureRecord.get()
    assert (record.status, record.platform_answer) == (RecordStatus.FAILED, answer)


async def test_plain_file_names_and_the_duty_switched_off_do_nothing(app: App) -> None:
    from plugins.registry import store

    group = await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, upload("會議簽到表.xlsx"))
        ctx.receive_event(bot, file_message("會議簽到表.xlsx"))
        ctx.receive_event(bot, upload(user_id=accounts.SELF))
    await store.switch(group, "confidential", False, accounts.ADMIN)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, upload())
    assert await MeasureRecord.all().count() == 0
