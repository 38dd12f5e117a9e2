"""Reading the clearance commands' arguments: pure functions, `None` for a bad call."""

import re
from dataclasses import dataclass

from core.script import to_simplified
from core.weekly import parse_weekly_time

MAX_DAYS = 3650
_BATCH = re.compile(r"^[#＃]?(\d{1,9})$")
_DEFAULT = {"预设", "默认", "default"}
_TIME = {"时间", "time"}
_SILENT = {"沉默天数", "silent"}
_DORMANT = {"闲置天数", "dormant"}


def parse_batch(words: tuple[str, ...]) -> int | None:
    """`<批次號>`, e.g. `12` or `#12`."""
    if len(words) != 1:
        return None
    found = _BATCH.match(words[0])
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class SettingChange:
    """ClearanceSetting fields to store; a None value goes back to the default."""

    fields: dict[str, int | None]


def _days(field: str, words: tuple[str, ...]) -> SettingChange | None:
    """A number of days for `field`, or back to the default for `預設`."""
    if len(words) != 1:
        return None
    if to_simplified(words[0]).lower() in _DEFAULT:
        return SettingChange({field: None})
    if words[0].isdigit() and 1 <= int(words[0]) <= MAX_DAYS:
        return SettingChange({field: int(words[0])})
    return None


def parse_setting(words: tuple[str, ...]) -> SettingChange | None:
    """`預設` | `時間 <週一 09:00|預設>` | `沉默天數 <天數|預設>` | `閒置天數 <天數|預設>`."""
    if not words:
        return None
    key, rest = to_simplified(words[0]).lower(), words[1:]
    if key in _DEFAULT and not rest:
        return SettingChange(
            {
                "weekday": None,
                "hour": None,
                "minute": None,
                "silent_days": None,
                "dormant_days": None,
            }
        )
    if key in _TIME:
        if len(rest) == 1 and to_simplified(rest[0]).lower() in _DEFAULT:
            return SettingChange({"weekday": None, "hour": None, "minute": None})
        when = parse_weekly_time(" ".join(rest))
        if when is None:
            return None
        return SettingChange({"weekday": when.weekday, "hour": when.hour, "minute": when.minute})
    if key in _SILENT:
        return _days("silent_days", rest)
    if key in _DORMANT:
        return _days("dormant_days", rest)
    return None
