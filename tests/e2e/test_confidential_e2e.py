"""The confidential and privacy duties through a real socket: marked items recalled, never echoed.

Every scenario files the group first (the duties run in filed groups only), then checks three
things: what the bot asked the platform to do, that no text it sent anywhere (group or private)
repeats what it removed, and the records in the SQLite file.
"""

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest

from core.script import to_simplified
from tests import accounts
from tests.e2e.process import BotProcess
from tests.peer import Call, Peer, bundled, text

pytestmark = pytest.mark.e2e

RECORD_SQL = (
    "SELECT action, article, category, status, target, evidence, detail, reason "
    "FROM measure_record ORDER BY id"
)


def _to(user_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params.get("user_id", 0)) == user_id


def _in_group(call: Call) -> bool:
    return int(call.params.get("group_id", 0)) == accounts.GROUP


async def _file_group(peer: Peer) -> None:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區 社區日常工作")
    # The department is told, then the unit's leader (last: nothing is still in flight).
    for person in (accounts.DEPARTMENT, accounts.SUPERUSER, accounts.LEADER):
        await peer.wait_for("send_private_msg", _to(person), after=start)


async def _records(bot: BotProcess, count: int, within: float = 10.0) -> list[tuple[Any, ...]]:
    """The records once `count` of them are sealed (neither pending nor missing)."""
    for _ in range(int(within / 0.1)):
        rows = bot.query(RECORD_SQL)
        if len(rows) == count and all(row[3] != "pending" for row in rows):
            return rows
        await asyncio.sleep(0.1)
    raise AssertionError(f"expected {count} sealed records, found {bot.query(RECORD_SQL)}")


def _assert_never_sent(peer: Peer, *secrets: str) -> None:
    """No text the bot sent, to anyone, contains any of `secrets` (in either script)."""
    sent = peer.sent_texts()
    assert sent
    for secret in secrets:
        for form in {secret, to_simplified(secret)}:
            leaked = [t for t in sent if form in t]
            assert not leaked, f"{form!r} was sent: {leaked}"


def _assert_never_stored(rows: list[tuple[Any, ...]], *secrets: str) -> None:
    stored = json.dumps([list(row) for row in rows], ensure_ascii=False)
    for secret in secrets:
        assert secret not in stored


async def _told_of_withdrawal(peer: Peer, start: int, user_id: int) -> None:
    """The group (mentioning the sender), the registered admin and the unit leader are told."""
    said = await peer.wait_for("send_group_msg", _in_group, after=start)
    segments = said.params["message"]
    assert segments[0] == {"type": "at", "data": {"qq": str(user_id)}}
    assert "第十一條" in segments[1]["data"]["text"]
    for person in (accounts.OWNER, accounts.LEADER):  # OWNER filed the group: its admin
        told = await peer.wait_for("send_private_msg", _to(person), after=start)
        reference = told.params["message"][0]["data"]["text"]
        assert "【保密】" in reference
        assert "雜湊" in reference


async def test_a_marker_in_plain_text_is_recalled(peer: Peer, bot_process: BotProcess) -> None:
    await _file_group(peer)
    start = len(peer.calls)
    marked = "明天會議材料（機密★1年），內容如下：撥款三百萬"
    message_id = await peer.group_message(accounts.GROUP, accounts.MEMBER, marked)
    await peer.wait_for("delete_msg", lambda c: c.params["message_id"] == message_id, after=start)
    await _told_of_withdrawal(peer, start, accounts.MEMBER)

    rows = await _records(bot_process, 1)
    action, article, category, status, target, evidence, detail, _ = rows[0]
    assert (action, article, category, status, target) == (
        "recall",
        11,
        "state_secret",
        "done",
        accounts.MEMBER,
    )
    assert evidence.startswith("機***年 sha256:")
    assert json.loads(detail)["message_id"] == message_id
    _assert_never_sent(peer, "機密★", "撥款三百萬", marked)
    _assert_never_stored(rows, "機密★", "撥款三百萬")


async def test_a_marker_two_forwards_deep_recalls_the_bundle(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file_group(peer)
    inner = peer.add_forward(
        "fw-inner",
        bundled(accounts.OWNER, "普通的一句話"),
        bundled(accounts.OWNER, "絕密★長期 部署方案全文"),
    )
    outer = peer.add_forward(
        "fw-outer",
        bundled(accounts.MEMBER, "轉給大家看看"),
        bundled(accounts.MEMBER, [inner]),
    )
    start = len(peer.calls)
    message_id = await peer.group_message(accounts.GROUP, accounts.MEMBER, [outer])
    await peer.wait_for("delete_msg", lambda c: c.params["message_id"] == message_id, after=start)
    # One fetch: NapCat gives the nested bundle inline, and refuses its inner id
    # (ob/action/msg/GetForwardMsg.ts).
    fetched = [c for c in peer.calls[start:] if c.action == "get_forward_msg"]
    assert len(fetched) == 1
    await _told_of_withdrawal(peer, start, accounts.MEMBER)

    rows = await _records(bot_process, 1)
    assert rows[0][:5] == ("recall", 11, "state_secret", "done", accounts.MEMBER)
    assert json.loads(rows[0][6])["source"] == "forward"
    _assert_never_sent(peer, "絕密★", "部署方案", "轉給大家看看")
    _assert_never_stored(rows, "絕密★", "部署方案")


@pytest.mark.parametrize("notice_first", [False, True])
async def test_a_marked_file_name_is_withdrawn_and_told_once(
    peer: Peer, bot_process: BotProcess, notice_first: bool
) -> None:
    await _file_group(peer)
    name = "附件：2026年工作要點（秘密★）.docx"
    start = len(peer.calls)
    message_id = await peer.group_upload(
        accounts.GROUP, accounts.MEMBER, name, "/f-0001", notice_first=notice_first
    )
    await peer.wait_for("delete_msg", lambda c: c.params["message_id"] == message_id, after=start)
    deleted = await peer.wait_for("delete_group_file", after=start)
    # by the id the group-file list gives, never the notice's (ob/action/go-cqhttp/DeleteGroupFile.ts)
    assert deleted.params == {"group_id": accounts.GROUP, "file_id": "/f-0001"}
    assert "/f-0001" not in peer.groups[accounts.GROUP].files
    await _told_of_withdrawal(peer, start, accounts.MEMBER)

    rows = await _records(bot_process, 2)
    assert [row[:5] for row in rows] == [
        ("recall", 11, "state_secret", "done", accounts.MEMBER)
    ] * 2
    details = [json.loads(row[6]) for row in rows]
    noticed = [d["file_id"] for d in details if "file_id" in d]  # as the notice named it
    assert len(noticed) == 1
    assert noticed[0] != "/f-0001"
    assert all(d["source"] == "file" for d in details)
    # One upload, told about once although NapCat reported it twice.
    sent = [c for c in peer.calls[start:] if c.action.startswith("send_")]
    assert [(c.action, c.params.get("user_id")) for c in sent] == [
        ("send_group_msg", None),
        ("send_private_msg", accounts.OWNER),
        ("send_private_msg", accounts.LEADER),
    ]
    _assert_never_sent(peer, name, "秘密★", "工作要點")
    _assert_never_stored(rows, name, "秘密★", "工作要點")


async def test_an_id_number_is_recalled_with_a_masked_reminder(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file_group(peer)
    number = "110101199003077571"
    start = len(peer.calls)
    message_id = await peer.group_message(
        accounts.GROUP, accounts.MEMBER, text(f"幫我登記一下，身份證號 {number}")
    )
    await peer.wait_for("delete_msg", lambda c: c.params["message_id"] == message_id, after=start)
    said = await peer.wait_for("send_group_msg", _in_group, after=start)
    reminder = said.params["message"][1]["data"]["text"]
    assert "110101********7571" in reminder
    assert "第四條" in reminder

    rows = await _records(bot_process, 1)
    assert rows[0][:6] == ("recall", 4, "id_number", "done", accounts.MEMBER, "110101********7571")
    _assert_never_sent(peer, number, number[6:14])
    _assert_never_stored(rows, number)
