"""Reading the registry commands' arguments: pure functions, `None` for a bad call."""

from dataclasses import dataclass

from core.script import to_simplified
from models.registry import GroupType
from plugins.registry.platforms import parse_group_ref
from plugins.scanner.redact import free_text


@dataclass(frozen=True)
class FileArgs:
    group_type: GroupType
    unit: str
    purpose: str


def parse_file(words: tuple[str, ...]) -> FileArgs | None:
    """`<內部|群眾> <單位> [用途…]`."""
    if len(words) < 2:
        return None
    kind = to_simplified(words[0])
    types = {to_simplified(t.value): t for t in GroupType}
    if kind not in types:
        return None
    return FileArgs(types[kind], words[1], free_text(words[2:]))


@dataclass(frozen=True)
class Decision:
    group_id: int
    reason: str
    platform: str | None = None  # named with the number (`tg:-100…`); None: not named


def parse_decision(
    words: tuple[str, ...], here: int | None, *, needs_reason: bool
) -> Decision | None:
    """`[群號] [原因…]`: the group defaults to the one the command was sent in. A group number
    has five digits at least, a leading '-' (Telegram's) and a platform prefix allowed
    (plugins.registry.platforms)."""
    ref = parse_group_ref(words[0]) if words else None
    platform = None
    if ref is not None:
        group_id: int | None = ref.group_id
        platform, rest = ref.platform, words[1:]
    else:
        group_id, rest = here, words
    reason = free_text(rest)
    if group_id is None or (needs_reason and not reason):
        return None
    return Decision(group_id, reason, platform)
