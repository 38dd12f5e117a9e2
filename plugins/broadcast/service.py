"""Notices to many groups, for the chat commands and the console alike: select, preview, confirm.

- `select(filters)`: the managed groups (filed or approved) the filters match.
- `preview(filters, text, by)`: a numbered broadcast in the database, valid for 30 minutes, with
  the groups it will go to; nothing is sent.
- `confirm(number, by)`: claims it once (a second confirm is told it is confirmed already), then
  sends it, paced, through each group's own account of this process. A group no account here
  is in waits for another process (or a later look); it is never sent through another account.

On record: the confirmation is a measure record of its own (`broadcast`: who, the selection, the
groups, the text's SHA-256), and every group's send is one too (`notice`: the account, what the
platform answered), both in the audit chain under Art. 6 (the groups serve 工作部署、溝通聯絡).
The text itself, the selection and each group's outcome are kept in the broadcast's rows.

Never twice: a group is taken (waiting → sending, its record open) by one statement before the
platform is asked, and a group found still "sending" by the next worker (its worker died
mid-way) is marked unconfirmed, never sent again. The sending runs under a lease, and every
minute a job goes on with confirmed broadcasts that still have groups waiting.
"""

import asyncio
import hashlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from nonebot.log import logger

from adapters.actions import Refused, SendGroup, Why
from adapters.message import Text
from adapters.port import Platform
from core import accounts, lease, runtime
from core.script import in_script
from models.broadcast import Broadcast, BroadcastStatus, BroadcastTarget, TargetStatus
from models.db import STORAGE_ERRORS
from models.measures import RecordStatus
from plugins.broadcast import store, texts
from plugins.broadcast.parse import MAX_TEXT
from plugins.broadcast.select import Filters, GroupFacts
from plugins.broadcast.select import select as matching
from plugins.measures import store as records
from plugins.measures.measure import Measure
from plugins.scanner.findings import TextPiece
from plugins.scanner.service import current_scanner

VALID_FOR = timedelta(minutes=30)
GIVE_UP_AFTER = timedelta(hours=24)
DUTY = "broadcast"  # its records are filed under the article binding it (Art. 6)
CONFIRM_KIND = "broadcast"
NOTICE_KIND = "notice"


@dataclass(frozen=True)
class Problem:
    """Why no broadcast was made: `empty`, `too_long`, `flagged` (`kinds`), `nothing`."""

    why: str
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    broadcast: Broadcast
    groups: list[GroupFacts]
    notice: str  # as the groups will see it


@dataclass(frozen=True)
class Tally:
    sent: int
    refused: tuple[tuple[int, str], ...]  # (group id, the platform's answer)
    unconfirmed: int
    waiting: int
    skipped: int


@dataclass(frozen=True)
class Confirmed:
    outcome: Literal["unknown", "expired", "already", "sent"]
    number: int
    tally: Tally | None = None


def notice_of(text: str) -> str:
    """The notice as a group sees it: the department's header (in the deployment's script),
    then the text as the department wrote it."""
    head = texts.header(runtime.org().department.name)
    return f"{in_script(head, runtime.settings().qungui_script)}\n{text}"


def text_digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_text(text: str) -> Problem | None:
    """A notice goes out as written, so one the scan would withdraw (a confidential marker, an
    ID number, a listed term) is refused whole, never posted to many groups. Phone numbers are
    allowed: notices give contact numbers."""
    if not text.strip():
        return Problem("empty")
    if len(text) > MAX_TEXT:
        return Problem("too_long")
    found = current_scanner().scan([TextPiece("text", text)])
    if found:
        return Problem("flagged", tuple(dict.fromkeys(f.kind for f in found)))
    return None


async def select(filters: Filters, platform: str = "qq") -> list[GroupFacts]:
    units = [u.name for u in runtime.org().units]
    return matching(filters, await store.managed_groups(platform), units)


async def preview(filters: Filters, text: str, by: int, platform: str = "qq") -> Preview | Problem:
    problem = check_text(text)
    if problem is not None:
        return problem
    groups = await select(filters, platform)
    if not groups:
        return Problem("nothing")
    broadcast = await store.create(
        platform=platform,
        text=text,
        selection=filters.as_json(),
        by=by,
        groups=groups,
        valid_for=VALID_FOR,
    )
    return Preview(broadcast, groups, notice_of(text))


async def tally_of(broadcast: Broadcast) -> Tally:
    rows = await store.targets(broadcast)

    def count(*statuses: TargetStatus) -> int:
        return sum(t.status in statuses for t in rows)

    return Tally(
        sent=count(TargetStatus.SENT),
        refused=tuple((t.group_id, t.answer) for t in rows if t.status == TargetStatus.REFUSED),
        unconfirmed=count(TargetStatus.UNCONFIRMED),
        waiting=count(TargetStatus.WAITING, TargetStatus.SENDING),
        skipped=count(TargetStatus.SKIPPED),
    )


Started = Callable[[int, int], Awaitable[object]]


async def confirm(
    number: int, by: int, platform: str = "qq", *, started: Started | None = None
) -> Confirmed:
    """Claim broadcast `number` for sending, once, and send it; `started(number, groups)` is
    called once it is claimed, before the first group."""
    broadcast = await store.find(number)
    if broadcast is None or broadcast.platform != platform:
        return Confirmed("unknown", number)
    if not await store.claim(broadcast, by):
        if broadcast.status == BroadcastStatus.PREVIEW:
            return Confirmed("expired", number)
        return Confirmed("already", number, await tally_of(broadcast))
    await _record_confirmation(broadcast)
    if started is not None:
        await started(number, len(await store.targets(broadcast)))
    await send(broadcast)
    return Confirmed("sent", number, await tally_of(broadcast))


async def _record_confirmation(broadcast: Broadcast) -> None:
    groups = [t.group_id for t in await store.targets(broadcast)]
    shown = Filters.from_json(broadcast.selection).shown()
    record = await records.open_record(
        Measure(
            kind=CONFIRM_KIND,
            article=runtime.rulebook().article_of(DUTY),
            action=None,
            actor=broadcast.confirmed_by,
            reason=f"群發 #{broadcast.id}：{' '.join(shown)}，{len(groups)}個群組",
            evidence=text_digest(broadcast.text),
            detail={
                "broadcast": broadcast.id,
                "asked_by": broadcast.asked_by,
                "selection": broadcast.selection,
                "groups": groups,
            },
            platform=broadcast.platform,
        )
    )
    await records.seal(record, RecordStatus.DONE, "")
    await store.set_record(broadcast, record.id)


def lease_key(broadcast: Broadcast) -> str:
    return f"broadcast:{broadcast.id}"


class _Unrecorded(Exception):
    """The database would not take a send's record: nothing more is sent until it does."""


async def send(broadcast: Broadcast) -> bool:
    """Send what is left of a confirmed broadcast through the accounts of this process; False
    when another worker (here or in another process) holds it."""
    async with lease.exclusive(lease_key(broadcast)) as got:
        if not got:
            return False
        await broadcast.refresh_from_db()
        if broadcast.status != BroadcastStatus.SENDING:
            return True
        if broadcast.record_id is None:  # confirmed, then the confirmation's record failed
            await _record_confirmation(broadcast)
        cut = await store.cut_short(broadcast, texts.CUT_SHORT)  # the lease is ours: nobody sends
        if cut:
            logger.warning(
                f"broadcast {broadcast.id}: cut short in groups {[t.group_id for t in cut]}"
            )
        by_account = await _plan(broadcast)
        done = await asyncio.gather(
            *(_through(port, broadcast, due) for port, due in by_account.values()),
            return_exceptions=True,
        )
        for failure in done:
            if isinstance(failure, BaseException):
                logger.opt(exception=failure).error(f"broadcast {broadcast.id}: sending stopped")
        if not any(t.status == TargetStatus.WAITING for t in await store.targets(broadcast)):
            await store.finish(broadcast)
    return True


async def _plan(broadcast: Broadcast) -> dict[str, tuple[Platform, list[BroadcastTarget]]]:
    """The waiting groups by the account of this process that is to send to each; a group with
    none here waits (and, a day after the confirmation, is given up)."""
    assert broadcast.confirmed_at is not None
    late = store.now() > broadcast.confirmed_at + GIVE_UP_AFTER
    by_account: dict[str, tuple[Platform, list[BroadcastTarget]]] = {}
    for target in await store.targets(broadcast):
        if target.status != TargetStatus.WAITING:
            continue
        if not await store.is_managed(broadcast.platform, target.group_id):
            await store.settle(target, TargetStatus.SKIPPED, texts.NOT_MANAGED)
            continue
        port = accounts.platform_for_group(broadcast.platform, target.group_id)
        if port is None:
            if late:
                await store.settle(target, TargetStatus.SKIPPED, texts.GAVE_UP)
            else:
                await store.note_waiting(target, texts.NO_ACCOUNT_HERE)
            continue
        by_account.setdefault(port.self_id, (port, []))[1].append(target)
    return by_account


async def _through(port: Platform, broadcast: Broadcast, due: Sequence[BroadcastTarget]) -> None:
    """One account's groups, one after the other at the account's pace."""
    message = (Text(notice_of(broadcast.text)),)
    for target in due:
        try:
            await _one(port, broadcast, target, message)
        except _Unrecorded:
            return
        await lease.renew(lease_key(broadcast))


async def _one(
    port: Platform, broadcast: Broadcast, target: BroadcastTarget, message: tuple[Text, ...]
) -> None:
    measure = Measure(
        kind=NOTICE_KIND,
        article=runtime.rulebook().article_of(DUTY),
        action=None,
        group_id=target.group_id,
        unit=target.unit,
        actor=broadcast.confirmed_by,
        reason=f"群發 #{broadcast.id}",
        evidence=text_digest(broadcast.text),
        detail={"broadcast": broadcast.id},
        platform=broadcast.platform,
    )
    try:
        record = await records.open_record(measure, port.self_id)
    except STORAGE_ERRORS as exc:
        await _quietly(store.note_waiting(target, texts.RECORD_UNWRITTEN))
        raise _Unrecorded from exc
    if not await store.take(target, record.id, port.self_id):
        await records.seal(record, RecordStatus.FAILED, "已由其他發送處理")
        return
    outcome = await port.perform(SendGroup(target.group_id, message), key=target.group_id)
    if not isinstance(outcome, Refused):
        status, sealed, answer = TargetStatus.SENT, RecordStatus.DONE, "ok"
    elif outcome.why is Why.NO_ANSWER:  # the platform may have sent it: never again
        status, sealed, answer = TargetStatus.UNCONFIRMED, RecordStatus.UNCONFIRMED, str(outcome)
    else:
        status, sealed, answer = TargetStatus.REFUSED, RecordStatus.FAILED, str(outcome)
    await store.settle(target, status, answer)
    await records.seal(record, sealed, answer)


async def _quietly(step: Awaitable[None]) -> None:
    try:
        await step
    except STORAGE_ERRORS:
        pass


async def resume() -> list[int]:
    """Go on with every confirmed broadcast that still has groups waiting; their numbers. None
    where the rulebook does not bind the duty."""
    if not runtime.rulebook().binds(DUTY) or accounts.any_platform() is None:
        return []
    found = await store.sending()
    for broadcast in found:
        try:
            await send(broadcast)
        except Exception:  # one broadcast's failure must not hold up the others
            logger.exception(f"broadcast {broadcast.id} failed; it is tried again later")
    return [b.id for b in found]
