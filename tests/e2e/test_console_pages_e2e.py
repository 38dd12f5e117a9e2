"""The console's group page and reports page in a real browser, after a real login."""

import asyncio
import urllib.request
from collections.abc import AsyncIterator
from functools import partial

import pytest

from tests import accounts
from tests.e2e.browser import Browser, log_in
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.e2e.test_console_e2e import two_pending as two_pending  # the fixture
from tests.peer import Call, Peer, PeerMember, message_text

pytestmark = pytest.mark.e2e


@pytest.fixture
async def two_filed(bot_process: BotProcess) -> AsyncIterator[Peer]:
    """An internal group of XX社區 and one of XX村, both filed (managed at once)."""
    peer = new_peer(bot_process.url, TOKEN)
    for group_id, owner, unit in (
        (accounts.GROUP, accounts.OWNER, "XX社區"),
        (700200, 40003, "XX村"),
    ):
        peer.add_group(group_id, f"{unit}工作群", PeerMember(owner, "群主", role="owner"))
    await peer.connect()
    for group_id, owner, unit in (
        (accounts.GROUP, accounts.OWNER, "XX社區"),
        (700200, 40003, "XX村"),
    ):
        start = len(peer.calls)
        await peer.group_message(group_id, owner, f"/備案 內部 {unit} 日常工作")
        await peer.wait_for("send_group_msg", partial(_in, group_id=group_id), after=start)
    yield peer
    await peer.close()


def _in(call: Call, group_id: int) -> bool:
    return int(call.params.get("group_id", 0)) == group_id


async def test_a_leader_opens_the_units_group_page_and_not_another_units(
    two_pending: Peer, browser: Browser
) -> None:
    await log_in(browser, two_pending, accounts.LEADER)
    await browser.click(f"#group-qq-{accounts.GROUP} a")
    assert browser.path == f"/console/group/qq/{accounts.GROUP}"
    profile = browser.text("#profile")
    assert "XX社區" in profile
    assert "待批准" in profile
    assert str(accounts.OWNER) in profile  # the registered admin
    assert "● 保密" in browser.text("#duties")
    browser.shot("group-page")
    await browser.open(f"/console/group/qq/{accounts.OTHER_GROUP}")
    assert "只能查看本單位" in browser.text()
    assert not browser.has("#profile")


async def test_the_department_reads_the_street_report_with_its_chart_and_downloads_it(
    two_pending: Peer, browser: Browser
) -> None:
    await log_in(browser, two_pending, accounts.DEPARTMENT)
    await browser.open("/console/reports")
    assert "【全街報告】" in browser.text("#summary")
    assert "群組 2 個" in browser.text("#summary")
    drawn = browser.driver.execute_script(
        "const i = document.getElementById('chart'); return i.complete && i.naturalWidth;"
    )
    assert int(drawn or 0) > 100
    browser.shot("reports")
    link = browser.driver.find_element("css selector", "#workbook").get_attribute("href")
    status, head = await asyncio.to_thread(_download, str(link), browser.cookie_header())
    assert (status, head) == (200, b"PK")  # an .xlsx is a zip


def _download(url: str, cookie: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(answer.status), answer.read(2)


async def test_the_department_sends_a_notice_to_the_groups_it_picked(
    two_filed: Peer, browser: Browser
) -> None:
    peer = two_filed
    await log_in(browser, peer, accounts.DEPARTMENT)
    await browser.open("/console/notices")
    await browser.click_box("input[name=unit][value=XX社區]")
    await browser.fill("textarea[name=text]", "週五下午三點在禮堂開會")
    browser.shot("notices-compose")
    await browser.click("#compose button")
    assert f"target-{accounts.GROUP}" in browser.driver.page_source
    assert "target-700200" not in browser.driver.page_source
    browser.shot("notices-preview")
    start = len(peer.calls)
    await browser.click("#confirm button")
    sent = await peer.wait_for("send_group_msg", lambda c: _in(c, accounts.GROUP), after=start)
    assert "週五下午三點在禮堂開會" in message_text(sent.params["message"])
    await asyncio.sleep(1)
    await browser.open(browser.path)
    assert browser.text(f"#target-{accounts.GROUP} .target-status") == "已發出"
    assert not [c for c in peer.calls[start:] if c.action == "send_group_msg" and _in(c, 700200)]
    browser.shot("notices-sent")
