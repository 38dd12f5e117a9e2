"""Which numbers a OneBot event may carry: a pure check of the frame, before anything parses it.

QQ's group and user ids are positive and fit in a signed 64-bit integer (the database stores
them as BIGINT); a message id is NapCat's short id, a signed 32-bit integer (`createUniqueMsgId`
in `packages/napcat-common/src/message-unique.ts` reads the first four bytes of an MD5 as an
int32 with the sign bit cleared; OneBot v11 says int32, and go-cqhttp's ids are negative too).
A frame with an id outside these ranges is refused whole, where it comes in: one id out of
range (a `group_id` of 2**70) once poisoned the buffer of sightings, whose every later write
failed on it.

Only 0 is allowed where NapCat sends it for "none": `operator_id` and `target_id` (a member who
left by themselves), and the `group_id` of a notice (`notify/input_status` in a private chat,
`event/notice/OB11InputStatusEvent.ts`).
"""

import re
from typing import Any

INT64_MAX = 2**63 - 1
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1

# field: (least, most) allowed
_RANGES: dict[str, tuple[int, int]] = {
    "self_id": (1, INT64_MAX),
    "user_id": (1, INT64_MAX),
    "group_id": (1, INT64_MAX),
    "operator_id": (0, INT64_MAX),
    "target_id": (0, INT64_MAX),
    "message_id": (INT32_MIN, INT32_MAX),
}
ID_FIELDS = tuple(_RANGES)
_WORD = re.compile(r"[a-z_]{1,24}")  # an event kind as OneBot names it; anything else not shown


def _number(value: Any) -> int | None:
    """The integer pydantic would read `value` as (a digit string or an integral float too);
    None for anything else (True, 1.5, "12a", a list): not an id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        digits = value.strip()
        if digits.lstrip("+-").isdigit():
            return int(digits)
    return None


def _allowed(data: dict[str, Any], name: str) -> tuple[int, int]:
    least, most = _RANGES[name]
    if name == "group_id" and data.get("post_type") == "notice":
        least = 0
    return least, most


def bad_id(data: dict[str, Any]) -> str | None:
    """The first id field of event `data` that is out of range (`sender.user_id` for the
    sender's), or None when every id present is a number in range."""
    for name in ID_FIELDS:
        if name not in data or data[name] is None:
            continue
        number = _number(data[name])
        least, most = _allowed(data, name)
        if number is None or not least <= number <= most:
            return name
    sender = data.get("sender")
    if isinstance(sender, dict) and sender.get("user_id") is not None:
        number = _number(sender["user_id"])
        if number is None or not 0 <= number <= INT64_MAX:
            return "sender.user_id"
    return None


def shown_ids(data: dict[str, Any]) -> str:
    """The frame's kind and ids for the one line its refusal logs: numbers only, never text
    (an id field holding words shows as its type)."""
    parts = [data.get(key) for key in ("post_type", "message_type", "notice_type")]
    kind = ".".join(p for p in parts if isinstance(p, str) and _WORD.fullmatch(p))
    ids = []
    for name in ID_FIELDS:
        if name in data:
            ids.append(f"{name}={_shown(data[name])}")
    return f"[{kind}] {' '.join(ids)}".strip()


def _shown(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit() and len(value) <= 40:
        return value.strip()
    return f"<{type(value).__name__}>"
