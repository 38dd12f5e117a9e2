"""Which missed messages to hand to the duties: pure."""

from collections.abc import Collection, Iterable
from datetime import datetime

from adapters.port import PastMessage


def to_replay(
    past: Iterable[PastMessage],
    since: datetime | None,
    self_id: int,
    command_starts: Collection[str],
    handled: Collection[int] = frozenset(),
) -> list[PastMessage]:
    """The messages from `since` on (the last moment the bot saw or acted in the group), oldest
    first, but for those it `handled` already.

    A message's time has whole seconds while `since` is the moment the bot took one in, so the
    second of `since` counts too, and the ids the bot remembers keep what it saw out. None for
    `since`: the bot never saw the group speak, so nothing counts as missed. The bot's own
    messages are skipped, and so are commands: an order given hours ago is not carried out late
    without the person who gave it knowing.
    """
    if since is None:
        return []
    start = since.replace(microsecond=0)
    starts = tuple(s for s in command_starts if s)
    return sorted(
        (
            p
            for p in past
            if p.at >= start
            and p.message_id not in handled
            and p.user_id != self_id
            and not (starts and p.text.lstrip().startswith(starts))
        ),
        key=lambda p: p.at,
    )
