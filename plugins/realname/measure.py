"""The duty's measures: each one recorded and carried out by the measures service."""

from adapters.actions import Action
from adapters.port import Platform
from core import runtime
from models.measures import MeasureRecord
from models.registry import Group
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.realname.rules import DUTY


async def act(
    platform: Platform,
    group: Group,
    kind: str,
    user_id: int,
    category: str,
    reason: str,
    action: Action,
) -> MeasureRecord:
    """One measure of the duty, recorded and carried out by the measures service, filed under
    the first article binding the duty: real-name identity and the member cap (Art. 4 in the
    default rulebook; Art. 7 binds the members to the same)."""
    return await carry_out(
        platform,
        Measure.in_group(
            group,
            kind=kind,
            article=runtime.rulebook().article_of(DUTY),
            action=action,
            target=user_id,
            category=category,
            reason=reason,
        ),
    )
