"""The incidents page's reading: what needs a person first, the rest by page, units apart."""

from models.measures import RecordStatus
from plugins.measures import store
from plugins.measures.incidents import incidents
from plugins.measures.measure import Measure


def _measure(unit: str, evidence: str = "機****年") -> Measure:
    return Measure(
        kind="recall", article=11, action=None, unit=unit, evidence=evidence, reason="機密標記"
    )


async def _recorded(unit: str, status: RecordStatus) -> int:
    record = await store.open_record(_measure(unit))
    await store.seal(record, status, "ok" if status == RecordStatus.DONE else "Recall failed")
    return record.id


async def test_what_needs_a_person_comes_first_and_the_rest_pages_newest_first() -> None:
    done = [await _recorded("XX社區", RecordStatus.DONE) for _ in range(5)]
    failed = await _recorded("XX社區", RecordStatus.FAILED)
    referred = await _recorded("XX社區", RecordStatus.REFERRED)
    first = await incidents(None, page=3)
    assert [i.id for i in first.attention] == [referred, failed]
    assert [i.status_shown for i in first.attention] == ["已請有權限者處理", "未執行"]
    assert [i.id for i in first.recent] == done[:-4:-1]
    assert first.next_before == done[2]
    second = await incidents(None, before=first.next_before, page=3)
    assert second.attention == []
    assert [i.id for i in second.recent] == [done[1], done[0]]
    assert second.next_before is None


async def test_a_unit_sees_its_own_incidents_only_and_evidence_stays_masked() -> None:
    ours = await _recorded("XX社區", RecordStatus.DONE)
    await _recorded("XX村", RecordStatus.FAILED)
    found = await incidents({"XX社區"})
    assert found.attention == []
    assert [(i.id, i.kind, i.evidence) for i in found.recent] == [(ours, "撤回", "機****年")]


async def test_a_reason_typed_with_an_id_number_is_masked_as_it_is_shown() -> None:
    record = await store.open_record(
        Measure(kind="warning", article=8, action=None, unit="XX社區", reason="110101199003074514")
    )
    await store.seal(record, RecordStatus.DONE, "")
    (shown,) = (await incidents(None)).recent
    assert "199003074514" not in shown.reason
