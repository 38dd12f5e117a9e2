"""The console's blacklist and roster pages in a real browser: the bot process, the OneBot peer
over a socket, a headless chromium logged in with the code the bot sent privately."""

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from plugins.registry.people import masked_account
from tests import accounts
from tests.e2e.browser import Browser, log_in
from tests.e2e.process import BotProcess
from tests.peer import Peer, PeerMember, at, text

pytestmark = pytest.mark.e2e

THIRD_GROUP = 700300
PEOPLE_SQL = "SELECT unit, name, account, status, note FROM roster_person ORDER BY account"


def _in(group_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["group_id"]) == group_id


def _to(user_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["user_id"]) == user_id


async def _file(peer: Peer, group_id: int) -> None:
    start = len(peer.calls)
    await peer.group_message(group_id, accounts.OWNER, "/備案 內部 XX社區", role="owner")
    await peer.wait_for("send_group_msg", _in(group_id), after=start)
    await peer.wait_for("send_private_msg", _to(accounts.LEADER), after=start)


async def test_the_department_confirms_a_request_and_the_sweep_starts(
    bot_process: BotProcess, peer: Peer, browser: Browser
) -> None:
    for group_id in (accounts.OTHER_GROUP, THIRD_GROUP):
        peer.add_group(
            group_id,
            f"群{group_id}",
            PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
            PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
        )
    for group_id in (accounts.GROUP, accounts.OTHER_GROUP, THIRD_GROUP):
        await _file(peer, group_id)

    def kick(params: dict[str, Any]) -> None:
        peer.groups[int(params["group_id"])].members.pop(int(params["user_id"]), None)

    peer.answers["set_group_kick"] = kick
    start = len(peer.calls)
    await peer.group_message(
        accounts.GROUP, accounts.OWNER, [*text("/拉黑 "), at(accounts.MEMBER), *text(" 發賭博廣告")]
    )
    await peer.wait_for("send_private_msg", _to(accounts.DEPARTMENT), after=start)
    [(number,)] = bot_process.query("SELECT id FROM blacklist_request WHERE status = 'pending'")

    await log_in(browser, peer, accounts.DEPARTMENT)
    await browser.open("/console/blacklist")
    row = browser.text(f"#request-{number}")
    assert masked_account(accounts.MEMBER) in row  # as the bot shows accounts
    assert str(accounts.MEMBER) not in row
    assert "發賭博廣告" in row
    assert browser.has("#no-entries")
    browser.shot("blacklist-pending")

    start = len(peer.calls)
    await browser.click(f"#request-{number} button.confirm")
    assert browser.path == "/console/blacklist"
    for group_id in (accounts.OTHER_GROUP, THIRD_GROUP):
        await peer.wait_for("set_group_kick", _in(group_id), after=start)
    await peer.wait_for("send_private_msg", _to(accounts.OWNER), after=start)  # the requester
    assert not browser.has(f"#request-{number}")
    assert browser.has("#no-requests")
    assert f"已確認第 {number} 號申請" in browser.text("#decided")
    assert "從 2 個群移出" in browser.text("#decided")
    assert masked_account(accounts.MEMBER) in browser.text("#entries")
    browser.shot("blacklist-confirmed")

    assert bot_process.query(
        "SELECT status, decided_by FROM blacklist_request WHERE id = ?", number
    ) == [("approved", accounts.DEPARTMENT)]
    records = bot_process.query(
        "SELECT action, group_id, actor, status FROM measure_record ORDER BY id"
    )
    assert ("blacklist", accounts.GROUP, accounts.DEPARTMENT, "done") in records
    kicks = {(g, a) for act, g, a, s in records if act == "kick" and s == "done"}
    assert {
        (accounts.OTHER_GROUP, accounts.DEPARTMENT),
        (THIRD_GROUP, accounts.DEPARTMENT),
    } <= kicks
    for _ in range(100):
        if bot_process.query("SELECT status FROM sweep") == [("done",)]:
            break
        await asyncio.sleep(0.05)
    assert bot_process.query("SELECT status, remaining FROM sweep") == [("done", json.dumps([]))]


def _xlsx(path: Path, *rows: list[object]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["單位", "姓名", "帳號", "狀態", "備註"], *rows):
        sheet.append(row)
    book.save(path)
    return path


async def _upload(browser: Browser, path: Path, unit: str = "") -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    def choosing() -> None:
        browser.driver.find_element(By.ID, "roster-file").send_keys(str(path))
        Select(browser.driver.find_element(By.ID, "roster-unit")).select_by_value(unit)

    await asyncio.to_thread(choosing)
    await browser.click("#upload button")


async def test_a_roster_with_a_bad_row_changes_nothing_and_a_good_one_is_previewed_then_imported(
    bot_process: BotProcess, peer: Peer, browser: Browser, tmp_path: Path
) -> None:
    first = _xlsx(
        tmp_path / "first.xlsx",
        ["XX社區", "張三", 12345678, "在崗", None],
        ["XX社區", "王五", 34567890, "在崗", None],
    )
    assert bot_process.manage("roster", "import", str(first)).returncode == 0
    before = bot_process.query(PEOPLE_SQL)

    await log_in(browser, peer, accounts.DEPARTMENT)
    await browser.open("/console/roster")
    browser.shot("roster-empty-form")
    broken = _xlsx(
        tmp_path / "broken.xlsx",
        ["XX社區", "張三", 12345678, "調離", None],
        ["XX社區", None, 23456789, "在崗", None],
    )
    await _upload(browser, broken)
    assert "第3行：缺少姓名" in browser.text("#roster-error")
    assert not browser.has("#commit")
    assert bot_process.query(PEOPLE_SQL) == before
    assert bot_process.query("SELECT count(*) FROM roster_import") == [(1,)]
    browser.shot("roster-bad-row")

    good = _xlsx(
        tmp_path / "good.xlsx",
        ["XX社區", "張三", 12345678, "調離", "調往街道"],
        ["XX社區", "李四", 23456789, "在崗", None],
    )
    await _upload(browser, good, unit="XX社區")
    summary = browser.text("#plan-summary")
    assert "新增 1 人，更新 1 人，未變 0 人，標記調離 1 人" in summary
    assert "李四" in browser.text("#added")
    assert masked_account(23456789) in browser.text("#added")
    assert "23456789" not in browser.text("#preview")
    assert "在崗 → 調離" in browser.text("#changed")
    assert "王五" in browser.text("#leaving")
    assert bot_process.query(PEOPLE_SQL) == before  # a dry run writes nothing
    browser.shot("roster-dry-run")

    await browser.click("#commit button")
    assert browser.path == "/console/roster"
    assert "名冊已導入" in browser.text("#imported")
    assert bot_process.query(PEOPLE_SQL) == [
        ("XX社區", "張三", 12345678, "調離", "調往街道"),
        ("XX社區", "李四", 23456789, "在崗", ""),
        ("XX社區", "王五", 34567890, "調離", ""),
    ]
    assert bot_process.query(
        "SELECT source, unit, added, changed, departed FROM roster_import ORDER BY id DESC LIMIT 1"
    ) == [("good.xlsx", "XX社區", 1, 1, 1)]
    browser.shot("roster-imported")
