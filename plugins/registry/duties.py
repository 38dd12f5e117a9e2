"""The duties a group can switch on or off (core.duties.SWITCHABLE), each with the articles the
rulebook in force binds it to: read at call time, so another rulebook renumbers them."""

from dataclasses import dataclass

from core import runtime
from core.duties import SWITCHABLE
from core.script import to_simplified


@dataclass(frozen=True)
class Duty:
    key: str
    name: str
    summary: str  # what the bot does for it (core.duties' `does`)

    @property
    def articles(self) -> tuple[int, ...]:
        """The articles binding it, in the rulebook's order; () when the rulebook leaves it out."""
        return runtime.rulebook().articles_of(self.key)

    @property
    def bound(self) -> bool:
        return runtime.rulebook().binds(self.key)


DUTIES: tuple[Duty, ...] = tuple(Duty(d.key, d.name, d.does) for d in SWITCHABLE)

BY_KEY = {d.key: d for d in DUTIES}


def find_duty(word: str) -> Duty | None:
    """The duty named by its Chinese name (either script) or its key."""
    key = to_simplified(word.strip()).lower()
    for duty in DUTIES:
        if key in (duty.key, to_simplified(duty.name)):
            return duty
    return None
