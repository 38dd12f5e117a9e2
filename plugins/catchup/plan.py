"""Which missed messages to hand to the duties: pure."""

from collections.abc import Collection, Iterable
from datetime import datetime

from adapters.port import PastMessage


def to_replay(
    past: Iterable[PastMessage],
    since: datetime | None,
    self_id: int,
    command_starts: Collection[str],
) -> list[PastMessage]:
    """The messages after `since` (the last one the bot saw or acted on), oldest first.

    None for `since`: the bot never saw the group speak, so nothing counts as missed. The bot's
    own messages are skipped, and so are commands: an order given hours ago is not carried out
    late without the person who gave it knowing.
    """
    if since is None:
        return []
    starts = tuple(s for s in command_starts if s)
    return sorted(
        (
            p
            for p in past
            if p.at > since
            and p.user_id != self_id
            and not (starts and p.text.lstrip().startswith(starts))
        ),
        key=lambda p: p.at,
    )
