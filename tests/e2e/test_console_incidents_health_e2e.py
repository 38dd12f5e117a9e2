"""The incidents, health and audit pages in a real browser, after a real login: the bot process,
the OneBot peer over a socket, a recall on record, and a screenshot of each page."""

import pytest

from tests import accounts
from tests.e2e.browser import Browser, log_in
from tests.e2e.process import BotProcess
from tests.e2e.test_confidential_e2e import _file_group, _records
from tests.peer import Peer

pytestmark = pytest.mark.e2e

MARKED = "明天會議材料（機密★1年），內容如下：撥款三百萬"


async def _a_recall(peer: Peer, bot_process: BotProcess) -> None:
    await _file_group(peer)
    start = len(peer.calls)
    message_id = await peer.group_message(accounts.GROUP, accounts.MEMBER, MARKED)
    await peer.wait_for("delete_msg", lambda c: c.params["message_id"] == message_id, after=start)
    await _records(bot_process, 1)


async def test_the_department_reads_incidents_health_and_verifies_the_audit_chain(
    bot_process: BotProcess, peer: Peer, browser: Browser
) -> None:
    await _a_recall(peer, bot_process)
    await log_in(browser, peer, accounts.DEPARTMENT)

    await browser.open("/console/incidents")
    assert browser.path == "/console/incidents"
    recent = browser.text("#recent")
    assert "撤回" in recent
    assert "XX社區" in recent
    assert str(accounts.GROUP) in recent
    assert "機***年" in recent  # masked evidence
    for secret in ("機密★", "撥款三百萬"):
        assert secret not in browser.text()
    browser.shot("incidents-department")

    await browser.open("/console/health")
    row = browser.text(f"#account-qq-{accounts.SELF}")
    assert "運作中" in row
    assert "main" in browser.text("#this-node")
    browser.shot("health")

    await browser.open("/console/audit")
    (head,) = bot_process.query("SELECT id, digest FROM measure_record ORDER BY id DESC LIMIT 1")
    assert browser.text("#head-id") == f"#{head[0]}"
    assert browser.text("#head-digest") == head[1][:12]
    await browser.click("#verify button")
    assert "完整" in browser.text("#verdict")
    assert f"head #{head[0]} {head[1][:12]}" in browser.text("#verdict-line")
    browser.shot("audit-verified")

    browser.driver.set_window_size(390, 844)  # a phone
    await browser.open("/console/incidents")
    browser.shot("incidents-phone")


async def test_a_unit_leader_reads_the_units_incidents_and_is_refused_health_and_audit(
    bot_process: BotProcess, peer: Peer, browser: Browser
) -> None:
    await _a_recall(peer, bot_process)
    await log_in(browser, peer, accounts.LEADER)
    await browser.open("/console/incidents")
    assert "撤回" in browser.text("#recent")
    assert not browser.has("nav a[href='/console/health']")
    assert not browser.has("nav a[href='/console/audit']")
    browser.shot("incidents-leader")
    for path in ("/console/health", "/console/audit"):
        await browser.open(path)
        assert "只有黨群工作部" in browser.text()
    browser.shot("refused-audit")
