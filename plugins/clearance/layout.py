"""How the check's results are laid out as messages: pure functions over a `Sweep`."""

from collections.abc import Sequence

from adapters.message import Mention, Outgoing, Part, Text
from plugins.clearance import texts
from plugins.clearance.candidates import Sweep

MAX_MENTION_MESSAGES = 5  # per group and week: risk control prefers few group posts


def mentions(user_ids: Sequence[int]) -> list[Part]:
    """@a @b @c: mentions only, never a name or an account as text."""
    parts: list[Part] = []
    for index, uid in enumerate(user_ids):
        if index:
            parts.append(Text(" "))
        parts.append(Mention(uid))
    return parts


def group_posts(
    counts: str,
    fix_card: str,
    to_mention: Sequence[int],
    per_message: int,
    max_messages: int = MAX_MENTION_MESSAGES,
) -> list[Outgoing]:
    """The counts, then at most `per_message` @mentions a message, `max_messages` messages."""
    if not to_mention:
        return [(Text(counts),)]
    shown = list(to_mention[: per_message * max_messages])
    chunks = [shown[i : i + per_message] for i in range(0, len(shown), per_message)]
    posts: list[list[Part]] = [[Text(f"{counts}\n{fix_card}\n"), *mentions(chunks[0])]]
    posts += [mentions(chunk) for chunk in chunks[1:]]
    if len(to_mention) > len(shown):
        posts[-1].append(Text("\n" + texts.more_not_mentioned(len(to_mention) - len(shown))))
    return [tuple(post) for post in posts]


def list_lines(result: Sweep, silent_days: int) -> list[str]:
    """The admins' private list: who may be removed, then who is kept with reasons."""
    lines = [
        texts.member_line(c.name, c.user_id, texts.reasons_text(c.reasons, silent_days))
        for c in result.remove
    ]
    lines += [
        texts.kept_line(c.name, c.user_id, texts.reasons_text(c.reasons, silent_days))
        for c in result.kept
    ]
    if result.exempted:
        lines.append(texts.exempted_line(result.exempted))
    return lines
