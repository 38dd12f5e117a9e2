"""Protection does not wait on the disk: a full database still gets the recall, and the record
reaches the chain once the database takes it again.

The database really refuses: SQLite's query_only makes every write fail with the
OperationalError a full disk gives (max_page_count would not do: rows fit in the free space
earlier tests left in the table's own pages).
"""

from typing import Any

import pytest
from nonebug import App
from tortoise import Tortoise

from core import runtime
from models.measures import AuditAnchor, MeasureRecord, RecordStatus
from plugins.confidential import texts as confidential_texts
from plugins.measures import journal, keyfile, store, texts
from plugins.measures.verify import judge
from tests import accounts
from tests.factories import expect_private_send, group_msg, make_bot
from tests.plugins.confidential.helpers import expect_mention, expect_recall
from tests.plugins.registry.helpers import filed_group

MARKED = "通知：機密★1年 會議紀要"


async def _refuse_writes(refuse: bool) -> None:
    """The database refuses every write, as a full disk or a read-only volume does (SQLite's
    query_only: the same OperationalError a full disk raises, and deterministic)."""
    connection = Tortoise.get_connection("default")
    await connection.execute_script(f"PRAGMA query_only = {'ON' if refuse else 'OFF'}")


async def _chain_ok() -> None:
    records = [r async for r in store.sealed_records()]
    table = await AuditAnchor.all().order_by("seq").values_list("line", flat=True)
    file = runtime.settings().audit_anchor_file
    lines = file.read_text("utf-8").splitlines() if file.exists() else []
    verdict = judge(records, lines, [str(t) for t in table], keyfile.current(), None)
    assert verdict.ok, verdict.line


class _Any:
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = None  # type: ignore[assignment]


def _withdrawn(ctx: Any, event: Any, *, department_told: bool) -> None:
    expect_recall(ctx, event.message_id)  # the recall goes out though nothing can be recorded
    if department_told:
        for person in (accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, person, texts.JOURNAL_NOTICE)
    expect_mention(ctx, accounts.MEMBER, confidential_texts.withdrawn())
    for person in (accounts.ADMIN, accounts.LEADER):  # the private reference, as always
        ctx.should_call_api(
            "send_private_msg", {"user_id": person, "message": _Any()}, {"message_id": 1}
        )


async def test_a_full_disk_still_gets_the_recall_and_the_records_come_later(app: App) -> None:
    if not runtime.settings().db_url.startswith("sqlite"):
        pytest.skip("the full disk is SQLite's max_page_count")
    await filed_group()
    before = await MeasureRecord.all().count()
    first, second = group_msg(MARKED), group_msg(MARKED)
    await _refuse_writes(True)
    try:
        async with app.test_matcher() as ctx:
            bot = make_bot(ctx)
            ctx.receive_event(bot, first)
            _withdrawn(ctx, first, department_told=True)
            ctx.receive_event(bot, second)
            _withdrawn(ctx, second, department_told=False)  # told once per outage
        assert await MeasureRecord.all().count() == before
        kept = journal.held()
        assert [e.measure["detail"]["message_id"] for e in kept] == [
            first.message_id,
            second.message_id,
        ]
        assert [e.status for e in kept] == ["done", "done"]
        assert "機密★" not in journal.path().read_text("utf-8")  # as masked as a record
        assert await journal.replay() == 0  # still full: nothing is lost, all waits
        assert len(journal.held()) == 2
    finally:
        await _refuse_writes(False)

    assert await journal.replay() == 2
    rows = await MeasureRecord.filter(action="recall").order_by("id")
    assert [(r.detail["message_id"], r.status) for r in rows] == [
        (first.message_id, RecordStatus.DONE),
        (second.message_id, RecordStatus.DONE),
    ]
    assert all("journaled" in r.detail for r in rows)
    assert journal.held() == []
    assert not journal.path().exists()
    await _chain_ok()


async def test_the_journal_file_survives_a_restart(app: App) -> None:
    """What the file took is written into the chain by the next process's replay."""
    await filed_group()
    entry = journal.Entry(
        measure={
            "kind": "recall",
            "article": 11,
            "group_id": accounts.GROUP,
            "target": accounts.MEMBER,
            "actor": None,
            "unit": "XX社區",
            "category": "state_secret",
            "reason": "",
            "evidence": "機***年",
            "detail": {"message_id": 42},
            "platform": "qq",
        },
        status="done",
        answer="ok",
        at="2026-12-01T10:00:00+00:00",
    )
    journal.path().write_text(journal._to_line(entry), "utf-8")
    journal.forget()  # a new process: memory holds nothing
    assert await journal.replay() == 1
    record = await MeasureRecord.get(action="recall")
    assert (record.detail["message_id"], record.detail["journaled"]) == (
        42,
        "2026-12-01T10:00:00+00:00",
    )
    await _chain_ok()


async def test_when_the_journal_file_cannot_be_written_memory_keeps_it(app: App) -> None:
    await filed_group()
    journal.path().mkdir()  # the file cannot be opened for writing either
    event = group_msg(MARKED)
    await _refuse_writes(True)
    try:
        async with app.test_matcher() as ctx:
            bot = make_bot(ctx)
            ctx.receive_event(bot, event)
            _withdrawn(ctx, event, department_told=True)
    finally:
        await _refuse_writes(False)
        journal.path().rmdir()
    assert [e.filed for e in journal.held()] == [False]
    assert await journal.replay() == 1
    assert (await MeasureRecord.get(action="recall")).detail["message_id"] == event.message_id
    await _chain_ok()
