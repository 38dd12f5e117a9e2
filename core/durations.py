"""Lengths of time as people write them (`10m`, `2小時`, `3天`) and as the bot shows them."""

import re

_UNITS = {
    "s": 1, "秒": 1,
    "m": 60, "min": 60, "分": 60, "分鐘": 60, "分钟": 60,
    "h": 3600, "小時": 3600, "小时": 3600, "時": 3600,
    "d": 86400, "天": 86400, "日": 86400,
}  # fmt: skip
_DURATION = re.compile(
    r"^(\d{1,6})(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")$"
)


def seconds_of(word: str) -> int | None:
    """`10m`, `2h`, `3d` (or 10分鐘, 2小時, 3天) in seconds; None when malformed or zero."""
    match = _DURATION.match(word.strip().lower())
    if match is None:
        return None
    seconds = int(match.group(1)) * _UNITS[match.group(2)]
    return seconds or None


def format_duration(seconds: int) -> str:
    days, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    parts = [
        f"{days}天" if days else "",
        f"{hours}小時" if hours else "",
        f"{minutes}分鐘" if minutes else "",
    ]
    shown = "".join(parts)
    return shown or f"{secs}秒"
