"""Admin handover (Art. 3, 5, 14) through a real socket: open, confirm, registry, notices, restart."""

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import accounts
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Call, Peer, PeerMember, at, message_text, text

pytestmark = pytest.mark.e2e

ADMINS_SQL = "SELECT user_id, until IS NOT NULL, reason, added_by FROM registered_admin ORDER BY id"
HANDOVER_SQL = "SELECT from_admin, to_admin, opened_by, reason, status FROM handover ORDER BY id"
RECORDS_SQL = "SELECT action, article, target, status FROM measure_record ORDER BY id"


async def _until(check: Callable[[], Any], within: float = 15.0) -> Any:
    deadline = time.monotonic() + within
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time allowed"
        await asyncio.sleep(0.1)
    return found


def _mentions(user_id: int) -> Callable[[Call], bool]:
    return lambda call: any(
        s["type"] == "at" and s["data"]["qq"] == str(user_id) for s in call.params["message"]
    )


def _to(user_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params["user_id"]) == user_id


def _group_texts(call: Call) -> str:
    """What the group reads, without the @mentions (which show a name, not the account)."""
    return "".join(s["data"]["text"] for s in call.params["message"] if s["type"] == "text")


async def _say(peer: Peer, user_id: int, said: str | list[dict[str, Any]]) -> Call:
    """Send a group message and return the bot's next group message."""
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, user_id, said)
    return await peer.wait_for("send_group_msg", after=start)


async def _file(peer: Peer, user_id: int, said: str = "/備案 內部 XX社區") -> Call:
    """File the group; returns once the department and the unit's leader have been told, so
    nothing is still in flight."""
    start = len(peer.calls)
    filed = await _say(peer, user_id, said)
    await peer.wait_for("send_private_msg", _to(accounts.LEADER), after=start)
    return filed


def _admin_rights(peer: Peer) -> None:
    """The peer carries out set_group_admin on its model, as the platform would."""

    def answer(params: dict[str, Any]) -> None:
        member = peer.groups[int(params["group_id"])].members[int(params["user_id"])]
        member.role = "admin" if params["enable"] else "member"

    peer.answers["set_group_admin"] = answer


async def test_open_confirm_registry_and_notices(
    peer: Peer, bot_process: BotProcess, tmp_path: Path
) -> None:
    group = peer.groups[accounts.GROUP]
    group.members[accounts.SELF] = PeerMember(accounts.SELF, "群規", role="owner")
    group.members[accounts.OWNER].role = "admin"  # the bot owns this group
    _admin_rights(peer)
    filed = await _file(peer, accounts.ADMIN, "/備案 內部 XX社區 社區日常工作")
    assert "已備案" in _group_texts(filed)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f"單位,姓名,帳號,狀態,備註\nXX社區,李四,{accounts.ADMIN},調離,調往街道\n"
        f"XX社區,張三,{accounts.MEMBER},在崗,\n",
        "utf-8",
    )
    assert bot_process.manage("roster", "import", str(roster)).returncode == 0

    # Open: the new admin is @mentioned and asked to confirm; the group sees no account number.
    start = len(peer.calls)
    opened = [*text("/交接管理員 "), at(accounts.MEMBER), *text(" 調崗")]
    await peer.group_message(accounts.GROUP, accounts.ADMIN, opened)
    prompt = await peer.wait_for("send_group_msg", _mentions(accounts.MEMBER), after=start)
    assert "/確認交接" in _group_texts(prompt)
    assert str(accounts.MEMBER) not in _group_texts(prompt)
    pending = [(accounts.ADMIN, accounts.MEMBER, accounts.ADMIN, "調崗", "pending")]
    assert bot_process.query(HANDOVER_SQL) == pending

    # Someone else's confirmation is refused and changes nothing.
    refused = await _say(peer, accounts.STRANGER, "/確認交接")
    assert "只有被指定的新管理員" in _group_texts(refused)
    assert bot_process.query(HANDOVER_SQL) == pending

    # The named person confirms.
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.MEMBER, "/确认交接")
    told = await peer.wait_for("send_private_msg", _to(accounts.DEPARTMENT), after=start)
    notice = message_text(told.params["message"])
    assert "【管理員交接】" in notice
    assert f"帳號 {accounts.ADMIN} 交接給帳號 {accounts.MEMBER}" in notice
    await peer.wait_for("send_private_msg", _to(accounts.SUPERUSER), after=start)
    reminder = await peer.wait_for("send_private_msg", _to(accounts.ADMIN), after=start)
    assert "【退群提醒】" in message_text(reminder.params["message"])
    rights = [c.params for c in peer.calls[start:] if c.action == "set_group_admin"]
    assert rights == [
        {"group_id": accounts.GROUP, "user_id": accounts.MEMBER, "enable": True},
        {"group_id": accounts.GROUP, "user_id": accounts.ADMIN, "enable": False},
    ]
    assert (group.members[accounts.MEMBER].role, group.members[accounts.ADMIN].role) == (
        "admin",
        "member",
    )
    done = await peer.wait_for("send_group_msg", _mentions(accounts.MEMBER), after=start)
    assert "交接完成" in _group_texts(done)

    # The registry, in the SQLite file.
    assert bot_process.query(ADMINS_SQL) == [
        (accounts.ADMIN, 1, "調崗", accounts.ADMIN),
        (accounts.MEMBER, 0, "調崗", accounts.ADMIN),
    ]
    assert bot_process.query(HANDOVER_SQL) == [(*pending[0][:4], "done")]

    def three_records() -> list[tuple[Any, ...]] | None:
        rows = bot_process.query(RECORDS_SQL)
        return rows if len(rows) == 3 else None

    assert await _until(three_records) == [
        ("handover", 5, accounts.MEMBER, "done"),
        ("handover", 5, accounts.ADMIN, "done"),
        ("departed_admin", 14, accounts.ADMIN, "done"),
    ]

    # The history: every change, with names and never an account number.
    history = _group_texts(await _say(peer, accounts.STRANGER, "/管理員記錄"))
    lines = history.splitlines()
    assert lines[1].endswith("XX社區-李四 登記為群組管理員（備案）")
    assert lines[2].endswith("交接：XX社區-李四 → XX社區-張三（調崗），發起：XX社區-李四")
    assert len(lines) == 3
    for account in (accounts.ADMIN, accounts.MEMBER, accounts.STRANGER):
        assert str(account) not in history


async def test_a_restart_between_open_and_confirm_keeps_the_handover(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file(peer, accounts.OWNER)
    start = len(peer.calls)
    opened = [*text("/handover "), at(accounts.MEMBER), *text(" 輪崗")]
    await peer.group_message(accounts.GROUP, accounts.OWNER, opened)
    await peer.wait_for("send_group_msg", _mentions(accounts.MEMBER), after=start)
    before = bot_process.query("SELECT * FROM handover")
    assert [(r[2], r[3], r[4]) for r in bot_process.query(HANDOVER_SQL)] == [
        (accounts.OWNER, "輪崗", "pending")
    ]

    bot_process.stop()
    await peer.close()
    bot_process.start()
    again = new_peer(bot_process.url, TOKEN)
    again.groups = peer.groups
    await again.connect()
    try:
        assert bot_process.query("SELECT * FROM handover") == before
        # The bot is not the owner here: the owner is told, by @mention, what to do.
        start = len(again.calls)
        await again.group_message(accounts.GROUP, accounts.MEMBER, "/確認交接")
        steps = await again.wait_for("send_group_msg", _mentions(accounts.OWNER), after=start)
        said = _group_texts(steps)
        assert "1. 將「XX社區-張三」設為管理員" in said
        assert str(accounts.MEMBER) not in said
        assert "set_group_admin" not in [c.action for c in again.calls[start:]]
        await again.wait_for("send_private_msg", _to(accounts.DEPARTMENT), after=start)
        assert bot_process.query(ADMINS_SQL) == [
            (accounts.OWNER, 1, "輪崗", accounts.OWNER),
            (accounts.MEMBER, 0, "輪崗", accounts.OWNER),
        ]
        assert bot_process.query(HANDOVER_SQL)[0][-1] == "done"
    finally:
        await again.close()


async def test_the_last_admin_leaving_is_reported(peer: Peer, bot_process: BotProcess) -> None:
    await _file(peer, accounts.OWNER)
    start = len(peer.calls)
    del peer.groups[accounts.GROUP].members[accounts.OWNER]
    await peer.send_event(
        {
            "post_type": "notice",
            "notice_type": "group_decrease",
            "sub_type": "leave",
            "group_id": accounts.GROUP,
            "user_id": accounts.OWNER,
            "operator_id": accounts.OWNER,
        }
    )
    for person in (accounts.LEADER, accounts.DEPARTMENT):
        told = await peer.wait_for("send_private_msg", _to(person), after=start)
        assert "【無管理員】" in message_text(told.params["message"])
    assert bot_process.query(ADMINS_SQL) == [(accounts.OWNER, 1, "退群", accounts.OWNER)]
