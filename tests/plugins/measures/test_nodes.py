"""Records under several processes: who opened them, which pending ones are whose to recover,
and the one key every process must share."""

from datetime import timedelta

import pytest

from core import node
from models.cluster import Node
from models.measures import MeasureRecord, RecordStatus
from plugins.measures import keyfile, store
from plugins.measures.measure import Measure
from tests import accounts

NOTE = Measure(
    kind="warning", article=10, action=None, target=accounts.MEMBER, actor=1, reason="刷屏"
)


async def test_a_record_names_its_process_and_account() -> None:
    record = await store.open_record(NOTE, "99997")
    assert (record.node, record.bot_id) == (node.name(), "99997")


async def test_at_start_only_this_nodes_past_pending_records_are_recovered() -> None:
    mine = await store.open_record(NOTE)
    theirs = await store.open_record(NOTE)
    await MeasureRecord.filter(id=theirs.id).update(node="b")
    await Node.create(name="b", incarnation="x", started_at=node.now(), heartbeat_at=node.now())
    assert await store.recover_unconfirmed() == [mine.id]
    assert await store.recover_dead_nodes() == []  # b is alive: its record is its own
    await Node.filter(name="b").update(heartbeat_at=node.now() - timedelta(hours=1))
    assert await store.recover_dead_nodes() == [theirs.id]
    statuses = await MeasureRecord.all().order_by("id").values_list("status", flat=True)
    assert statuses == [RecordStatus.UNCONFIRMED, RecordStatus.UNCONFIRMED]


async def test_a_process_with_another_key_is_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    assert await store.key_fits()  # nothing recorded yet
    await store.open_record(NOTE)
    assert await store.key_fits()
    monkeypatch.setattr(keyfile, "_installed", b"\x01" * 32)
    assert not await store.key_fits()
