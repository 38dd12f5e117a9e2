"""A time in the week, e.g. `週一 09:00`: how schedules are written in settings and commands."""

import re
from dataclasses import dataclass

from core.script import to_simplified

DAY_NAMES = ("週一", "週二", "週三", "週四", "週五", "週六", "週日")
_DAY_CHARS = "一二三四五六日"
_ENGLISH = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FORM = re.compile(
    r"^(?:(?:周|星期|礼拜)([一二三四五六日天])|([a-z]{3})[a-z]*)\s*(\d{1,2}):(\d{2})$"
)


@dataclass(frozen=True, order=True)
class WeeklyTime:
    """`weekday` 0 Monday … 6 Sunday, as the clearance settings store it."""

    weekday: int
    hour: int
    minute: int

    def __post_init__(self) -> None:
        if not (0 <= self.weekday <= 6 and 0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ValueError(f"not a time in the week: {self!r}")

    def __str__(self) -> str:
        return f"{DAY_NAMES[self.weekday]} {self.hour:02d}:{self.minute:02d}"


def parse_weekly_time(text: str) -> WeeklyTime | None:
    """`週一 09:00` (周一, 星期一, 禮拜一; 週日 or 週天 for Sunday) or `mon 09:00`; None otherwise."""
    found = _FORM.match(to_simplified(text.strip()).lower())
    if found is None:
        return None
    chinese, english, hour, minute = found.groups()
    if chinese is not None:
        weekday = 6 if chinese == "天" else _DAY_CHARS.index(chinese)
    elif english[:3] in _ENGLISH:
        weekday = _ENGLISH.index(english[:3])
    else:
        return None
    if int(hour) > 23 or int(minute) > 59:
        return None
    return WeeklyTime(weekday, int(hour), int(minute))
