"""The duty's measures: each one recorded and carried out by the measures service."""

from adapters.actions import Action
from adapters.port import Platform
from models.measures import MeasureRecord
from models.registry import Group
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out

ARTICLE = 4  # real-name identity and the member cap (Art. 7 binds the members to the same)


async def act(
    platform: Platform,
    group: Group,
    kind: str,
    user_id: int,
    category: str,
    reason: str,
    action: Action,
) -> MeasureRecord:
    """One measure of the duty, recorded and carried out by the measures service."""
    return await carry_out(
        platform,
        Measure.in_group(
            group,
            kind=kind,
            article=ARTICLE,
            action=action,
            target=user_id,
            category=category,
            reason=reason,
        ),
    )
