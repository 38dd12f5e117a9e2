"""The console in a real browser: the bot process, the OneBot peer over a socket, and a headless
chromium logging in with the code the bot sent privately."""

import asyncio
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import AsyncIterator
from functools import partial

import pytest

from tests import accounts
from tests.e2e.browser import Browser, code_for, log_in
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Peer, PeerMember

pytestmark = pytest.mark.e2e

VILLAGE_OWNER = 40003


@pytest.fixture
async def two_pending(bot_process: BotProcess) -> AsyncIterator[Peer]:
    """A 群眾 group of XX社區 and one of XX村, both filed and waiting for the department."""
    peer = new_peer(bot_process.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區居民群",
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
    )
    peer.add_group(
        accounts.OTHER_GROUP,
        "XX村村民群",
        PeerMember(VILLAGE_OWNER, "村群主", "XX村-趙六", role="owner"),
    )
    await peer.connect()
    for group_id, owner, unit in (
        (accounts.GROUP, accounts.OWNER, "XX社區"),
        (accounts.OTHER_GROUP, VILLAGE_OWNER, "XX村"),
    ):
        start = len(peer.calls)
        await peer.group_message(group_id, owner, f"/備案 群眾 {unit} 居民服務")
        await peer.wait_for("send_group_msg", partial(_to, group_id=group_id), after=start)
    yield peer
    await peer.close()


def _to(call, group_id: int) -> bool:  # type: ignore[no-untyped-def]
    return int(call.params.get("group_id", 0)) == group_id


def _status(bot_process: BotProcess, group_id: int) -> tuple[str, int | None, str]:
    rows = bot_process.query(
        'SELECT status, decided_by, status_reason FROM "group" WHERE group_id = ?', group_id
    )
    return rows[0]


def _post(url: str, fields: dict[str, str], cookie: str) -> int:
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, body, {"Cookie": cookie}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


async def test_the_department_logs_in_with_a_code_and_approves_and_rejects(
    bot_process: BotProcess, two_pending: Peer, browser: Browser
) -> None:
    peer = two_pending
    await log_in(browser, peer, accounts.DEPARTMENT, shots="department")
    page = browser.text("#registry")
    assert "XX社區居民群" in page
    assert "XX村村民群" in page
    assert browser.text(f"#group-qq-{accounts.GROUP} .status") == "待批准"
    assert str(accounts.OWNER) in browser.text(f"#group-qq-{accounts.GROUP}")  # the admin
    browser.shot("registry-department")

    await browser.open("/console/registry?unit=XX村&status=pending")
    assert not browser.has(f"#group-qq-{accounts.GROUP}")
    assert browser.has(f"#group-qq-{accounts.OTHER_GROUP}")
    browser.shot("registry-filtered")

    await browser.open("/console/registry")
    start = len(peer.calls)
    await browser.click(f"#group-qq-{accounts.GROUP} button.approve")
    assert browser.text(f"#group-qq-{accounts.GROUP} .status") == "已批准"
    assert "已批准" in browser.text("#decided")
    heard = await peer.wait_for("send_group_msg", lambda c: _to(c, accounts.GROUP), after=start)
    assert "批准" in heard.params["message"][0]["data"]["text"]
    await peer.wait_for(
        "send_private_msg", lambda c: int(c.params["user_id"]) == accounts.OWNER, after=start
    )
    assert _status(bot_process, accounts.GROUP) == ("已批准", accounts.DEPARTMENT, "")
    browser.shot("registry-approved")

    start = len(peer.calls)
    await browser.fill(f"#group-qq-{accounts.OTHER_GROUP} input[name=reason]", "用途不明")
    await browser.click(f"#group-qq-{accounts.OTHER_GROUP} button.reject")
    assert browser.text(f"#group-qq-{accounts.OTHER_GROUP} .status") == "已駁回"
    heard = await peer.wait_for(
        "send_group_msg", lambda c: _to(c, accounts.OTHER_GROUP), after=start
    )
    assert "用途不明" in heard.params["message"][0]["data"]["text"]
    assert _status(bot_process, accounts.OTHER_GROUP) == ("已駁回", accounts.DEPARTMENT, "用途不明")

    browser.driver.set_window_size(390, 844)  # a phone
    await browser.open("/console/registry")
    browser.shot("registry-phone")


async def test_a_unit_leader_sees_only_the_units_groups_and_decides_nothing(
    bot_process: BotProcess, two_pending: Peer, browser: Browser
) -> None:
    await log_in(browser, two_pending, accounts.LEADER)
    assert browser.has(f"#group-qq-{accounts.GROUP}")
    assert not browser.has(f"#group-qq-{accounts.OTHER_GROUP}")
    assert not browser.has("button.approve")
    browser.shot("registry-leader")

    await browser.open("/console/registry?unit=XX村")
    assert "只能查看本單位" in browser.text()
    assert not browser.has(f"#group-qq-{accounts.OTHER_GROUP}")
    browser.shot("refused-other-unit")

    # Even a form with the session's own CSRF token: only the department decides.
    await browser.open("/console/registry")
    csrf = browser.driver.find_element("css selector", "input[name=csrf]").get_attribute("value")
    url = f"{browser.base}/console/registry/qq/{accounts.GROUP}/decide"
    fields = {"csrf": str(csrf), "decision": "approve"}
    assert _post(url, fields, browser.cookie_header()) == 403
    assert _status(bot_process, accounts.GROUP) == ("待批准", None, "")


async def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(
    bot_process: BotProcess, two_pending: Peer, browser: Browser
) -> None:
    peer = two_pending
    await log_in(browser, peer, accounts.DEPARTMENT)
    url = f"{browser.base}/console/registry/qq/{accounts.GROUP}/decide"
    start = len(peer.calls)
    cookie = browser.cookie_header()
    assert _post(url, {"decision": "approve"}, cookie) == 403
    assert _post(url, {"decision": "approve", "csrf": "0" * 64}, cookie) == 403
    assert _post(url, {"decision": "approve", "csrf": "x"}, "") == 403  # no session at all
    assert _status(bot_process, accounts.GROUP) == ("待批准", None, "")
    await asyncio.sleep(0.5)
    assert [c for c in peer.calls[start:] if c.action == "send_group_msg"] == []

    await browser.open("/console/registry")
    assert browser.text(f"#group-qq-{accounts.GROUP} .status") == "待批准"


async def test_a_stranger_gets_the_same_answer_and_no_code(
    bot_process: BotProcess, two_pending: Peer, browser: Browser
) -> None:
    peer = two_pending
    start = len(peer.calls)
    await browser.open("/console/login")
    await browser.fill("#account", str(accounts.STRANGER))
    await browser.click("#login button")
    assert browser.path == "/console/login/code"
    hint = browser.text("p")
    await browser.fill("#code-input", "123456")
    await browser.click("#code button")
    assert "驗證碼不正確或已失效" in browser.text()
    assert browser.path == "/console/login/code"
    browser.shot("code-refused")
    await asyncio.sleep(0.5)
    to_stranger = [
        c
        for c in peer.calls[start:]
        if c.action == "send_private_msg" and int(c.params["user_id"]) == accounts.STRANGER
    ]
    assert to_stranger == []
    await browser.open("/console/registry")
    assert browser.path == "/console/login"  # not logged in

    await browser.fill("#account", str(accounts.DEPARTMENT))
    await browser.click("#login button")
    assert browser.text("p") == hint.replace(
        re.search(r"\d+\*+\d+", hint).group(0),  # type: ignore[union-attr]
        re.search(r"\d+\*+\d+", browser.text("p")).group(0),  # type: ignore[union-attr]
    )


async def test_failed_codes_are_rate_limited_per_account(
    bot_process: BotProcess, two_pending: Peer
) -> None:
    """Plain HTTP with a cookie jar: five wrong codes, then even the right one is held off."""
    import http.cookiejar

    base = f"http://127.0.0.1:{bot_process.port}/console"
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )

    def post(path: str, **fields: str) -> tuple[int, str]:
        page = opener.open(f"{base}/login", timeout=10).read().decode()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
        body = urllib.parse.urlencode({"csrf": csrf, **fields}).encode()
        try:
            with opener.open(f"{base}{path}", body, timeout=10) as answer:
                return int(answer.status), answer.read().decode()
        except urllib.error.HTTPError as refused:
            return int(refused.code), refused.read().decode()

    seen = len(two_pending.delivered_to(accounts.DEPARTMENT))
    assert (await asyncio.to_thread(post, "/login", account=str(accounts.DEPARTMENT)))[0] == 200
    code = await code_for(two_pending, accounts.DEPARTMENT, seen)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    answers = [(await asyncio.to_thread(post, "/login/code", code=wrong))[0] for _ in range(5)]
    assert answers == [400] * 5
    status, page = await asyncio.to_thread(post, "/login/code", code=code)
    assert status == 429
    assert "嘗試次數過多" in page
