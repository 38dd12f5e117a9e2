"""A measure as a value: what to do, to whom, where, and under which article."""

from dataclasses import dataclass, field
from typing import Any

from adapters.actions import Action
from adapters.port import Role
from models.registry import Group


@dataclass(frozen=True)
class Measure:
    """`action` is what the platform is asked to do; None for a measure only recorded (a warning)."""

    kind: str  # recall, warning, mute, unmute, kick, blacklist, unblacklist, handover, clearance…
    article: int
    action: Action | None
    group_id: int | None = None
    target: int | None = None
    actor: int | None = None  # None: the bot on its own
    unit: str = ""
    category: str = ""
    reason: str = ""
    evidence: str = ""  # masked or hashed: never the full text of what was removed
    detail: dict[str, Any] = field(default_factory=dict)
    platform: str = "qq"
    target_role: Role | None = None  # the target's platform role, where the event told it

    @classmethod
    def in_group(
        cls,
        group: Group,
        *,
        kind: str,
        article: int,
        action: Action | None = None,
        target: int | None = None,
        actor: int | None = None,
        category: str = "",
        reason: str = "",
        evidence: str = "",
        detail: dict[str, Any] | None = None,
    ) -> "Measure":
        """A measure in a registered group: where it happened (group, unit, platform) comes from
        the group, its unit fetched."""
        return cls(
            kind=kind,
            article=article,
            action=action,
            group_id=group.group_id,
            target=target,
            actor=actor,
            unit=group.unit.name,
            category=category,
            reason=reason,
            evidence=evidence,
            detail=detail or {},
            platform=group.platform,
        )
