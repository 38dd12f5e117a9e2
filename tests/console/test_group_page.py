"""A group's console page: its filing, admins, duties, records, handovers and batches, and who
may open it."""

import pytest

from models.measures import RecordStatus
from models.registry import DutySwitch
from plugins.measures import store
from plugins.measures.measure import Measure
from tests import accounts
from tests.console.client import console_as
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import second


async def test_the_department_sees_a_groups_facts_with_evidence_masked() -> None:
    group = await filed_group()
    await DutySwitch.create(group=group, duty="privacy", enabled=False, changed_by=1)
    record = await store.open_record(
        Measure(
            kind="recall",
            article=11,
            action=None,
            group_id=group.group_id,
            unit="XX社區",
            evidence="機****年",
        )
    )
    await store.seal(record, RecordStatus.FAILED, "Recall failed")
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get(f"/console/group/qq/{group.group_id}")
    assert page.status_code == 200
    html = page.text
    assert str(group.group_id) in html
    assert "XX社區" in html
    assert "○ 隱私" in html  # switched off
    assert "● 保密" in html
    assert "機****年" in html
    assert "Recall failed" in html
    assert str(accounts.ADMIN) in html  # the registered admin


async def test_a_leader_of_another_unit_is_refused_and_an_unknown_group_is_not_found() -> None:
    group = await filed_group()
    async with console_as(accounts.OTHER_LEADER) as client:
        refused = await client.get(f"/console/group/qq/{group.group_id}")
    async with console_as(accounts.LEADER) as client:
        ours = await client.get(f"/console/group/qq/{group.group_id}")
        missing = await client.get("/console/group/qq/123")
    async with console_as(None) as client:
        nobody = await client.get(f"/console/group/qq/{group.group_id}")
    assert refused.status_code == 403
    assert ours.status_code == 200
    assert missing.status_code == 404
    assert nobody.status_code == 303
    assert "/console/login" in nobody.headers["location"]


async def test_the_duties_follow_the_rulebook_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    second(monkeypatch)  # numbered in figures, privacy left out
    group = await filed_group()
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get(f"/console/group/qq/{group.group_id}")
        listing = await client.get("/console/registry")
    html = page.text
    assert "● 實名（第4條、第7條）開啟" in html
    assert "－ 隱私：本街道的群規未規定，不適用" in html
    assert "● 隱私" not in html
    assert listing.status_code == 200
    assert "實名、清理、保密、內容" in listing.text
    assert "隱私" not in listing.text
