"""A blacklisting through a real socket: requested, confirmed, killed mid-sweep, resumed (14.5).

A registered admin's /拉黑 removes the member from the admin's own group and files a request;
the department confirms it privately and the sweep starts through six managed groups. The peer
holds back the fourth removal and the bot is killed (SIGKILL) there: the member is still in three
of the six groups. After the restart the sweep goes on by itself from the group it was on, and
the member ends up removed from every group exactly once. Then the member, let back into one
group while nobody watched, speaks there and is removed at once.
"""

import asyncio
import contextlib
import json
from typing import Any

import pytest

from tests import accounts
from tests.e2e.process import BotProcess
from tests.peer import Call, Peer, PeerMember, at, text

pytestmark = pytest.mark.e2e

GROUPS = [accounts.GROUP, accounts.OTHER_GROUP, 700300, 700400, 700500, 700600]
VICTIM = accounts.MEMBER


def _in(group_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["group_id"]) == group_id


def _victim() -> PeerMember:
    return PeerMember(VICTIM, "成員", "XX社區-張三")


def _to(user_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["user_id"]) == user_id


async def _file(peer: Peer, group_id: int) -> None:
    start = len(peer.calls)
    await peer.group_message(group_id, accounts.OWNER, "/備案 內部 XX社區", role="owner")
    await peer.wait_for("send_group_msg", _in(group_id), after=start)
    await peer.wait_for("send_private_msg", _to(accounts.LEADER), after=start)  # told last


async def _until(bot_process: BotProcess, sql: str, expected: Any, within: float = 20) -> None:
    rows: Any = None
    for _ in range(int(within / 0.05)):
        rows = bot_process.query(sql)
        if rows == expected:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{sql}: {rows}, not {expected}")


def _kicks(calls: list[Call]) -> list[int]:
    return [int(c.params["group_id"]) for c in calls if c.action == "set_group_kick"]


async def test_a_sweep_killed_midway_resumes_and_removes_everyone_exactly_once(
    peer: Peer, bot_process: BotProcess
) -> None:
    for group_id in GROUPS[1:]:
        peer.add_group(
            group_id,
            f"群{group_id}",
            PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
            _victim(),
        )
    for group_id in GROUPS:
        await _file(peer, group_id)

    removed: list[int] = []  # the groups where a removal took effect, in order

    def kick(params: dict[str, Any]) -> None:
        group_id = int(params["group_id"])
        peer.groups[group_id].members.pop(int(params["user_id"]), None)
        removed.append(group_id)
        if len(removed) == 3:
            peer.held.add("set_group_kick")  # the next removal hangs: the bot is mid-sweep

    peer.answers["set_group_kick"] = kick

    # A registered admin's /拉黑: out of the admin's own group, and a request; nothing elsewhere.
    start = len(peer.calls)
    await peer.group_message(
        accounts.GROUP, accounts.OWNER, [*text("/拉黑 "), at(VICTIM), *text(" 發賭博廣告")]
    )
    said = await peer.wait_for("send_group_msg", _in(accounts.GROUP), after=start)
    assert "已提交全街黑名單申請" in said.params["message"][0]["data"]["text"]
    told = await peer.wait_for("send_private_msg", _to(accounts.DEPARTMENT), after=start)
    assert "/確認拉黑" in told.params["message"][0]["data"]["text"]
    assert removed == [accounts.GROUP]
    [(number,)] = bot_process.query("SELECT id FROM blacklist_request WHERE status = 'pending'")
    assert bot_process.query("SELECT count(*) FROM blacklist_entry") == [(0,)]

    # The department confirms privately; the sweep removes from two more groups, then hangs.
    start = len(peer.calls)
    await peer.private_message(accounts.DEPARTMENT, f"/確認拉黑 {number}")
    await peer.wait_for("set_group_kick", _in(GROUPS[3]), after=start)
    assert removed == GROUPS[:3]
    await _until(
        bot_process,
        "SELECT status, remaining FROM sweep",
        [("running", json.dumps(GROUPS[3:], separators=(",", ":")))],
    )
    still_in = [g for g in GROUPS if VICTIM in peer.groups[g].members]
    assert still_in == GROUPS[3:]

    bot_process.kill()
    with contextlib.suppress(Exception):  # the connection died with the process
        await peer.close()
    peer.held.discard("set_group_kick")
    before_restart = len(peer.calls)
    bot_process.start()
    await peer.connect()  # the same platform: its groups as the bot left them

    # Nobody asks: the sweep goes on by itself from the group it was on.
    await _until(bot_process, "SELECT status, remaining FROM sweep", [("done", "[]")])
    assert removed == GROUPS  # each group once, in order
    assert all(VICTIM not in peer.groups[g].members for g in GROUPS)
    assert _kicks(peer.calls[before_restart:]) == GROUPS[3:]  # nothing done before is redone
    kicks = bot_process.query(
        "SELECT group_id, status FROM measure_record WHERE action = 'kick' ORDER BY id"
    )
    done = [(g, "done") for g in GROUPS]
    cut = (GROUPS[3], "unconfirmed")  # cut by the kill: the platform's answer is unknown
    assert kicks == [*done[:3], cut, *done[3:]]
    verified = bot_process.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr

    # Let back into a group while the bot was not looking, the member speaks: removed then.
    peer.groups[accounts.OTHER_GROUP].members[VICTIM] = _victim()
    start = len(peer.calls)
    await peer.group_message(accounts.OTHER_GROUP, VICTIM, "我又回來了")
    await peer.wait_for("set_group_kick", _in(accounts.OTHER_GROUP), after=start)
    assert VICTIM not in peer.groups[accounts.OTHER_GROUP].members
    await _until(
        bot_process,
        "SELECT group_id, status, json_extract(detail, '$.seen') FROM measure_record "
        "WHERE action = 'kick' AND actor IS NULL",
        [(accounts.OTHER_GROUP, "done", "spoke")],
    )
