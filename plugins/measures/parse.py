"""Reading the measure commands' arguments: pure functions, `None` for a bad call."""

import re
from dataclasses import dataclass

from adapters.actions import MAX_MUTE_SECONDS
from adapters.events import Args
from plugins.scanner.redact import free_text

_UNITS = {
    "s": 1, "秒": 1,
    "m": 60, "min": 60, "分": 60, "分鐘": 60, "分钟": 60,
    "h": 3600, "小時": 3600, "小时": 3600, "時": 3600,
    "d": 86400, "天": 86400, "日": 86400,
}  # fmt: skip
_DURATION = re.compile(
    r"^(\d{1,6})(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")$"
)


def parse_duration(word: str) -> int | None:
    """`10m`, `2h`, `3d` (or 10分鐘, 2小時, 3天) in seconds; None when malformed or 30 days or more."""
    match = _DURATION.match(word.strip().lower())
    if match is None:
        return None
    seconds = int(match.group(1)) * _UNITS[match.group(2)]
    return seconds if 0 < seconds <= MAX_MUTE_SECONDS else None


@dataclass(frozen=True)
class Targeted:
    target: int
    rest: tuple[str, ...]


def parse_target(args: Args) -> Targeted | None:
    """One target, an @mention or a plain account number first, then the remaining words."""
    if len(args.mentions) == 1:
        return Targeted(args.mentions[0], args.words)
    if not args.mentions and args.words and re.fullmatch(r"\d{5,12}", args.words[0]):
        return Targeted(int(args.words[0]), args.words[1:])
    return None


@dataclass(frozen=True)
class Numbered:
    number: int
    reason: str


def parse_numbered(words: tuple[str, ...], *, needs_reason: bool) -> Numbered | None:
    """`<編號> [原因…]` (a request's number, then the reason where one is needed)."""
    if not words or not words[0].isdigit() or len(words[0]) > 9:
        return None
    reason = free_text(words[1:])
    if needs_reason and not reason:
        return None
    return Numbered(int(words[0]), reason)


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
