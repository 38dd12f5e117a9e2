"""The console's group page and reports page in a real browser, after a real login."""

import asyncio
import urllib.request
from collections.abc import Iterator

import pytest

from tests import accounts
from tests.e2e.browser import Browser, skip_without_browser
from tests.e2e.process import BotProcess
from tests.e2e.test_console_e2e import _log_in
from tests.e2e.test_console_e2e import two_pending as two_pending  # the fixture
from tests.peer import Peer

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser(bot_process: BotProcess) -> Iterator[Browser]:
    skip_without_browser()
    opened = Browser(f"http://127.0.0.1:{bot_process.port}")
    yield opened
    opened.close()


async def test_a_leader_opens_the_units_group_page_and_not_another_units(
    two_pending: Peer, browser: Browser
) -> None:
    await _log_in(browser, two_pending, accounts.LEADER)
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
    await _log_in(browser, two_pending, accounts.DEPARTMENT)
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
