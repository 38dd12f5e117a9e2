"""Carrying out a withdrawal: the record through the measures service first, then the notices."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from adapters.actions import Action
from adapters.message import Mention, Text
from adapters.port import Platform, Role
from core import runtime
from core.people import on, to_org_people
from core.send import to_group
from models.measures import MeasureRecord, RecordStatus
from plugins.confidential import texts
from plugins.confidential.decide import Marked
from plugins.measures.escalation import levels_of, recipients
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.registry import store

DUTY = "confidential"  # its records are filed under the article binding it (Art. 11)


@dataclass(frozen=True)
class Case:
    """One marked item: where and whose, and what the platform is asked to do about it."""

    platform: str
    group_id: int
    user_id: int
    message_id: int | None  # None: an upload notice, which names a file, not a message
    at: datetime
    action: Action | None  # Recall or RemoveUpload; None when another duty recalled it
    recalled_by: str | None = None  # that other duty
    tell: bool = True  # False: this upload was already told about (NapCat reports it twice)
    file_id: str | None = None
    role: Role = "member"  # the sender's platform role


def local_time(at: datetime) -> str:
    """A stored time as the street reads it."""
    return at.astimezone(ZoneInfo(runtime.org().street.timezone)).strftime("%Y-%m-%d %H:%M:%S")


def _detail(marked: Marked, case: Case) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "source": marked.source,
        "markers": marked.markers,
        "sha256": marked.digest,
    }
    if case.message_id is not None:
        detail["message_id"] = case.message_id
    if case.file_id is not None:
        detail["file_id"] = case.file_id
    if case.recalled_by is not None:
        detail["recalled_by"] = case.recalled_by
    return detail


async def withdraw(platform: Platform, marked: Marked, case: Case) -> MeasureRecord:
    """Record and carry out the withdrawal, then tell the group, the admins and whom the
    article's tell chain names (the unit leader in the default rulebook)."""
    group = await store.find_group(case.platform, case.group_id)
    unit = group.unit.name if group is not None else ""
    article = runtime.rulebook().article_of(DUTY)
    record = await carry_out(
        platform,
        Measure(
            kind="recall",
            article=article,
            action=case.action,
            group_id=case.group_id,
            target=case.user_id,
            unit=unit,
            category=marked.category,
            reason=texts.RECORD_REASON,
            evidence=marked.evidence,
            detail=_detail(marked, case),
            platform=case.platform,
            target_role=case.role,
        ),
    )
    if not case.tell:
        return record
    done = case.action is not None and record.status == RecordStatus.DONE
    upload = case.message_id is None
    if case.recalled_by is None and record.status != RecordStatus.REFERRED:
        said = (
            (texts.file_withdrawn() if upload else texts.withdrawn())
            if done
            else texts.not_withdrawn()
        )
        await to_group(platform, case.group_id, (Mention(case.user_id), Text(said)))
    admins = on(case.platform, await store.admin_ids(group) if group is not None else [])
    # Beside the admins, whom the rulebook's article says (the unit leaders by default).
    leaders = recipients(runtime.org(), unit, levels_of(runtime.rulebook(), article))
    notice = texts.reference(
        group_id=case.group_id,
        unit=unit,
        user_id=case.user_id,
        message_id=case.message_id,
        when=local_time(case.at),
        source=marked.source,
        category=marked.category,
        excerpt=marked.excerpt,
        short_hash=marked.short_hash,
        markers=marked.markers,
        result=texts.outcome(
            done, record.platform_answer, by_other=case.recalled_by, upload=upload
        ),
    )
    await to_org_people(platform, [*admins, *leaders], notice)
    return record
