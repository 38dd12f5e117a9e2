"""The registry through a real socket: NapCat-shaped events in, OneBot actions out."""

import json

import pytest
import websockets

from tests import accounts
from tests.e2e.process import BotProcess, new_peer
from tests.peer import Peer

pytestmark = pytest.mark.e2e


def _to_group(group_id: int):  # type: ignore[no-untyped-def]
    return lambda call: int(call.params["group_id"]) == group_id


async def test_rules_then_filing_over_the_socket(peer: Peer, bot_process: BotProcess) -> None:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.MEMBER, "/群規")
    call = await peer.wait_for("send_group_msg", _to_group(accounts.GROUP), after=start)
    rules = call.params["message"]
    assert rules[0]["type"] == "text"
    assert "【群規】" in rules[0]["data"]["text"]
    assert "本群尚未備案" in rules[0]["data"]["text"]

    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區 社區日常工作")
    call = await peer.wait_for("send_group_msg", _to_group(accounts.GROUP), after=start)
    assert "已備案" in call.params["message"][0]["data"]["text"]
    told = await peer.wait_for(
        "send_private_msg", lambda c: int(c.params["user_id"]) == accounts.DEPARTMENT, after=start
    )
    assert str(accounts.GROUP) in told.params["message"][0]["data"]["text"]
    actions = [c.action for c in peer.calls[start:]]
    assert actions[0] == "get_group_info"

    rows = bot_process.query(
        'SELECT g.group_id, g.name, g.type, g.status, g.purpose, u.name FROM "group" g '
        "JOIN unit u ON u.id = g.unit_id"
    )
    assert rows == [(accounts.GROUP, "XX社區工作群", "內部", "已備案", "社區日常工作", "XX社區")]
    admins = bot_process.query("SELECT user_id, until FROM registered_admin")
    assert admins == [(accounts.OWNER, None)]


async def test_user_text_is_never_parsed_as_markup(peer: Peer) -> None:
    """A unit name written as CQ code comes back as plain text, not as an @all."""
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 [CQ:at,qq=all]")
    call = await peer.wait_for("send_group_msg", after=start)
    segments = call.params["message"]
    assert [s["type"] for s in segments] == ["text"]
    assert "[CQ:at,qq=all]" in segments[0]["data"]["text"]


async def test_malformed_events_change_nothing_and_the_bot_carries_on(
    peer: Peer, bot_process: BotProcess
) -> None:
    # An event missing its required fields, and one with a wrong type: logged and dropped.
    await peer.send_raw(json.dumps({"post_type": "message", "message_type": "group"}))
    await peer.send_raw(
        json.dumps(
            {"post_type": "message", "message_type": "group", "group_id": "abc", "self_id": 1}
        )
    )
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.MEMBER, "/群規")
    await peer.wait_for("send_group_msg", after=start)
    assert bot_process.query('SELECT count(*) FROM "group"') == [(0,)]
    assert bot_process.proc is not None
    assert bot_process.proc.poll() is None


async def test_a_frame_that_is_not_json_drops_the_connection_and_a_reconnect_works(
    peer: Peer, bot_process: BotProcess
) -> None:
    await peer.send_raw("this is not json")
    await peer.close()
    again = new_peer(bot_process.url, peer.token)
    again.groups = peer.groups
    await again.connect()
    try:
        await again.group_message(accounts.GROUP, accounts.MEMBER, "/rules")
        await again.wait_for("send_group_msg")
    finally:
        await again.close()
    assert bot_process.proc is not None
    assert bot_process.proc.poll() is None


async def test_a_wrong_token_is_refused(bot_process: BotProcess) -> None:
    headers = {
        "X-Self-ID": str(accounts.SELF),
        "X-Client-Role": "Universal",
        "Authorization": "Bearer wrong",
    }
    with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
        async with websockets.connect(bot_process.url, additional_headers=headers):
            pass
    assert refused.value.response.status_code in (401, 403)


async def test_an_orderly_stop_writes_the_messages_counted_so_far(
    peer: Peer, bot_process: BotProcess
) -> None:
    """Counts are kept in memory for a minute; shutdown writes them before the database closes."""
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區")
    await peer.wait_for("send_group_msg", after=start)
    for n in range(3):
        await peer.group_message(accounts.GROUP, accounts.MEMBER, f"大家好 {n}")
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.MEMBER, "/群規")
    await peer.wait_for("send_group_msg", after=start)
    bot_process.stop()
    assert bot_process.query("SELECT sum(messages) FROM activity_day") == [(5,)]
