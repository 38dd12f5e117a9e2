"""The content duty's storage: group overrides, rungs on record, incident report files.

A group's override of the policy is a measure record of kind `content_policy` (no action, the
policy in its detail), so every change says who made it and when, inside the audit chain; the
latest one is in force. No table of its own.
"""

from datetime import datetime
from pathlib import Path

from core import runtime
from models.measures import MeasureRecord, RecordStatus
from models.registry import Group
from plugins.content.policy import RUNG_ACTIONS, RUNG_ARTICLES, ContentPolicy
from plugins.measures.commands import MANUAL_ARTICLE
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out

POLICY_KIND = "content_policy"
REPORTS = "reports"


async def policy_of(platform: str, group_id: int) -> tuple[ContentPolicy, bool]:
    """The group's policy, and whether the group set its own."""
    latest = (
        await MeasureRecord.filter(
            platform=platform, group_id=group_id, action=POLICY_KIND, status=RecordStatus.DONE
        )
        .order_by("-id")
        .first()
    )
    data = latest.detail.get("policy") if latest is not None else None
    if not data:
        return ContentPolicy(), False
    return ContentPolicy.from_detail(data), True


async def set_policy(group: Group, policy: ContentPolicy | None, actor: int) -> MeasureRecord:
    """Record the group's new policy (None: back to the defaults)."""
    return await carry_out(
        None,
        Measure.in_group(
            group,
            kind=POLICY_KIND,
            article=MANUAL_ARTICLE,
            actor=actor,
            detail={"policy": policy.to_detail() if policy is not None else None},
        ),
    )


async def rungs_on_record(platform: str, group_id: int, user_id: int, since: datetime) -> int:
    return await MeasureRecord.filter(
        platform=platform,
        group_id=group_id,
        target=user_id,
        action__in=RUNG_ACTIONS,
        article__in=RUNG_ARTICLES,
        created_at__gte=since,
    ).count()


def write_report(file_name: str, text: str) -> Path:
    """Write an incident report under the data dir; its absolute path (the platform needs one)."""
    folder = (runtime.settings().qungui_data_dir / REPORTS).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(text, encoding="utf-8")
    return path
