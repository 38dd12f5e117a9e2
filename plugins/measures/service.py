"""The one way a measure is carried out: record first, then the platform, then the outcome.

Every duty (and every command) hands its measures here, so each leaves exactly one record whose
status is what the platform answered: done, failed (with the answer), referred (left to a person
who can act), or unconfirmed when no answer came (the connection ended while the bot waited,
or, after a crash between the two, found pending at the next start). A record is never left
pending while the bot runs; unconfirmed recalls are tried again when the account is back
(plugins/measures/retry.py). When the record cannot be written
(disk full, database gone), the measure is carried out all the same and its record waits in the
journal until the database is back.
"""

from collections.abc import Iterable

from adapters.message import Outgoing
from adapters.port import Platform
from core import runtime
from core.org import Account
from core.people import to_org_people
from models.db import STORAGE_ERRORS
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import journal, store, texts
from plugins.measures.acting import act
from plugins.measures.escalation import Level, recipients
from plugins.measures.measure import Measure


async def carry_out(platform: Platform | None, measure: Measure) -> MeasureRecord:
    """Record `measure`, ask the platform to act (acting.act), and seal the record with what
    came of it. It never raises for a refusal, nor for a record that cannot be written."""
    try:
        record = await store.open_record(measure, platform.self_id if platform else "")
    except STORAGE_ERRORS as exc:
        status, answer = await act(platform, measure)  # protection does not wait on the disk
        return await journal.keep(platform, measure, status, answer, exc)
    try:
        status, answer = await act(platform, measure)
    except Exception:
        await store.seal(record, RecordStatus.UNCONFIRMED, texts.CUT_SHORT)  # never left pending
        raise
    try:
        await store.seal(record, status, answer)
    except STORAGE_ERRORS as exc:
        await journal.keep(platform, measure, status, answer, exc, record_id=record.id)
        record.status, record.platform_answer = status, answer[:200]
    return record


async def escalate(
    platform: Platform,
    unit_name: str,
    levels: Iterable[Level],
    message: Outgoing | str,
    *,
    about: int | None = None,
) -> list[Account]:
    """Tell everyone at `levels` privately, through `platform` where they have an account on
    it (`about`: the group it concerns); returns the accounts the levels name."""
    people = recipients(runtime.org(), unit_name, levels, runtime.superusers())
    await to_org_people(platform, people, message, about=about)
    return people
