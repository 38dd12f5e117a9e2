"""One scan per message, shared by every duty plugin (DESIGN.md "How a message flows").

The first duty that asks for a message's findings starts the scan; every other duty awaits
the same result. Forwarded bundles and quoted replies are fetched through the platform port.
The bot's own messages are never scanned. Duties that would recall a message claim it on the
shared result first, so a message two duties object to is recalled once.
"""

import asyncio
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nonebot.adapters import Bot, Event

from adapters.actions import Refused
from adapters.events import (
    as_received,
    is_edit,
    platform_for,
    posted_of,
    quote_fetched,
    sender_of,
)
from core.dispatch import Check
from plugins.scanner.extract import Cut, collect
from plugins.scanner.findings import Finding, Kind, TextPiece
from plugins.scanner.lexicon import Term
from plugins.scanner.scan import Scanner

MAX_DEPTH = 5
MAX_NODES = 500
FETCH_BUDGET_SECONDS = 10.0
REMEMBERED = 2048  # recent messages whose result is kept for the other duties


@dataclass(frozen=True)
class ScanResult:
    message_id: int
    pieces: tuple[TextPiece, ...]
    findings: tuple[Finding, ...]
    cut_short: tuple[Cut, ...] = ()  # why a forwarded bundle was not read to its end, if it was not
    recalled_by: list[str] = field(default_factory=list, compare=False, repr=False)

    def claim_recall(self, duty: str) -> bool:
        """True for the first duty that asks to recall this message; later ones leave it be."""
        if self.recalled_by:
            return False
        self.recalled_by.append(duty)
        return True

    def of_kind(self, *kinds: Kind) -> list[Finding]:
        return [f for f in self.findings if f.kind in kinds]

    def matched_text(self, finding: Finding) -> str:
        """The original text a finding covers (for hashing or masking; never to be posted)."""
        return self.pieces[finding.piece].text[finding.start : finding.end]


_scanner = Scanner(())
_results: OrderedDict[tuple[str, str, int, int, float], asyncio.Future[ScanResult]] = OrderedDict()


def install_terms(terms: Iterable[Term]) -> None:
    """Replace the lexicon (the content duty calls this at start-up and on every reload)."""
    global _scanner
    _scanner = Scanner(terms)


def forget() -> None:
    _results.clear()


def current_scanner() -> Scanner:
    """The scanner with the lexicon in force."""
    return _scanner


def findings_in(pieces: Sequence[TextPiece]) -> tuple[Finding, ...]:
    """Findings in text that comes without a message (an uploaded file's name)."""
    return tuple(_scanner.scan(pieces, phones=True))


async def _compute(bot: Bot, event: Event, message_id: int) -> ScanResult:
    async def fetch_forward(forward_id: str) -> Any:
        answer = await platform_for(bot).forward_bundle(forward_id)
        if isinstance(answer, Refused):
            raise LookupError(str(answer))
        return answer

    fetched = quote_fetched(event)

    async def fetch_reply(reply_id: str) -> Any:
        if fetched is not None and fetched[0] == reply_id:
            return fetched[1]
        answer = await platform_for(bot).message(int(reply_id))
        if isinstance(answer, Refused):
            raise LookupError(str(answer))
        return answer

    collected = await collect(
        as_received(event),
        fetch_forward,
        fetch_reply,
        max_depth=MAX_DEPTH,
        max_nodes=MAX_NODES,
        time_budget=FETCH_BUDGET_SECONDS,
    )
    findings = _scanner.scan(collected.pieces, phones=True)
    return ScanResult(
        message_id, tuple(collected.pieces), tuple(findings), cut_short=collected.cut_short
    )


def _message_id(event: Event) -> int | None:
    value = getattr(event, "message_id", None)
    return value if isinstance(value, int) else None


async def scan_message(bot: Bot, event: Event) -> ScanResult | None:
    """The findings of a group message, computed once however many duties ask.

    None outside groups and for the bot's own messages, which no duty acts on.
    """
    message_id = _message_id(event)
    sender = sender_of(event)
    if sender is None or sender.group_id is None or message_id is None:
        return None
    # A message id is unique only within its chat on Telegram: the chat is part of the key.
    # An edit is read anew; the Posted view is built for edits only (every duty asks, per message)
    posted = posted_of(event) if is_edit(event) else None
    edited = posted.edited_at.timestamp() if posted and posted.edited_at else 0.0
    key = (bot.type, bot.self_id, sender.group_id, message_id, edited)  # an edit is read anew
    known = _results.get(key)
    if known is not None:  # every duty after the first asks for a scan already made
        return await asyncio.shield(known)
    if str(sender.user_id) == str(bot.self_id):
        return None
    # The first asker scans in its own task (no task per message); later askers wait on the future.
    future: asyncio.Future[ScanResult] = asyncio.get_running_loop().create_future()
    _results[key] = future
    while len(_results) > REMEMBERED:
        _results.popitem(last=False)
    try:
        result = await _compute(bot, event, message_id)
    except BaseException as exc:
        _results.pop(key, None)  # the next asker scans again
        if not future.done():
            future.set_exception(
                exc if isinstance(exc, Exception) else LookupError("scan cut short")
            )
            future.exception()  # retrieved: nobody waiting is not an error
        raise
    future.set_result(result)
    return result


def cut_short(duty_on: Check) -> Check:
    """Passes a group message where the duty is on and the shared scan did not read all of it
    (a forwarded bundle past a bound). A message read whole costs one attribute look-up more."""

    async def check(bot: Bot, event: Event) -> bool:
        if not await duty_on(bot, event):
            return False
        result = await scan_message(bot, event)
        return result is not None and bool(result.cut_short)

    return check


def found(duty_on: Check, *kinds: Kind) -> Check:
    """Passes a group message where the duty is on and the shared scan found one of `kinds`.

    A duty's handler then runs only for the messages it acts on: most messages carry nothing.
    """

    async def check(bot: Bot, event: Event) -> bool:
        if not await duty_on(bot, event):
            return False
        result = await scan_message(bot, event)
        return result is not None and bool(result.of_kind(*kinds))

    return check
