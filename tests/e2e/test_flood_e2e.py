"""Through a real socket: ids out of range stop at the edge, and a recall whose connection was
lost is sealed unconfirmed at once and tried again, once, when the account is back (14.2, 14.10).
"""

import asyncio
import json
from typing import Any

import pytest

from tests import accounts
from tests.e2e.process import BotProcess
from tests.peer import Peer, PeerMember

pytestmark = pytest.mark.e2e

MARKED = "會議材料（機密★1年）請勿外傳"
RECORDS = "SELECT id, status, detail FROM measure_record WHERE action = 'recall' ORDER BY id"


def _as_admin(peer: Peer) -> None:
    """The bot is an admin of the group (it may recall members' messages), and the account's
    group list names it (the retry asks which groups the account is in)."""
    group = peer.groups[accounts.GROUP]
    group.members[accounts.SELF] = PeerMember(accounts.SELF, "群規機器人", role="admin")

    def group_list(_: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {"group_id": g.group_id, "group_name": g.name, "member_count": len(g.members)}
            for g in peer.groups.values()
        ]

    peer.answers["get_group_list"] = group_list


async def _file_group(peer: Peer) -> None:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區 社區日常工作")
    await peer.wait_for(
        "send_private_msg", lambda c: int(c.params["user_id"]) == accounts.LEADER, after=start
    )


async def _status(bot: BotProcess, record_id: int, wanted: str, within: float) -> None:
    for _ in range(int(within / 0.05)):
        rows = bot.query("SELECT status FROM measure_record WHERE id = ?", record_id)
        if rows and rows[0][0] == wanted:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"record {record_id} is {rows}, not {wanted} within {within} s")


async def test_ids_out_of_range_are_dropped_and_the_next_sighting_is_written(
    peer: Peer, bot_process: BotProcess
) -> None:
    await peer.group_message(2**70, accounts.MEMBER, "第一則")
    await peer.group_message(accounts.GROUP, -5, "第二則")
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.MEMBER, "/群規")
    await peer.wait_for("send_group_msg", after=start)  # handled: answered
    await peer.close()
    bot_process.stop()  # an orderly stop writes the sightings still in memory

    log = bot_process.log.read_text("utf-8")
    refused = [line for line in log.splitlines() if "OneBot event refused" in line]
    assert len(refused) == 2  # one line each
    assert "group_id out of range: [message.group]" in refused[0]
    assert f"group_id={2**70}" in refused[0]
    assert "user_id out of range: [message.group]" in refused[1]
    assert "user_id=-5" in refused[1]
    assert "第一則" not in log
    assert "第二則" not in log
    seen = bot_process.query("SELECT group_id, user_id FROM member_seen")
    assert seen == [(accounts.GROUP, accounts.MEMBER)]


async def test_a_recall_cut_off_by_a_lost_connection_is_retried_once_when_it_is_back(
    peer: Peer, bot_process: BotProcess
) -> None:
    _as_admin(peer)
    await _file_group(peer)
    peer.held.add("delete_msg")  # the platform takes the recall and the connection drops
    start = len(peer.calls)
    message_id = await peer.group_message(accounts.GROUP, accounts.MEMBER, MARKED)
    await peer.wait_for("delete_msg", after=start)
    [(first, status, _)] = bot_process.query(RECORDS)
    assert status == "pending"

    await peer.close()
    await _status(bot_process, first, "unconfirmed", within=5)  # at once, not at the timeout

    peer.held.discard("delete_msg")
    start = len(peer.calls)
    await peer.connect()  # the same NapCat, a new connection: it still knows the message
    await peer.wait_for("delete_msg", lambda c: c.params["message_id"] == message_id, after=start)
    rows = bot_process.query(RECORDS)
    assert len(rows) == 2
    retry_id = rows[1][0]
    await _status(bot_process, retry_id, "done", within=5)
    detail = json.loads(rows[1][2])
    assert (detail["retry_of"], detail["attempt"], detail["message_id"]) == (first, 2, message_id)
    await peer.close()

    start = len(peer.calls)
    await peer.connect()
    await peer.wait_for("get_group_list", after=start)  # the catch-up: the connect hooks have run
    await asyncio.sleep(1)
    assert [c for c in peer.calls[start:] if c.action == "delete_msg"] == []  # never twice
    assert len(bot_process.query(RECORDS)) == 2
    verified = bot_process.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
