"""Deciding a pending group (Art. 13): one path for the chat commands and the console.

The decision is stored (who decided, when, why: the group's own record), recorded in the
measures chain (kind `filing_decision`, the decider as actor, in chat or in the console alike),
the group hears of it, and its registered admins are told privately.
"""

from adapters.port import Platform
from core import runtime
from core.send import to_group, to_people
from models.registry import Group, GroupStatus
from plugins.registry import store, texts

MAX_REASON = 200
DECISION_KIND = "filing_decision"


def refusal(group: Group | None, group_id: int, reason: str) -> str | None:
    """Why this decision cannot be taken (None: it can)."""
    if len(reason) > MAX_REASON:
        return texts.REASON_TOO_LONG
    if group is None:
        return texts.UNKNOWN_GROUP.format(group_id=group_id)
    if group.status != GroupStatus.PENDING:
        return texts.NOT_PENDING.format(group_id=group.group_id, status=group.status.value)
    return None


async def decide(platform: Platform, group: Group, *, approve: bool, by: int, reason: str) -> None:
    """Approve or reject `group` (checked with `refusal` first) as `by`, and tell the group and
    its registered admins (not `by`) through `platform`, an account in the group."""
    from plugins.measures.measure import Measure  # loaded after this plugin
    from plugins.measures.service import carry_out

    await store.decide(group, approve=approve, by=by, reason=reason)
    await group.fetch_related("unit")
    decision = Measure.in_group(
        group,
        kind=DECISION_KIND,
        article=runtime.rulebook().article_of("approval"),
        actor=by,
        reason=reason,
        detail={"decision": "approve" if approve else "reject", "status": group.status.value},
    )
    await carry_out(platform, decision)
    told = texts.approved(group.group_id) if approve else texts.rejected(group.group_id, reason)
    await to_group(platform, group.group_id, told)
    admins = [a for a in await store.admin_ids(group) if a != by]
    await to_people(platform, admins, told, about=group.group_id)
