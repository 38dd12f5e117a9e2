"""Carrying out a privacy recall: the record through the measures service, then the reminder."""

from adapters.actions import Recall
from adapters.events import Posted
from adapters.message import Mention, Text
from adapters.port import Platform
from core import runtime
from core.send import to_group, to_people
from models.measures import MeasureRecord, RecordStatus
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.privacy import texts
from plugins.privacy.decide import MAX_SHOWN, Exposed
from plugins.registry import store

DUTY = "privacy"  # its records are filed under the article binding it (Art. 4)


async def withdraw(platform: Platform, exposed: Exposed, posted: Posted) -> MeasureRecord:
    """Recall the message, record it masked, and remind the group why (naming the article)."""
    group = await store.find_group(posted.platform, posted.group_id)
    unit = group.unit.name if group is not None else ""
    record = await carry_out(
        platform,
        Measure(
            kind="recall",
            article=runtime.rulebook().article_of(DUTY),
            action=Recall(posted.group_id, posted.message_id),
            group_id=posted.group_id,
            target=posted.user_id,
            unit=unit,
            category=exposed.category,
            reason=texts.RECORD_REASON,
            evidence=exposed.evidence,
            detail={
                "message_id": posted.message_id,
                "source": exposed.source,
                "categories": list(exposed.categories),
                "numbers": len(exposed.masked),
            },
            platform=posted.platform,
            target_role=posted.role,
        ),
    )
    done = record.status == RecordStatus.DONE
    if record.status != RecordStatus.REFERRED:  # else the sender was asked privately
        say = texts.withdrawn if done else texts.not_withdrawn
        reminder = say(exposed.categories, exposed.masked, MAX_SHOWN)
        await to_group(platform, posted.group_id, (Mention(posted.user_id), Text(reminder)))
    if not done and group is not None:
        notice = texts.admins_not_withdrawn(
            posted.group_id,
            unit,
            posted.user_id,
            posted.message_id,
            exposed.masked,
            record.platform_answer,
        )
        await to_people(platform, await store.admin_ids(group), notice, about=group.group_id)
    return record
