"""The duties against NapCat as it really behaves (the strict peer), through the OneBot adapter.

Each scenario is one promise that broke against NapCat's real answers: refusals that froze the
account, private notices that never arrived, quotes never scanned, files never removed, and
whatever came while the bot was away.
"""

import asyncio
import time
from collections.abc import Callable

import pytest

from tests import accounts
from tests.e2e.process import BotProcess
from tests.peer import Call, Peer, PeerMember, message_text, reply, text

pytestmark = pytest.mark.e2e

MARKED = "通知：機密★1年 會議紀要"


def _to(user_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params.get("user_id", 0)) == user_id


def _recall_of(message_id: int) -> Callable[[Call], bool]:
    return lambda call: int(call.params.get("message_id", 0)) == message_id


async def _file_group(peer: Peer) -> None:
    """The owner files the group and so becomes its registered admin."""
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區 社區日常工作")
    for person in (accounts.DEPARTMENT, accounts.SUPERUSER, accounts.LEADER):
        await peer.wait_for("send_private_msg", _to(person), after=start)


async def _until(check: Callable[[], bool], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, "not within the time"
        await asyncio.sleep(0.05)


def _group_texts(peer: Peer, after: int) -> list[str]:
    return [
        message_text(c.params["message"])
        for c in peer.calls[after:]
        if c.action == "send_group_msg"
    ]


async def test_an_admins_marked_message_goes_to_the_owner_and_holds_nothing_up(
    peer: Peer,
) -> None:
    """The bot is an admin: QQ will not let it recall another admin's message. It asks the owner
    and the sender instead, the group hears nothing, and the next member's marked message is
    recalled at once (no account-wide pause)."""
    await _file_group(peer)
    start = len(peer.calls)
    by_admin = await peer.group_message(accounts.GROUP, accounts.ADMIN, MARKED)
    await _until(lambda: any("請" in t for t in peer.delivered_to(accounts.OWNER)))
    assert not any(c.action == "delete_msg" for c in peer.calls[start:])  # not tried blindly
    asked = peer.delivered_to(accounts.OWNER)[-1]
    assert str(by_admin) in asked
    assert "機密★" not in asked
    assert any("撤回" in t for t in peer.delivered_to(accounts.ADMIN))  # the sender is asked
    assert not any("已" in t and "撤回" in t for t in _group_texts(peer, start))
    assert not peer.message(by_admin).recalled

    at = time.monotonic()
    by_member = await peer.group_message(accounts.GROUP, accounts.MEMBER, MARKED)
    await peer.wait_for("delete_msg", _recall_of(by_member), after=start, within=3)
    assert time.monotonic() - at < 2.0
    await _until(lambda: peer.message(by_member).recalled, within=3)


async def test_a_recall_qq_refuses_is_left_to_the_owner_without_a_pause(peer: Peer) -> None:
    """The event says "member" but QQ knows an admin (a change the bot had not heard of): NapCat
    waits a second and refuses. The owner is asked; the next recall is not held up."""
    await _file_group(peer)
    start = len(peer.calls)
    stale = await peer.group_message(accounts.GROUP, accounts.ADMIN, MARKED, role="member")
    await peer.wait_for("delete_msg", _recall_of(stale), after=start)
    await _until(lambda: any(str(stale) in t for t in peer.delivered_to(accounts.OWNER)))
    at = time.monotonic()
    fresh = await peer.group_message(accounts.GROUP, accounts.MEMBER, MARKED)
    await peer.wait_for("delete_msg", _recall_of(fresh), after=start, within=3)
    assert time.monotonic() - at < 2.0


async def test_a_registered_admin_who_is_no_friend_gets_the_reference(peer: Peer) -> None:
    """QQ reaches a non-friend only through a shared group (ob/action/msg/SendMsg.ts)."""
    assert accounts.OWNER not in peer.friends
    await _file_group(peer)
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.MEMBER, MARKED)
    await _until(lambda: any("保密" in t for t in peer.delivered_to(accounts.OWNER)))
    sent = await peer.wait_for("send_private_msg", _to(accounts.OWNER), after=start)
    assert int(sent.params["group_id"]) == accounts.GROUP


async def test_a_reply_quoting_a_marked_message_is_recalled(peer: Peer) -> None:
    """The adapter fetches the quote and strips its segment (bot.py _check_reply): the scan
    still sees it."""
    await _file_group(peer)
    quoted = peer.model.store.add(
        "group",
        accounts.GROUP,
        accounts.OWNER,
        text(MARKED),
        {"user_id": accounts.OWNER, "nickname": "群主", "card": "", "role": "owner"},
        group_name="XX社區工作群",
    )
    start = len(peer.calls)
    answer = await peer.group_message(
        accounts.GROUP, accounts.MEMBER, [reply(quoted.message_id), *text("收到")]
    )
    await peer.wait_for("delete_msg", _recall_of(answer), after=start)


async def test_a_marked_file_is_gone_from_the_group_files(peer: Peer) -> None:
    await _file_group(peer)
    start = len(peer.calls)
    await peer.group_upload(accounts.GROUP, accounts.MEMBER, "2026年工作要點（機密★）.docx")
    assert peer.groups[accounts.GROUP].files
    await _until(lambda: not peer.groups[accounts.GROUP].files)
    deleted = await peer.wait_for("delete_group_file", after=start)
    assert deleted.params["file_id"] not in {f"{n}" for n in ("", None)}


async def test_what_came_while_the_bot_was_away_is_handled_on_reconnect(
    peer: Peer, bot_process: BotProcess
) -> None:
    """NapCat pushes nothing of a time when no bot was connected: the bot reads it back."""
    await _file_group(peer)
    await peer.group_message(accounts.GROUP, accounts.MEMBER, "大家好")  # the bot saw this
    await asyncio.sleep(0.3)
    await peer.close()
    away = await peer.group_message(accounts.GROUP, accounts.STRANGER, MARKED)
    flag = await peer.join_request(accounts.GROUP, 50077, "問題：單位\n答案：不知道")
    start = len(peer.calls)
    await peer.reconnect()
    await peer.wait_for("delete_msg", _recall_of(away), after=start, within=15)
    await _until(lambda: peer.message(away).recalled)

    def decided(call: Call) -> bool:
        if call.action == "set_group_add_request":
            return str(call.params["flag"]) == flag
        return call.action == "send_private_msg" and "50077" in message_text(call.params["message"])

    await _until(lambda: any(decided(c) for c in peer.calls[start:]), within=15)


async def test_a_member_who_joins_with_a_good_card_is_not_asked_for_one(peer: Peer) -> None:
    await _file_group(peer)
    start = len(peer.calls)
    await peer.member_joins(accounts.GROUP, PeerMember(50066, "新人", "XX社區-王小明"))
    await peer.wait_for("get_group_member_info", _to(50066), after=start)
    await asyncio.sleep(0.5)
    assert not any("名片" in t for t in _group_texts(peer, start))
