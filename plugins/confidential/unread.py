"""A message whose forwarded bundle the scan could not read to its end (Art. 11).

What was read was clean, or another duty would have recalled the message; what was not read
nobody can vouch for. The measure is on record (`scan_incomplete`: why, and the message id, never
any text), the registered admins are told privately, and, where the group's option says so
(`options.recalls_unread`), the message is recalled and its sender told why. A message another
duty already recalled is gone: the record notes it, and nobody is told twice.
"""

from dataclasses import replace
from typing import Any

from adapters.actions import Recall
from adapters.events import Posted
from adapters.message import Mention, Text
from adapters.port import Platform
from core import runtime
from core.people import on, to_org_people
from core.send import to_group
from models.measures import MeasureRecord, RecordStatus
from plugins.confidential import store, texts
from plugins.confidential.act import local_time
from plugins.confidential.options import UNREAD, recalls_unread
from plugins.measures.escalation import Level, recipients
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.registry import store as registry
from plugins.scanner.service import ScanResult

KIND = "scan_incomplete"
DUTY = "confidential"


async def report_unread(
    platform: Platform, posted: Posted, result: ScanResult
) -> MeasureRecord | None:
    """Record the message read only in part, recall it where the group says so, tell the admins."""
    group = await registry.find_group(posted.platform, posted.group_id)
    if group is None:
        return None
    cuts = list(result.cut_short)
    detail: dict[str, Any] = {"message_id": posted.message_id, "cut_short": cuts}
    other = result.recalled_by[0] if result.recalled_by else None
    recall = other is None and recalls_unread(await store.choice(group, UNREAD), group.type)
    if other is not None:
        detail["recalled_by"] = other
    else:
        detail["recall"] = recall
    first = recall and result.claim_recall(DUTY)
    record = await carry_out(
        platform,
        replace(
            Measure.in_group(
                group,
                kind=KIND,
                article=runtime.rulebook().article_of(DUTY),
                action=Recall(posted.group_id, posted.message_id) if first else None,
                target=posted.user_id,
                category=KIND,
                reason=texts.unread_reason(cuts),
                detail=detail,
            ),
            target_role=posted.role,
        ),
    )
    if other is not None:
        return record
    done = first and record.status == RecordStatus.DONE
    if done:
        await to_group(
            platform, group.group_id, (Mention(posted.user_id), Text(texts.unread_withdrawn()))
        )
    referred = record.status == RecordStatus.REFERRED
    notice = texts.unread_notice(
        group_id=group.group_id,
        unit=group.unit.name,
        user_id=posted.user_id,
        message_id=posted.message_id,
        when=local_time(posted.at),
        cuts=cuts,
        result=texts.unread_outcome(recall, done, record.platform_answer, referred),
    )
    admins = on(group.platform, await registry.admin_ids(group))
    told = admins or recipients(runtime.org(), group.unit.name, [Level.UNIT])
    await to_org_people(platform, told, notice, about=group.group_id)
    return record
