"""The confidential duty's matchers: every group message, and every group file upload.

Both run where the duty is on, before the commands (priority 4; privacy runs at 5, commands at 10),
and never block, so the other duties see the message too. The bot's own messages are skipped.
A message whose forwarded bundle the scan could not read to its end is taken up last of the
duties (priority 7, after content at 6), once every duty that recalls what it found has had it.
"""

from nonebot.adapters import Bot, Event

from adapters.actions import Recall, RemoveUpload
from adapters.events import platform_for, posted_of, upload_of
from core.dispatch import on_message, on_notice
from plugins.confidential.act import Case, withdraw
from plugins.confidential.decide import Recent, judge
from plugins.confidential.unread import report_unread
from plugins.registry.rules import duty_on
from plugins.scanner.findings import TextPiece
from plugins.scanner.service import cut_short, findings_in, found, scan_message

DUTY = "confidential"
PRIORITY = 4
UNREAD_PRIORITY = 7

# Uploads already told about, by group, sender and hashed file name.
told_uploads = Recent()


_duty_on = duty_on(DUTY)


async def _is_upload(bot: Bot, event: Event) -> bool:
    return upload_of(event) is not None and await _duty_on(bot, event)


marked_message = on_message(found(_duty_on, "confidential"), priority=PRIORITY)
marked_upload = on_notice(_is_upload, priority=PRIORITY)
unread_message = on_message(cut_short(_duty_on), priority=UNREAD_PRIORITY)


@marked_message.handle()
async def _message(bot: Bot, event: Event) -> None:
    posted = posted_of(event)
    if posted is None or posted.from_self:
        return
    result = await scan_message(bot, event)
    marked = judge(result.pieces, result.findings) if result is not None else None
    if result is None or marked is None:
        return
    first = result.claim_recall(DUTY)
    tell = marked.upload_key is None or told_uploads.first(
        (posted.platform, posted.group_id, posted.user_id, marked.upload_key)
    )
    case = Case(
        platform=posted.platform,
        group_id=posted.group_id,
        user_id=posted.user_id,
        message_id=posted.message_id,
        at=posted.at,
        action=Recall(posted.group_id, posted.message_id) if first else None,
        recalled_by=None if first else result.recalled_by[0],
        tell=tell,
        role=posted.role,
    )
    await withdraw(platform_for(bot), marked, case)


@marked_upload.handle()
async def _upload(bot: Bot, event: Event) -> None:
    upload = upload_of(event)
    if upload is None or upload.from_self:
        return
    pieces = [TextPiece("file", upload.name)]
    marked = judge(pieces, findings_in(pieces))
    if marked is None or marked.upload_key is None:
        return
    case = Case(
        platform=upload.platform,
        group_id=upload.group_id,
        user_id=upload.user_id,
        message_id=None,
        at=upload.at,
        action=RemoveUpload(upload.group_id, upload.name, upload.user_id, upload.at),
        tell=told_uploads.first(
            (upload.platform, upload.group_id, upload.user_id, marked.upload_key)
        ),
        file_id=upload.file_id,
    )
    await withdraw(platform_for(bot), marked, case)


@unread_message.handle()
async def _unread(bot: Bot, event: Event) -> None:
    posted = posted_of(event)
    if posted is None or posted.from_self:
        return
    result = await scan_message(bot, event)
    if result is None or not result.cut_short:
        return
    await report_unread(platform_for(bot), posted, result)
