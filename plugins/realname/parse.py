"""Reading the real-name commands' arguments: pure functions, `None` for a bad call."""

from dataclasses import dataclass
from typing import Literal

from core.script import to_simplified

SettingField = Literal["auto_approve", "remove_after_deadline", "member_cap"]
MAX_CAP = 100_000

_FIELDS: dict[str, SettingField] = {
    "自动审核": "auto_approve",
    "auto": "auto_approve",
    "逾期移出": "remove_after_deadline",
    "remove": "remove_after_deadline",
    "人数上限": "member_cap",
    "cap": "member_cap",
}
_SWITCH = {"开": True, "开启": True, "on": True, "是": True, "关": False, "关闭": False, "off": False, "否": False}  # fmt: skip
DEFAULT_WORDS = frozenset({"预设", "默认", "default"})


@dataclass(frozen=True)
class SettingChange:
    field: SettingField
    value: bool | int | None  # None: back to the default (member cap only)


def is_default(word: str) -> bool:
    """`預設` (either script) or `default`: back to the deployment's default."""
    return to_simplified(word.strip()).lower() in DEFAULT_WORDS


def parse_setting(words: tuple[str, ...]) -> SettingChange | None:
    """`自動審核 開|關`, `逾期移出 開|關`, `人數上限 <人數>|預設` (either script, or Latin)."""
    if len(words) != 2:
        return None
    field = _FIELDS.get(to_simplified(words[0]).lower())
    value = to_simplified(words[1]).lower()
    if field is None:
        return None
    if field != "member_cap":
        return SettingChange(field, _SWITCH[value]) if value in _SWITCH else None
    if is_default(value):
        return SettingChange(field, None)
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_CAP:
        return SettingChange(field, int(value))
    return None
