"""The real-name duty through a real socket: join screening, cards, and deadlines across restarts."""

import asyncio
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import accounts
from tests.e2e.process import ROOT, TOKEN, BotProcess, new_peer
from tests.peer import Peer, PeerMember

pytestmark = pytest.mark.e2e

ON_ROSTER = 50010  # 趙六 of XX社區, in the roster file
BLACKLISTED = 50020
NEWCOMER = 50030  # on no roster
DEADLINE_SQL = "SELECT user_id, deadline, status FROM card_deadline ORDER BY id"


async def _file_group(peer: Peer) -> None:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區")
    await peer.wait_for("send_group_msg", after=start)


async def _until(check: Callable[[], Any], within: float = 15.0) -> Any:
    deadline = time.monotonic() + within
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time allowed"
        await asyncio.sleep(0.1)
    return found


def _mentions(user_id: int) -> Callable[[Any], bool]:
    return lambda call: any(
        s["type"] == "at" and s["data"]["qq"] == str(user_id) for s in call.params["message"]
    )


async def test_join_screening_roster_card_and_the_prompt(
    peer: Peer, bot_process: BotProcess, tmp_path: Path
) -> None:
    await _file_group(peer)
    roster = tmp_path / "roster.csv"
    roster.write_text("單位,姓名,帳號,狀態,備註\nXX社区,趙六,50010,在岗,\n", "utf-8")
    imported = bot_process.manage("roster", "import", str(roster))
    assert imported.returncode == 0, imported.stderr
    bot_process.query(
        "INSERT INTO blacklist_entry (platform, user_id, reason, added_at, lift_reason) "
        "VALUES ('qq', ?, '廣告', '2025-01-01 00:00:00+00:00', '')",
        BLACKLISTED,
    )

    start = len(peer.calls)
    await peer.join_request(accounts.GROUP, BLACKLISTED, "問題：姓名\n答案：張三", "flag-b")
    answer = await peer.wait_for("set_group_add_request", after=start)
    assert answer.params == {
        "flag": "flag-b",
        "sub_type": "add",
        "approve": False,
        "reason": "此帳號已被列入黑名單，無法加入",
    }

    start = len(peer.calls)
    await peer.member_joins(accounts.GROUP, PeerMember(ON_ROSTER, "小趙"))
    card = await peer.wait_for("set_group_card", after=start)
    assert card.params == {"group_id": accounts.GROUP, "user_id": ON_ROSTER, "card": "XX社區-趙六"}
    assert peer.groups[accounts.GROUP].members[ON_ROSTER].card == "XX社區-趙六"

    start = len(peer.calls)
    await peer.member_joins(accounts.GROUP, PeerMember(NEWCOMER, "路人", card="路人甲"))
    prompt = await peer.wait_for("send_group_msg", _mentions(NEWCOMER), after=start)
    said = "".join(s["data"]["text"] for s in prompt.params["message"] if s["type"] == "text")
    assert "「單位-姓名」" in said
    assert "例如「XX社區-張三」" in said
    assert str(NEWCOMER) not in said  # the group sees an @mention, never the account
    await _until(lambda: bot_process.query(DEADLINE_SQL))
    assert [(u, s) for u, _, s in bot_process.query(DEADLINE_SQL)] == [(NEWCOMER, "open")]
    records = bot_process.query("SELECT action, category, target, status FROM measure_record")
    assert records == [("join_refuse", "blacklisted", BLACKLISTED, "done")]


async def test_a_restart_in_the_middle_of_a_24_hour_deadline_keeps_it(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file_group(peer)
    start = len(peer.calls)
    await peer.member_joins(accounts.GROUP, PeerMember(NEWCOMER, "路人"))
    await peer.wait_for("send_group_msg", _mentions(NEWCOMER), after=start)
    before = await _until(lambda: bot_process.query(DEADLINE_SQL))
    assert [(u, s) for u, _, s in before] == [(NEWCOMER, "open")]

    bot_process.kill()
    await peer.close()
    bot_process.start()
    again = new_peer(bot_process.url, TOKEN)
    again.groups = peer.groups
    await again.connect()
    try:
        assert bot_process.query(DEADLINE_SQL) == before  # the same deadline, still open
        # …and still enforced: a card in the format now clears it (XX社區 has no roster yet).
        await again.card_change(accounts.GROUP, NEWCOMER, "XX社区—路人甲")
        # NapCat tells of the new card only when the member next speaks (ob/index.ts)
        await again.group_message(accounts.GROUP, NEWCOMER, "改好了")
        cleared = await _until(
            lambda: [r for r in bot_process.query(DEADLINE_SQL) if r[2] == "cleared"]
        )
        assert cleared == [(NEWCOMER, before[0][1], "cleared")]
    finally:
        await again.close()


async def test_a_deadline_passing_while_the_bot_is_down_is_enforced_after_restart(
    tmp_path: Path,
) -> None:
    hours = 5 / 3600  # five seconds, re-checked every second
    bot = BotProcess(
        tmp_path, QUNGUI_CARD_DEADLINE_HOURS=f"{hours:.8f}", QUNGUI_CARD_RECHECK_SECONDS="1"
    )
    bot.start()
    peer = new_peer(bot.url, TOKEN)
    peer.add_group(
        accounts.GROUP, "XX社區工作群", PeerMember(accounts.OWNER, "群主", "XX社區-王五", "owner")
    )
    again: Peer | None = None
    try:
        await peer.connect()
        await _file_group(peer)
        start = len(peer.calls)
        await peer.group_message(accounts.GROUP, accounts.OWNER, "/實名設定 逾期移出 開")
        await peer.wait_for("send_group_msg", after=start)
        start = len(peer.calls)
        await peer.member_joins(accounts.GROUP, PeerMember(NEWCOMER, "路人"))
        prompt = await peer.wait_for("send_group_msg", _mentions(NEWCOMER), after=start)
        assert "移出本群" in "".join(
            s["data"]["text"] for s in prompt.params["message"] if s["type"] == "text"
        )
        before = await _until(lambda: bot.query(DEADLINE_SQL))
        bot.kill()
        await peer.close()
        assert "set_group_kick" not in [c.action for c in peer.calls]
        assert [(u, s) for u, _, s in bot.query(DEADLINE_SQL)] == [(NEWCOMER, "open")]
        await asyncio.sleep(5)  # the deadline passes while the bot is down

        bot.start()
        again = new_peer(bot.url, TOKEN)
        again.groups = peer.groups
        await again.connect()
        kick = await again.wait_for("set_group_kick", within=20)
        assert kick.params == {
            "group_id": accounts.GROUP,
            "user_id": NEWCOMER,
            "reject_add_request": False,
        }
        told = await again.wait_for(
            "send_private_msg", lambda c: int(c.params["user_id"]) == accounts.OWNER
        )
        assert "【實名逾期】" in told.params["message"][0]["data"]["text"]
        removed = await _until(lambda: [r for r in bot.query(DEADLINE_SQL) if r[2] == "removed"])
        assert removed == [(NEWCOMER, before[0][1], "removed")]
        records = bot.query("SELECT action, category, target, status FROM measure_record")
        assert records == [("kick", "card_deadline", NEWCOMER, "done")]
    finally:
        if again is not None:
            await again.close()
        bot.stop()


def test_a_bad_card_pattern_stops_the_bot_at_start_naming_the_setting(tmp_path: Path) -> None:
    bot = BotProcess(tmp_path, QUNGUI_CARD_PATTERN="{部門}-姓名")
    assert bot.manage("migrate").returncode == 0
    started = subprocess.run(
        [sys.executable, str(ROOT / "bot.py")],
        cwd=tmp_path,
        env=bot.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 2
    assert "QUNGUI_CARD_PATTERN" in started.stdout + started.stderr
    assert "部門" in started.stdout + started.stderr
