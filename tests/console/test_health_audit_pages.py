"""The health and audit pages: the department's only, the accounts as core.health reads them,
and `audit verify` run from the console while the bot's own connection stays open."""

import re

from core import node
from models.measures import MeasureRecord
from plugins.measures import anchoring
from plugins.measures.measure import Measure
from plugins.measures.service import carry_out
from tests import accounts
from tests.console.client import console_as

NOTE = Measure(kind="warning", article=10, action=None, target=60001, actor=1, reason="刷屏")


async def test_the_department_sees_each_account_and_this_process() -> None:
    await node.start()
    await node.connected("qq", "99998")
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get("/console/health")
    assert page.status_code == 200
    row = page.text.split('id="account-qq-99998"')[1].split("</tr>")[0]
    assert node.name() in row
    assert "運作中" in row
    assert "未暫停" in row
    assert f"本程序（節點）：{node.name()}" in page.text


async def test_unit_leaders_are_refused_health_and_audit() -> None:
    async with console_as(accounts.LEADER) as client:
        health = await client.get("/console/health")
        audit = await client.get("/console/audit")
        registry = await client.get("/console/registry")
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', registry.text)
        assert csrf is not None
        verify = await client.post("/console/audit", data={"csrf": csrf.group(1)})
    assert (health.status_code, audit.status_code, verify.status_code) == (403, 403, 403)
    assert "只有黨群工作部" in health.text
    assert "/console/audit" not in registry.text  # not in the navigation either


async def test_the_head_is_shown_and_verify_runs_beside_the_bots_connection() -> None:
    await anchoring.start()
    for _ in range(3):
        await carry_out(None, NOTE)
    last = await MeasureRecord.all().order_by("-id").first()
    assert last is not None
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get("/console/audit")
        assert page.status_code == 200
        assert f"#{last.id}" in page.text
        assert last.digest[:12] in page.text
        assert 'id="verdict"' not in page.text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert csrf is not None
        refused = await client.post("/console/audit", data={})
        checked = await client.post("/console/audit", data={"csrf": csrf.group(1)})
    assert refused.status_code == 403
    assert checked.status_code == 200, checked.text
    verdict = checked.text.split('id="verdict"')[1].split("</section>")[0]
    assert "完整" in verdict
    assert f"audit ok: 3 records, head #{last.id} {last.digest[:12]}" in verdict
    # The bot's own connection is still open and usable.
    await carry_out(None, NOTE)
    assert await MeasureRecord.all().count() == 4


async def test_an_altered_record_shows_broken() -> None:
    await anchoring.start()
    for _ in range(2):
        await carry_out(None, NOTE)
    first = await MeasureRecord.all().order_by("id").first()
    assert first is not None
    await MeasureRecord.filter(id=first.id).update(reason="改過")
    async with console_as(accounts.DEPARTMENT) as client:
        page = await client.get("/console/audit")
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
        assert csrf is not None
        checked = await client.post("/console/audit", data={"csrf": csrf.group(1)})
    verdict = checked.text.split('id="verdict"')[1].split("</section>")[0]
    assert "已損壞" in verdict
    assert f"record {first.id} was altered" in verdict
