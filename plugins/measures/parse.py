"""Reading the measure commands' arguments: pure functions, `None` for a bad call."""

import re
from dataclasses import dataclass

from adapters.actions import MAX_MUTE_SECONDS
from adapters.events import Args
from core.durations import seconds_of
from plugins.scanner.redact import free_text


def parse_duration(word: str) -> int | None:
    """`10m`, `2h`, `3d` (or 10分鐘, 2小時, 3天) in seconds; None when malformed or 30 days or more."""
    seconds = seconds_of(word)
    return seconds if seconds is not None and seconds <= MAX_MUTE_SECONDS else None


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
