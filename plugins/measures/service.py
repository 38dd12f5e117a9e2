"""The one way a measure is carried out: record first, then the platform, then the outcome.

Every duty (and every command) hands its measures here, so each leaves exactly one record whose
status is what the platform answered: done, failed (with the answer), or, after a crash between
the two, unconfirmed.
"""

from collections.abc import Awaitable, Callable, Iterable

from adapters.actions import Done, Refused
from adapters.message import Outgoing
from adapters.port import Platform
from core import runtime
from core.send import to_people
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import blacklist, store
from plugins.measures.escalation import Level, recipients
from plugins.measures.measure import Measure

_ON_THE_LIST: dict[str, Callable[[Measure], Awaitable[tuple[bool, str]]]] = {
    blacklist.BLACKLIST: blacklist.enter,
    blacklist.UNBLACKLIST: blacklist.lift,
}


async def carry_out(platform: Platform | None, measure: Measure) -> MeasureRecord:
    """Record `measure`, ask the platform to act, and seal the record with its answer.

    A platform refusal is recorded as failed; it never raises. The measures `blacklist` and
    `unblacklist` act on the street-wide blacklist instead of the platform.
    """
    record = await store.open_record(measure)
    on_list = _ON_THE_LIST.get(measure.kind)
    if on_list is not None:  # the bot's own blacklist is acted on here, not on the platform
        ok, answer = await on_list(measure)
        await store.seal(record, RecordStatus.DONE if ok else RecordStatus.FAILED, answer)
        return record
    if measure.action is None:
        await store.seal(record, RecordStatus.DONE, "")
        return record
    if platform is None:
        await store.seal(record, RecordStatus.FAILED, "no platform connection")
        return record
    outcome = await platform.perform(measure.action, key=measure.group_id)
    if isinstance(outcome, Done):
        await store.seal(record, RecordStatus.DONE, "ok")
    else:
        assert isinstance(outcome, Refused)
        await store.seal(record, RecordStatus.FAILED, str(outcome))
    return record


async def escalate(
    platform: Platform,
    unit_name: str,
    levels: Iterable[Level],
    message: Outgoing | str,
    *,
    about: int | None = None,
) -> list[int]:
    """Tell everyone at `levels` privately (`about`: the group it concerns); returns who was told."""
    people = recipients(runtime.org(), unit_name, levels, runtime.superusers())
    await to_people(platform, people, message, about=about)
    return people
