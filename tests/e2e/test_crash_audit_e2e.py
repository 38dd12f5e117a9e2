"""A crash between a record's pending and done, and the audit trail (Art. 8, 10 records)."""

import asyncio

import pytest

from tests import accounts
from tests.e2e.process import BotProcess
from tests.peer import Peer, at, text

pytestmark = pytest.mark.e2e


async def _file_group(peer: Peer) -> None:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.ADMIN, "/備案 內部 XX社區")
    await peer.wait_for("send_group_msg", after=start)


async def test_kill_between_pending_and_done_leaves_an_unconfirmed_record(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file_group(peer)
    peer.held.add("set_group_ban")  # the platform never answers: the bot is mid-measure
    start = len(peer.calls)
    await peer.group_message(
        accounts.GROUP, accounts.ADMIN, [*text("/禁言 "), at(accounts.MEMBER), *text(" 2h 刷屏")]
    )
    await peer.wait_for("set_group_ban", after=start)
    assert bot_process.query("SELECT action, status FROM measure_record") == [("mute", "pending")]

    bot_process.kill()
    await peer.close()
    bot_process.start()
    again = Peer(bot_process.url, accounts.SELF, peer.token)
    await again.connect()
    await again.close()

    rows = bot_process.query(
        "SELECT id, action, target, status, platform_answer FROM measure_record"
    )
    assert len(rows) == 1
    _record_id, action, target, status, answer = rows[0]
    assert (action, target, status) == ("mute", accounts.MEMBER, "unconfirmed")
    assert answer
    verified = bot_process.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "1 records" in verified.stdout


async def test_audit_verify_names_an_edited_and_a_removed_record(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file_group(peer)
    for reason in ("一", "二", "三", "四"):
        start = len(peer.calls)
        await peer.group_message(
            accounts.GROUP,
            accounts.ADMIN,
            [*text("/警告 "), at(accounts.MEMBER), *text(f" {reason}")],
        )
        await peer.wait_for("send_group_msg", after=start)
    await asyncio.sleep(0.2)
    assert bot_process.query("SELECT count(*) FROM measure_record WHERE status='done'") == [(4,)]
    assert bot_process.manage("audit", "verify").returncode == 0

    bot_process.stop()
    bot_process.query("UPDATE measure_record SET reason = '改過' WHERE id = 3")
    edited = bot_process.manage("audit", "verify")
    assert edited.returncode == 1
    assert "record 3 was altered" in edited.stdout

    bot_process.query("UPDATE measure_record SET reason = '三' WHERE id = 3")
    assert bot_process.manage("audit", "verify").returncode == 0
    bot_process.query("UPDATE measure_record SET status = 'failed' WHERE id = 2")
    assert "record 2 was altered" in bot_process.manage("audit", "verify").stdout

    bot_process.query("UPDATE measure_record SET status = 'done' WHERE id = 2")
    bot_process.query("DELETE FROM measure_record WHERE id = 2")
    removed = bot_process.manage("audit", "verify")
    assert removed.returncode == 1
    assert "record 2 was removed" in removed.stdout
