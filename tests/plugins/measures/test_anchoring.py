"""The anchor log as the bot writes it, on the test database's real SQLite file and anchor file."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from nonebug import App

from core import runtime
from models.measures import AuditAnchor, MeasureRecord, RecordStatus
from plugins.measures import anchoring, daily_anchor, keyfile, store, texts
from plugins.measures.anchor import DAILY, SEAL, START, genuine, short
from plugins.measures.chain import GENESIS, KEYED, pending_seal
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from plugins.measures.verify import judge
from tests import accounts
from tests.factories import expect_private_send, make_bot

NOTE = Measure(kind="warning", article=10, action=None, target=60001, actor=1, reason="刷屏")
MONDAY_0930 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 street time


def anchor_file() -> Path:
    return runtime.settings().audit_anchor_file


def file_lines() -> list[str]:
    return anchor_file().read_text("utf-8").splitlines() if anchor_file().exists() else []


async def table_lines() -> list[str]:
    return [a.line for a in await AuditAnchor.all().order_by("seq")]


async def verdict_now() -> tuple[bool, str]:
    records = [r async for r in store.sealed_records()]
    found = judge(records, file_lines(), await table_lines(), keyfile.current())
    return found.ok, found.line


async def test_each_seal_is_anchored_in_the_file_and_its_table_alike() -> None:
    assert (await anchoring.start()) is not None
    records = [await carry_out(None, NOTE) for _ in range(3)]
    assert [(r.scheme, r.status) for r in records] == [(KEYED, RecordStatus.DONE)] * 3
    lines = file_lines()
    assert lines == await table_lines()
    anchors = [genuine(line, keyfile.current()) for line in lines]
    assert [(a.kind, a.count, a.head_id) for a in anchors if a] == [
        (START, 0, 0),
        (SEAL, 1, 1),
        (SEAL, 2, 2),
        (SEAL, 3, 3),
    ]
    assert anchors[-1] is not None
    assert anchors[-1].head_digest == records[-1].digest
    assert await verdict_now() == (True, texts.audit_ok(3, 3, records[-1].digest, 4, 3))


async def test_an_anchor_covers_only_the_records_sealed_before_the_first_pending_one() -> None:
    waiting = await store.open_record(NOTE)
    assert waiting.outcome_digest == pending_seal(waiting.digest, keyfile.current())
    await carry_out(None, NOTE)  # record 2, sealed while record 1 waits
    assert (await AuditAnchor.all().count(), await anchoring.anchor(SEAL)) == (1, None)
    last = genuine(file_lines()[-1], keyfile.current())
    assert last is not None
    assert (last.count, last.head_id, last.head_digest) == (0, 0, GENESIS)
    await store.seal(waiting, RecordStatus.DONE, "ok")
    last = genuine(file_lines()[-1], keyfile.current())
    assert last is not None
    assert (last.count, last.head_id) == (2, 2)
    assert (await verdict_now())[0]


async def test_a_record_set_back_to_pending_in_the_database_is_caught() -> None:
    await anchoring.start()
    for _ in range(3):
        await carry_out(None, NOTE)
    await MeasureRecord.filter(id=2).update(status=RecordStatus.PENDING, outcome_digest="")
    ok, line = await verdict_now()
    assert not ok
    assert line == texts.record_break(2, "reopened", 4, anchored=True)


async def test_after_a_crash_between_the_two_writes_the_line_is_copied_to_the_table() -> None:
    await anchoring.start()
    await carry_out(None, NOTE)
    await AuditAnchor.filter(seq=2).delete()  # as if the process died after the file's write
    assert (await verdict_now())[0]  # one line ahead is what a crash leaves: not a break
    await anchoring.repair()
    assert await table_lines() == file_lines()
    await AuditAnchor.filter(seq__gte=1).delete()
    await anchoring.repair()  # two lines apart is no crash: left for `audit verify` to name
    assert await AuditAnchor.all().count() == 0
    assert not (await verdict_now())[0]


async def test_recovered_records_are_sealed_then_anchored_at_start() -> None:
    await store.open_record(NOTE)
    await store.open_record(NOTE)
    assert await store.recover_unconfirmed() == [1, 2]
    started = await anchoring.start()
    assert started is not None
    assert (started.kind, started.head_id) == (START, 2)
    assert (await verdict_now())[0]


async def test_an_anchor_file_that_cannot_be_written_leaves_the_seal_and_the_table_alone() -> None:
    anchor_file().mkdir()
    try:
        record = await carry_out(None, NOTE)
        assert record.status == RecordStatus.DONE
        assert await AuditAnchor.all().count() == 0
    finally:
        anchor_file().rmdir()


async def test_the_daily_anchor_goes_to_the_department_once_a_day(app: App) -> None:
    await anchoring.start()
    done = await carry_out(None, NOTE)
    message = texts.daily_anchor(1, 1, short(done.digest))
    async with app.test_api() as ctx:
        make_bot(ctx)
        for person in (accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, person, message)
        written = await daily_anchor.daily(MONDAY_0930)
        assert written is not None
        assert written.kind == DAILY
        assert await daily_anchor.daily(MONDAY_0930.replace(hour=9)) is None  # 17:00, same day
    assert file_lines()[-1] == written.line
    assert (await verdict_now())[0]


async def test_no_daily_anchor_before_nine_or_without_a_connected_bot() -> None:
    assert await daily_anchor.daily(MONDAY_0930.replace(hour=0)) is None  # 08:30 street time
    assert await daily_anchor.daily(MONDAY_0930) is None  # no bot connected
    assert await AuditAnchor.filter(kind=DAILY).count() == 0


@pytest.mark.parametrize("edit", ["facts", "outcome"])
async def test_a_record_edited_in_the_database_is_caught(edit: str) -> None:
    await anchoring.start()
    for _ in range(2):
        await carry_out(None, NOTE)
    if edit == "facts":
        await MeasureRecord.filter(id=1).update(reason="改過")
    else:
        await MeasureRecord.filter(id=1).update(platform_answer="平台拒絕")
    assert await verdict_now() == (False, texts.record_break(1, "altered", None, anchored=False))
