"""The content duty and the blacklist through a real socket: bot.py against the OneBot peer."""

import asyncio
import base64
import json
from typing import Any

import pytest

from tests import accounts
from tests.e2e.process import BotProcess
from tests.peer import Call, Peer, PeerMember, Refuse, at, text

pytestmark = pytest.mark.e2e

THIRD_GROUP = 700300


def _to(user_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["user_id"]) == user_id


def _in(group_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["group_id"]) == group_id


async def _file(peer: Peer, group_id: int, filer: int) -> None:
    start = len(peer.calls)
    await peer.group_message(group_id, filer, "/備案 內部 XX社區", role="owner")
    await peer.wait_for("send_group_msg", _in(group_id), after=start)
    await peer.wait_for("send_private_msg", _to(accounts.LEADER), after=start)  # told last


async def _settled(bot_process: BotProcess, count: int) -> list[tuple[object, ...]]:
    """The measure records once `count` of them are sealed (the bot seals after the answer)."""
    for _ in range(100):
        rows = bot_process.query(
            "SELECT action, status, group_id, platform_answer FROM measure_record ORDER BY id"
        )
        if len(rows) >= count and all(r[1] != "pending" for r in rows):
            return rows
        await asyncio.sleep(0.05)
    raise AssertionError(f"records not sealed: {rows}")


async def test_an_illegal_message_is_recalled_muted_reported_and_filed(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file(peer, accounts.GROUP, accounts.OWNER)
    start = len(peer.calls)
    message_id = await peer.group_message(
        accounts.GROUP, accounts.MEMBER, "內部消息：人民幣即將作廢，快換美元"
    )

    recall = await peer.wait_for("delete_msg", after=start)
    assert recall.params == {"message_id": message_id}
    mute = await peer.wait_for("set_group_ban", after=start)
    assert mute.params == {
        "group_id": accounts.GROUP,
        "user_id": accounts.MEMBER,
        "duration": 86400,
    }
    told = await peer.wait_for("send_group_msg", _in(accounts.GROUP), after=start)
    assert [s["type"] for s in told.params["message"]] == ["at", "text"]
    said = told.params["message"][1]["data"]["text"]
    assert "違法信息" in said
    assert "禁言1天" in said
    for person in (accounts.LEADER, accounts.STREET_LEADER, 30002):
        notice = await peer.wait_for("send_private_msg", _to(person), after=start)
        assert "散布謠言" in notice.params["message"][0]["data"]["text"]
    upload = await peer.wait_for(
        "send_private_msg",
        lambda c: c.params["message"][0]["type"] == "file",
        after=start,
    )
    assert int(upload.params["user_id"]) == accounts.STREET_LEADER
    segment = upload.params["message"][0]["data"]
    assert segment["file"].startswith("base64://")  # NapCat may run in another container
    report = base64.b64decode(segment["file"].removeprefix("base64://")).decode("utf-8")
    kept = bot_process.data_dir / "reports" / segment["name"]
    assert await asyncio.to_thread(kept.read_text, "utf-8") == report
    assert "第七條第（八）項" in report
    assert f"發布帳號：{accounts.MEMBER}" in report
    assert "撤回（已執行）、禁言1天（已執行）" in report
    everything = report + "".join(peer.sent_texts(start))
    assert "人民幣即將作廢" not in everything
    assert "快換美元" not in everything

    rows = await _settled(bot_process, 2)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("recall", "done", accounts.GROUP),
        ("mute", "done", accounts.GROUP),
    ]


async def test_three_harmful_messages_climb_the_ladder(peer: Peer, bot_process: BotProcess) -> None:
    await _file(peer, accounts.GROUP, accounts.OWNER)
    # QQ refuses the day's mute with its own errMsg (ob/action/group/SetGroupBan.ts throws it)
    peer.answers["set_group_ban"] = lambda p: (
        Refuse(1200, "操作过于频繁") if int(p["duration"]) == 86400 else None
    )
    mutes: list[Call] = []
    for word in ("你個傻逼", "草 泥 馬", "傻*逼"):
        start = len(peer.calls)
        await peer.group_message(accounts.GROUP, accounts.MEMBER, word)
        await peer.wait_for("send_private_msg", _to(accounts.STREET_LEADER), after=start)
        mutes += [c for c in peer.calls[start:] if c.action == "set_group_ban"]
    assert [int(c.params["duration"]) for c in mutes] == [3600, 86400]

    rows = await _settled(bot_process, 6)
    assert [(r[0], r[1]) for r in rows] == [
        ("recall", "done"),
        ("warning", "done"),
        ("recall", "done"),
        ("mute", "done"),
        ("recall", "done"),
        ("mute", "failed"),
    ]
    assert "平台拒絕：操作过于频繁" in str(rows[5][3])
    details = bot_process.query(
        "SELECT detail FROM measure_record WHERE action IN ('warning', 'mute') ORDER BY id"
    )
    assert [json.loads(d)["rung"] for (d,) in details] == [1, 2, 3]


async def test_a_ban_takes_effect_in_every_managed_group(
    peer: Peer, bot_process: BotProcess
) -> None:
    for group_id in (accounts.OTHER_GROUP, THIRD_GROUP):
        peer.add_group(
            group_id,
            f"群{group_id}",
            PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
            PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
        )
    for group_id in (accounts.GROUP, accounts.OTHER_GROUP, THIRD_GROUP):
        await _file(peer, group_id, accounts.OWNER)

    def kick(params: dict[str, Any]) -> None:
        """NapCat answers ok whatever QQ did (SetGroupKick.ts): in the third group nothing did."""
        if int(params["group_id"]) != THIRD_GROUP:
            peer.groups[int(params["group_id"])].members.pop(int(params["user_id"]), None)

    peer.answers["set_group_kick"] = kick
    start = len(peer.calls)
    # The department's /拉黑 goes straight to the list (a registered admin's is a request).
    await peer.group_message(
        accounts.GROUP,
        accounts.DEPARTMENT,
        [*text("/拉黑 "), at(accounts.MEMBER), *text(" 發廣告")],
    )
    said = await peer.wait_for("send_group_msg", _in(accounts.GROUP), after=start)
    assert "全街黑名單" in said.params["message"][0]["data"]["text"]
    kicks = [c.params for c in peer.calls[start:] if c.action == "set_group_kick"]
    assert [(int(k["group_id"]), k["reject_add_request"]) for k in kicks] == [
        (accounts.GROUP, True),
        (accounts.OTHER_GROUP, True),
        (THIRD_GROUP, True),
    ]
    assert accounts.MEMBER not in peer.groups[accounts.GROUP].members
    assert accounts.MEMBER not in peer.groups[accounts.OTHER_GROUP].members
    await peer.wait_for("send_private_msg", _to(accounts.STREET_LEADER), after=start)

    rows = await _settled(bot_process, 4)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("blacklist", "done", accounts.GROUP),
        ("kick", "done", accounts.GROUP),
        ("kick", "done", accounts.OTHER_GROUP),
        ("kick", "failed", THIRD_GROUP),
    ]
    assert "仍在群中" in str(bot_process.query("SELECT platform_answer FROM measure_record")[3])
    entries = bot_process.query("SELECT user_id, source_group, lifted_at FROM blacklist_entry")
    assert entries == [(accounts.MEMBER, accounts.GROUP, None)]
