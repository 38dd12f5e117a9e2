"""/群發 through a real socket: previewed, confirmed, one send to each selected group only."""

import re

import pytest

from tests import accounts
from tests.e2e.process import BotProcess
from tests.peer import Call, Peer, PeerMember, message_text

pytestmark = pytest.mark.e2e

THIRD = 700300
HEADER = "【黨群工作部通知】"


def _to(user_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["user_id"]) == user_id


def _notices(peer: Peer, after: int) -> list[Call]:
    return [
        c
        for c in peer.calls[after:]
        if c.action == "send_group_msg" and HEADER in message_text(c.params["message"])
    ]


async def _file(peer: Peer, group_id: int, owner: int, said: str) -> None:
    start = len(peer.calls)
    await peer.group_message(group_id, owner, said)
    call = await peer.wait_for(
        "send_group_msg", lambda c: int(c.params["group_id"]) == group_id, after=start
    )
    assert "已備案" in message_text(call.params["message"])
    await peer.wait_for("send_private_msg", _to(accounts.DEPARTMENT), after=start)


async def test_a_notice_goes_once_to_each_selected_group(
    peer: Peer, bot_process: BotProcess
) -> None:
    peer.add_group(
        accounts.OTHER_GROUP, "XX村工作群", PeerMember(accounts.OWNER, "群主", role="owner")
    )
    peer.add_group(THIRD, "XX社區第二群", PeerMember(accounts.OWNER, "群主", role="owner"))
    await _file(peer, accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區")
    await _file(peer, accounts.OTHER_GROUP, accounts.OWNER, "/備案 內部 XX村")
    await _file(peer, THIRD, accounts.OWNER, "/備案 內部 XX社區")

    start = len(peer.calls)
    await peer.private_message(accounts.DEPARTMENT, "/群發 XX社區 明天9點開會 [CQ:at,qq=all]")
    call = await peer.wait_for("send_private_msg", _to(accounts.DEPARTMENT), after=start)
    preview = message_text(call.params["message"])
    assert "共2個群組" in preview
    assert f"XX社區 {accounts.GROUP} XX社區工作群" in preview
    assert f"XX社區 {THIRD} XX社區第二群" in preview
    assert str(accounts.OTHER_GROUP) not in preview
    found = re.search(r"/確認群發 (\d+)", preview)
    assert found is not None
    number = int(found.group(1))
    assert _notices(peer, start) == []  # nothing goes out before the confirmation

    start = len(peer.calls)
    await peer.private_message(accounts.DEPARTMENT, f"/確認群發 {number}")
    told = await peer.wait_for(
        "send_private_msg",
        lambda c: _to(accounts.DEPARTMENT)(c) and "已發" in message_text(c.params["message"]),
        after=start,
    )
    assert f"群發 #{number}：已發2個群組。" == message_text(told.params["message"])
    sent = _notices(peer, start)
    assert sorted(int(c.params["group_id"]) for c in sent) == [accounts.GROUP, THIRD]
    for c in sent:
        assert [s["type"] for s in c.params["message"]] == ["text"]  # never markup
        assert message_text(c.params["message"]) == f"{HEADER}\n明天9點開會 [CQ:at,qq=all]"
    unselected = [
        c
        for c in peer.calls[start:]
        if c.action == "send_group_msg" and int(c.params["group_id"]) == accounts.OTHER_GROUP
    ]
    assert unselected == []

    # Confirmed again: told so, and nothing is sent again.
    start = len(peer.calls)
    await peer.private_message(accounts.DEPARTMENT, f"/確認群發 {number}")
    again = await peer.wait_for("send_private_msg", _to(accounts.DEPARTMENT), after=start)
    assert "已確認過，不會重發" in message_text(again.params["message"])
    assert _notices(peer, start) == []

    rows = bot_process.query(
        "SELECT group_id, status, bot_id FROM broadcast_target WHERE broadcast_id = ? "
        "ORDER BY group_id",
        number,
    )
    assert rows == [
        (accounts.GROUP, "sent", str(accounts.SELF)),
        (THIRD, "sent", str(accounts.SELF)),
    ]
    records = bot_process.query(
        "SELECT action, group_id, status FROM measure_record "
        "WHERE action IN ('broadcast', 'notice') ORDER BY id"
    )
    assert records[0] == ("broadcast", None, "done")
    assert sorted(records[1:]) == [("notice", accounts.GROUP, "done"), ("notice", THIRD, "done")]
    assert bot_process.query("SELECT status FROM broadcast WHERE id = ?", number) == [("done",)]
