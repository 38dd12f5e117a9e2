"""Platforms as people read and type them: one mapping of names shown, and typed group numbers.

A platform's name in records comes from its reader (adapters.onebot_events.NAME,
adapters.telegram_events.NAME), and what people see from the same reader's LABEL ("QQ",
"Telegram"); `label` is the one way to go from one to the other. A group number typed in a command may carry its platform
(`qq:700100`, `tg:-1001234567890`): Telegram's group ids are negative and QQ's positive, so a
bare number is normally enough, and one that two platforms share is refused as ambiguous.
"""

import re
from dataclasses import dataclass

from adapters import onebot_events, telegram_events

LABELS: dict[str, str] = {r.NAME: r.LABEL for r in (onebot_events, telegram_events)}
# Where a group's owner sets admins in the platform's client (what the bot asks them to do).
ADMIN_SETTINGS: dict[str, str] = {
    onebot_events.NAME: "群聊設置 → 群管理 → 設置管理員",
    telegram_events.NAME: "群組資訊 → 編輯 → 管理員",
}
# What may stand before a typed group number, lower case: each name, each label, and `tg`.
PREFIXES: dict[str, str] = {
    **{name: name for name in LABELS},
    **{label.lower(): name for name, label in LABELS.items()},
    "tg": telegram_events.NAME,
}
_GROUP = re.compile(r"(?:(?P<prefix>[A-Za-z]+)[:：])?(?P<number>-?\d{5,20})")


def label(platform: str) -> str:
    """The platform's name as people read it."""
    return LABELS.get(platform, platform)


@dataclass(frozen=True)
class GroupRef:
    """A group number someone typed, and its platform when they named one."""

    group_id: int
    platform: str | None = None


def parse_group_ref(word: str) -> GroupRef | None:
    """`700100`, `-1001234567890`, `qq:700100`, `tg:-100…` (a full-width colon too); None for
    anything else, an unknown prefix included."""
    match = _GROUP.fullmatch(word.strip())
    if match is None:
        return None
    prefix = match.group("prefix")
    platform = PREFIXES.get(prefix.lower()) if prefix else None
    if prefix and platform is None:
        return None
    return GroupRef(int(match.group("number")), platform)


def group_ref(platform: str, group_id: int) -> str:
    """How to type the group with its platform named (for an ambiguous number)."""
    short = next((p for p, n in PREFIXES.items() if n == platform and len(p) <= 2), platform)
    return f"{short}:{group_id}"
