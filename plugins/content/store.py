"""The content duty's storage: group overrides, rungs on record, incident report files.

A group's own policy is a measure record of kind `content_policy` (no action, its differences
from the rulebook in its detail), so every change says who made it and when, inside the audit
chain; the latest one is in force. No table of its own.
"""

from datetime import datetime
from pathlib import Path

from core import runtime
from core.rulebook import Rulebook
from models.measures import MeasureRecord, RecordStatus
from models.registry import Group
from plugins.content.overrides import ContentPolicy
from plugins.content.policy import DUTY, RUNG_ACTIONS, rung_articles
from plugins.measures.articles import MEASURES
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out

POLICY_KIND = "content_policy"
REPORTS = "reports"


def policy_article(book: Rulebook) -> int:
    """The article a policy change is filed under: the measures duty's, else the content duty's."""
    return book.article_of(MEASURES if book.binds(MEASURES) else DUTY)


async def policy_of(platform: str, group_id: int) -> tuple[ContentPolicy, bool]:
    """The group's policy, and whether it differs from the rulebook's."""
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
    policy = ContentPolicy.from_detail(data, runtime.rulebook())
    return policy, not policy.empty


async def set_policy(group: Group, policy: ContentPolicy | None, actor: int) -> MeasureRecord:
    """Record the group's new policy, only its differences (None: back to the rulebook's)."""
    book = runtime.rulebook()
    own = policy.compact(book) if policy is not None else None
    return await carry_out(
        None,
        Measure.in_group(
            group,
            kind=POLICY_KIND,
            article=policy_article(book),
            actor=actor,
            detail={"policy": own.to_detail() if own is not None and not own.empty else None},
        ),
    )


async def rungs_on_record(platform: str, group_id: int, user_id: int, since: datetime) -> int:
    return await MeasureRecord.filter(
        platform=platform,
        group_id=group_id,
        target=user_id,
        action__in=RUNG_ACTIONS,
        article__in=rung_articles(runtime.rulebook()),
        created_at__gte=since,
    ).count()


def write_report(file_name: str, text: str) -> Path:
    """Write an incident report under the data dir; its absolute path (the platform needs one)."""
    folder = (runtime.settings().qungui_data_dir / REPORTS).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(text, encoding="utf-8")
    return path
