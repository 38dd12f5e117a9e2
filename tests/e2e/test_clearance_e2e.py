"""The clearance duty through a real socket: a batch confirmed and removed at the platform's pace,
an exempted member kept, expired and unknown batches refused, and the weekly post once a week
whatever restarts happen."""

import asyncio
import itertools
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from tests import accounts
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Call, Peer, PeerMember, at, message_text, text

pytestmark = pytest.mark.e2e

DEPARTED = 50040  # 趙六, 調離 on the roster
SILENT = 50050  # 孫七, on the roster, last spoke 200 days ago
KEPT = 50060  # on no roster, kept by /保留
LATE = 50070  # joins later, for a batch that expires
ROSTER = (
    "單位,姓名,帳號,狀態,備註\n"
    "XX社區,王五,40002,在崗,\nXX社區,李四,40001,在崗,\nXX社區,張三,50001,在崗,\n"
    "XX社區,趙六,50040,調離,\nXX社區,孫七,50050,在崗,\n"
)
WEEKLY = "【每週成員檢查】"
REMINDER = "【解散提醒】"
DIGEST = "【完結與閒置群組】"


def _group_of(group_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params.get("group_id", 0)) == group_id


def _to(user_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params.get("user_id", 0)) == user_id


async def _say(peer: Peer, group_id: int, user_id: int, *message: Any) -> Call:
    """Post a command and wait for the bot's answer in that group."""
    start = len(peer.calls)
    segments = [s for part in message for s in (text(part) if isinstance(part, str) else [part])]
    await peer.group_message(group_id, user_id, segments)
    return await peer.wait_for("send_group_msg", _group_of(group_id), after=start)


async def _until(check: Callable[[], Any], within: float = 15.0) -> Any:
    deadline = time.monotonic() + within
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time allowed"
        await asyncio.sleep(0.1)
    return found


@pytest.fixture
async def paced(tmp_path: Path) -> AsyncIterator[tuple[BotProcess, Peer]]:
    """A bot removing at most 4 members a second, its group, and a roster of XX社區."""
    bot = BotProcess(tmp_path, QUNGUI_MANAGE_PER_SECOND="4")
    bot.start()
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, "utf-8")
    assert bot.manage("roster", "import", str(roster)).returncode == 0
    peer = new_peer(bot.url, TOKEN)
    long_ago = int(time.time()) - 200 * 86400
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
        PeerMember(accounts.STRANGER, "路人", "路人甲"),
        PeerMember(DEPARTED, "老趙", "XX社區-趙六"),
        PeerMember(SILENT, "老孫", "XX社區-孫七", last_sent_time=long_ago),
        PeerMember(KEPT, "社工", "駐點社工"),
    )
    try:
        await peer.connect()
        yield bot, peer
    finally:
        await peer.close()
        bot.stop()


async def test_a_batch_is_confirmed_removed_at_pace_and_recorded_and_the_kept_stay(
    paced: tuple[BotProcess, Peer],
) -> None:
    bot, peer = paced
    await _say(peer, accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區")
    kept = await _say(peer, accounts.GROUP, accounts.OWNER, "/保留 ", at(KEPT), " 駐點社工 每週來")
    assert kept.params["message"][0] == at(KEPT)

    start = len(peer.calls)
    reply = await _say(peer, accounts.GROUP, accounts.OWNER, "/清理檢查")
    said = message_text(reply.params["message"])
    (number,) = bot.query("SELECT id FROM clearance_batch")[0]
    assert "待清理 3 人" in said
    assert f"批次號 {number}" in said
    for account in (accounts.STRANGER, DEPARTED, SILENT, KEPT):
        assert str(account) not in said  # the group never sees an account
    listed = await peer.wait_for("send_private_msg", _to(accounts.OWNER), after=start)
    private = message_text(listed.params["message"])
    assert all(str(a) in private for a in (accounts.STRANGER, DEPARTED, SILENT))
    assert str(KEPT) not in private
    assert "經 /保留 排除 1 人" in private
    assert f"/清理確認 {number}" in private

    kicked_at: list[tuple[int, float]] = []

    def kick(params: dict[str, Any]) -> None:
        kicked_at.append((int(params["user_id"]), time.monotonic()))
        peer.groups[int(params["group_id"])].members.pop(int(params["user_id"]))

    peer.answers["set_group_kick"] = kick
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, f"/清理確認 {number}")
    done = await peer.wait_for(
        "send_group_msg",
        lambda c: "清理完成" in message_text(c.params["message"]),
        after=start,
        within=20,
    )
    assert f"批次 {number} 清理完成：移出 3 人" in message_text(done.params["message"])
    assert {uid for uid, _ in kicked_at} == {accounts.STRANGER, DEPARTED, SILENT}
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(kicked_at)]
    assert all(gap >= 0.2 for gap in gaps), gaps  # 4 a second at most: paced by the port
    assert KEPT in peer.groups[accounts.GROUP].members
    told = await peer.wait_for("send_private_msg", _to(accounts.LEADER), after=start)
    assert "移出 3 人" in message_text(told.params["message"])
    records = bot.query(
        "SELECT action, target, article, actor, status FROM measure_record ORDER BY id"
    )
    assert records[0] == ("clearance_keep", KEPT, 4, accounts.OWNER, "done")
    assert sorted(records[1:]) == sorted(
        [
            ("clearance", accounts.STRANGER, 4, accounts.OWNER, "done"),
            ("clearance", DEPARTED, 14, accounts.OWNER, "done"),
            ("clearance", SILENT, 4, accounts.OWNER, "done"),
        ]
    )
    linked = bot.query("SELECT count(*) FROM clearance_item WHERE record_id IS NOT NULL")
    assert linked == [(3,)]

    again = await _say(peer, accounts.GROUP, accounts.OWNER, f"/清理確認 {number}")
    assert "已於" in message_text(again.params["message"])
    assert len(kicked_at) == 3


async def test_an_expired_or_unknown_batch_says_so_and_removes_no_one(
    paced: tuple[BotProcess, Peer],
) -> None:
    bot, peer = paced
    await _say(peer, accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區")
    await _say(peer, accounts.GROUP, accounts.OWNER, "/清理檢查")
    (number,) = bot.query("SELECT id FROM clearance_batch")[0]
    bot.query(
        "UPDATE clearance_batch SET expires_at = '2020-01-01 00:00:00+00:00' WHERE id = ?", number
    )
    expired = await _say(peer, accounts.GROUP, accounts.OWNER, f"/清理確認 {number}")
    assert f"批次 {number} 已於" in message_text(expired.params["message"])
    assert "過期，沒有移出任何人" in message_text(expired.params["message"])
    unknown = await _say(peer, accounts.GROUP, accounts.OWNER, "/清理確認 987654")
    assert "找不到批次 987654" in message_text(unknown.params["message"])
    assert "沒有移出任何人" in message_text(unknown.params["message"])
    await asyncio.sleep(0.5)
    assert "set_group_kick" not in [c.action for c in peer.calls]
    assert bot.query("SELECT count(*) FROM measure_record WHERE action = 'clearance'") == [(0,)]
    assert bot.query("SELECT confirmed_at FROM clearance_batch") == [(None,)]


def _posts(peer: Peer, marker: str) -> list[Call]:
    return [
        c
        for c in peer.calls
        if c.action in ("send_group_msg", "send_private_msg")
        and marker in message_text(c.params["message"])
    ]


async def _restart(bot: BotProcess, peers: list[Peer], stop: Callable[[], None]) -> Peer:
    """Stop the bot (`kill`: a power cut; `stop`: orderly), start it again, reconnect."""
    stop()
    await peers[-1].close()
    bot.start()
    again = new_peer(bot.url, TOKEN)
    again.groups = peers[0].groups
    peers.append(again)
    await again.connect()
    return again


async def test_the_weekly_post_appears_once_per_group_per_week_across_restarts(
    tmp_path: Path,
) -> None:
    # Looks for due checks every second. First the slot is the week's last minute: not due.
    settings = {"QUNGUI_CLEARANCE_CHECK_SECONDS": "1", "QUNGUI_CLEARANCE_SCHEDULE": "週日 23:59"}
    bot = BotProcess(tmp_path, **settings)
    bot.start()
    peer = new_peer(bot.url, TOKEN)
    for group_id, stranger in ((accounts.GROUP, accounts.STRANGER), (accounts.OTHER_GROUP, LATE)):
        peer.add_group(
            group_id,
            "工作群",
            PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
            PeerMember(stranger, "路人", "路人甲"),
        )
    peers = [peer]
    try:
        await peer.connect()
        for group_id in (accounts.GROUP, accounts.OTHER_GROUP):
            await _say(peer, group_id, accounts.OWNER, "/備案 內部 XX社區")
        await asyncio.sleep(3)
        assert _posts(peer, WEEKLY) == []

        # The week's slot (now: Monday 00:00, long past) passes while the bot is down: the missed
        # check runs once after the start, for each group.
        bot.env["QUNGUI_CLEARANCE_SCHEDULE"] = "週一 00:00"
        peer = await _restart(bot, peers, bot.kill)
        await _until(lambda: len(_posts(peer, WEEKLY)) >= 2)
        weekly = _posts(peer, WEEKLY)
        assert sorted(int(c.params["group_id"]) for c in weekly) == [
            accounts.GROUP,
            accounts.OTHER_GROUP,
        ]
        mentions = [s for s in weekly[0].params["message"] if s["type"] == "at"]
        assert len(mentions) == 1  # the member with a card to fix, @mentioned
        await _say(peer, accounts.OTHER_GROUP, accounts.OWNER, "/任務完結 活動結束")
        await _until(lambda: _posts(peer, REMINDER) and _posts(peer, DIGEST))
        await asyncio.sleep(3)  # three more looks
        # Once each: the reminder to the admin and the unit leader, the digest to two staff.
        assert [len(_posts(peer, m)) for m in (WEEKLY, REMINDER, DIGEST)] == [2, 2, 2]

        for stop in (bot.kill, bot.stop):  # two restarts the same morning
            again = await _restart(bot, peers, stop)
            await asyncio.sleep(4)  # several looks for due checks
            assert [len(_posts(again, m)) for m in (WEEKLY, REMINDER, DIGEST)] == [0, 0, 0]
        runs = bot.query(
            'SELECT g.group_id, w.kind FROM weekly_run w JOIN "group" g ON g.id = w.group_id '
            "ORDER BY g.group_id, w.kind"
        )
        assert runs == [
            (accounts.GROUP, "members"),
            (accounts.OTHER_GROUP, "digest"),
            (accounts.OTHER_GROUP, "dormant"),
            (accounts.OTHER_GROUP, "members"),
        ]
    finally:
        for each in peers:
            await each.close()
        bot.stop()
