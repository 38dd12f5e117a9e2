"""Two bot processes, four accounts, one PostgreSQL (issue #15), over real sockets.

Process a serves accounts A1 and A2, process b serves B1 and B2. Groups are spread across them:
one with A1 alone, one with B1 alone, one with B2 alone, one with A1 and A2 (two accounts in one
process), one with A2 and B1 (two accounts in two processes). The test files every group, posts
a marked message in each group with two accounts, lets the weekly check come due, kills process
a with the power-cut signal while it is posting, and checks that process b takes the post over
once a's lease has run out; then a comes back and does the rest.
"""

import asyncio
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests import accounts
from tests.e2e.pg import psql
from tests.e2e.process import TOKEN, BotProcess
from tests.peer import Call, PeerMember, message_text
from tests.peer_world import Account, World

pytestmark = pytest.mark.e2e

A1, A2, B1, B2 = accounts.SELF, 99997, 99998, 99996
ONLY_A1, ONLY_B1, ONLY_B2, A1_A2, A2_B1 = 700100, 700200, 700500, 700400, 700300
BOTS: dict[int, dict[int, str]] = {
    A2_B1: {A2: "admin", B1: "admin"},  # filed first: the group a is posting in when it dies
    ONLY_A1: {A1: "admin"},
    ONLY_B1: {B1: "admin"},
    A1_A2: {A1: "admin", A2: "admin"},
    ONLY_B2: {B2: "admin"},
}
LEASE = 6.0
WEEKLY = "【每週成員檢查】"
NOT_DUE, DUE = "週日 23:59", "週一 00:00"  # the suite runs on any day: Monday 00:00 has passed


def _settings(node: str, pg_url: str, schedule: str) -> dict[str, str]:
    return {
        "QUNGUI_DB_URL": pg_url,
        "QUNGUI_NODE": node,
        "QUNGUI_ANCHOR_KEEPER": "true" if node == "a" else "false",
        "QUNGUI_LEASE_SECONDS": str(LEASE),
        "QUNGUI_CLEARANCE_CHECK_SECONDS": "1",
        "QUNGUI_CLEARANCE_SCHEDULE": schedule,
    }


def _in(group_id: int) -> Callable[[int, Call], bool]:
    return lambda _id, call: int(call.params.get("group_id", 0)) == group_id


def _weekly_posts(world: World) -> list[tuple[int, int]]:
    """(account, group) of every weekly post an account was asked to send."""
    return [
        (self_id, int(call.params["group_id"]))
        for self_id, call in world.calls()
        if call.action == "send_group_msg" and WEEKLY in message_text(call.params["message"])
    ]


async def _until(check: Callable[[], Any], within: float = 30.0) -> Any:
    deadline = time.monotonic() + within
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time allowed"
        await asyncio.sleep(0.1)
    return found


async def _connect(*peers: Account) -> None:
    for peer in peers:
        await peer.connect()


async def _links_known(pg_url: str, online: int) -> None:
    """Every account's groups are on file and every process has read them back."""
    links = sum(len(b) for b in BOTS.values())
    await _until(lambda: psql(pg_url, "SELECT count(*) FROM account_link") == [[str(links)]])
    await _until(lambda: psql(pg_url, "SELECT count(*) FROM account_online") == [[str(online)]])
    await asyncio.sleep(LEASE / 4 + 1)  # one more refresh in each process


def _world(a: BotProcess, b: BotProcess) -> tuple[World, list[Account], list[Account]]:
    world = World()
    on_a = [world.account(a.url, A1, TOKEN), world.account(a.url, A2, TOKEN)]
    on_b = [world.account(b.url, B1, TOKEN), world.account(b.url, B2, TOKEN)]
    for peer in (*on_a, *on_b):
        peer.add_friend(*accounts.ORG_PEOPLE)
    for group_id, bots in BOTS.items():
        world.add_group(
            group_id,
            f"群{group_id}",
            PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
            PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
            bots=bots,
        )
    return world, on_a, on_b


async def _file_every_group(world: World) -> None:
    for group_id in BOTS:
        start = len(world.calls())
        await world.group_message(group_id, accounts.OWNER, "/備案 內部 XX社區 社區日常工作")
        await world.wait_for("send_group_msg", _in(group_id), after=start)
    await asyncio.sleep(1.5)  # a second answer, if one were coming
    answers = [
        int(call.params["group_id"])
        for _, call in world.calls()
        if call.action == "send_group_msg" and "已備案" in message_text(call.params["message"])
    ]
    assert sorted(answers) == sorted(BOTS)  # once per group, two accounts or one


async def test_two_processes_share_the_groups_act_once_and_take_over_a_dead_ones_work(
    tmp_path: Path, pg_url: str
) -> None:
    a = BotProcess(tmp_path / "a", **_settings("a", pg_url, NOT_DUE))
    shared_key = str(tmp_path / "a" / "audit.key")  # one chain, one key (README)
    b = BotProcess(
        tmp_path / "b", **_settings("b", pg_url, NOT_DUE), QUNGUI_AUDIT_KEY_FILE=shared_key
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    world, on_a, on_b = _world(a, b)
    try:
        a.start()
        b.start()
        await _connect(*on_a, *on_b)
        await _links_known(pg_url, online=4)
        await _file_every_group(world)

        # A marked message in each group with two accounts: recalled once, recorded once.
        for group_id in (A1_A2, A2_B1):
            ids = await world.group_message(group_id, accounts.MEMBER, "機密★10年 會議紀要")
            assert len(ids) == 2
            await _until(partial(world.recalls, ids))
            await asyncio.sleep(1.5)
            assert world.recalls(ids) == 1
        recalls = psql(pg_url, "SELECT group_id, status FROM measure_record WHERE action='recall'")
        assert sorted(recalls) == [[str(A2_B1), "done"], [str(A1_A2), "done"]]

        # The weekly check comes due. Process a posts first, and dies in its first post.
        for process, peers in ((a, on_a), (b, on_b)):
            for peer in peers:
                await peer.close()
            process.stop()
            process.env["QUNGUI_CLEARANCE_SCHEDULE"] = DUE
        for peer in on_a:
            peer.held.add("send_group_msg")
        a.start()
        await _connect(*on_a)
        first = await _until(lambda: _weekly_posts(world), within=20)
        assert first == [(A2, A2_B1)]  # the account of a's in the group filed first
        a.kill()
        killed_at = time.monotonic()
        for peer in on_a:
            await peer.close()
            peer.held.clear()

        # Process b serves its groups at once, and a's group once a's lease has run out.
        b.start()
        await _connect(*on_b)
        await _until(lambda: (B1, A2_B1) in _weekly_posts(world), within=LEASE + 20)
        took_over = time.monotonic() - killed_at
        await _until(lambda: {(B1, ONLY_B1), (B2, ONLY_B2)} <= set(_weekly_posts(world)))
        assert took_over >= LEASE - 1  # not before a's lease ran out

        # Process a comes back (a new incarnation) and does its own groups, not b's again.
        a.start()
        await _connect(*on_a)
        await _until(lambda: {(A1, ONLY_A1), (A2, A1_A2)} <= set(_weekly_posts(world)))
        await asyncio.sleep(3)  # further looks of both processes: nothing more is due
        assert sorted(_weekly_posts(world)) == sorted(
            [
                (A2, A2_B1),  # held by the test: never answered, never in the group
                (B1, A2_B1),
                (A1, ONLY_A1),
                (B1, ONLY_B1),
                (A2, A1_A2),
                (B2, ONLY_B2),
            ]
        )
        runs = psql(
            pg_url, "SELECT count(*), count(finished_at) FROM weekly_run WHERE kind='members'"
        )
        assert runs == [["5", "5"]]
        rows = psql(pg_url, "SELECT count(*), count(DISTINCT id), max(id) FROM measure_record")
        assert rows[0][0] == rows[0][1] == rows[0][2]  # none duplicated, none missing
        assert psql(pg_url, "SELECT count(*) FROM measure_record WHERE status='pending'") == [["0"]]
        for peer in (*on_a, *on_b):
            await peer.close()
        a.stop()
        b.stop()
        verified = a.manage("audit", "verify")
        assert verified.returncode == 0, verified.stdout + verified.stderr
    finally:
        for peer in (*on_a, *on_b):
            await peer.close()
        a.stop()
        b.stop()
        print((tmp_path / "a" / "bot.log").read_text("utf-8", "replace")[-4000:])
        print((tmp_path / "b" / "bot.log").read_text("utf-8", "replace")[-4000:])
