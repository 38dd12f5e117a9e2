"""A measure as a value: what to do, to whom, where, and under which article."""

from dataclasses import dataclass, field
from typing import Any

from adapters.actions import Action


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
