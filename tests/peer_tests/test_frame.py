"""The peer's connection and answer frame: NapCat's headers, retcodes, wordings, no replay."""

import asyncio

from tests import accounts
from tests.peer import Peer, PeerMember, Refuse
from tests.peer_tests.conftest import TOKEN, FakeBot, failed, kind


async def test_it_dials_as_napcat_and_says_connect_first(bot: FakeBot, peer: Peer) -> None:
    assert bot.headers["x-self-id"] == str(accounts.SELF)
    assert bot.headers["authorization"] == f"Bearer {TOKEN}"
    assert bot.headers["x-client-role"] == "Universal"
    assert kind(bot.events[0]) == "meta_event/lifecycle"
    assert bot.events[0]["sub_type"] == "connect"
    assert bot.events[0]["self_id"] == accounts.SELF


async def test_a_failure_is_1200_with_napcat_wording_in_message_and_wording(
    bot: FakeBot, peer: Peer
) -> None:
    answer = await bot.call("get_group_member_info", group_id=accounts.GROUP, user_id=12345)
    assert failed(answer) == f"群({accounts.GROUP})成员12345不存在"
    assert answer["echo"] is not None
    assert answer["stream"] == "normal-action"


async def test_a_payload_failing_its_schema_is_1400(bot: FakeBot, peer: Peer) -> None:
    answer = await bot.call("set_group_ban", group_id=accounts.GROUP)
    assert failed(answer, 1400) == "Schema compilation error: Expected required property"
    answer = await bot.call("set_group_kick_members", group_id=accounts.GROUP, user_id="1")
    assert failed(answer, 1400) == "Schema compilation error: Expected array"


async def test_numbers_pass_where_napcat_wants_strings(bot: FakeBot, peer: Peer) -> None:
    """TypeBox's Convert step: group_id 700100 is read as "700100"."""
    info = await bot.ok("get_group_info", group_id=accounts.GROUP, no_cache=True)
    assert info["group_id"] == accounts.GROUP


async def test_an_action_napcat_does_not_have_is_1404(bot: FakeBot, peer: Peer) -> None:
    assert failed(await bot.call("get_weather"), 1404) == "不支持的Api get_weather"


async def test_a_napcat_action_the_peer_does_not_model_is_ok_and_noted(
    bot: FakeBot, peer: Peer
) -> None:
    assert await bot.ok("set_group_whole_ban", group_id=accounts.GROUP, enable=True) is None
    assert [c.action for c in peer.unmodelled] == ["set_group_whole_ban"]


async def test_a_tests_own_answer_refusal_and_hold_still_work(bot: FakeBot, peer: Peer) -> None:
    peer.answers["get_login_info"] = lambda _: {"user_id": 1, "nickname": "x"}
    assert await bot.ok("get_login_info") == {"user_id": 1, "nickname": "x"}
    peer.answers["set_group_ban"] = lambda _: Refuse(102, "权限不足")
    answer = await bot.call("set_group_ban", group_id=accounts.GROUP, user_id=accounts.MEMBER)
    assert failed(answer, 102) == "权限不足"
    peer.held.add("get_group_list")
    pending = asyncio.create_task(bot.call("get_group_list"))
    await peer.wait_for("get_group_list")
    await asyncio.sleep(0.3)
    assert not pending.done()
    pending.cancel()


async def test_actions_are_answered_each_on_its_own(bot: FakeBot, peer: Peer) -> None:
    """A slow answer (a recall QQ refuses: 1 s) does not hold up the next one."""
    admin_said = await peer.group_message(accounts.GROUP, accounts.ADMIN, "管理員的話")
    slow = asyncio.create_task(bot.call("delete_msg", message_id=admin_said))
    started = asyncio.get_running_loop().time()
    await bot.ok("get_login_info")
    assert asyncio.get_running_loop().time() - started < 0.5
    assert (await slow)["status"] == "failed"


async def test_nothing_is_replayed_after_a_reconnect_but_history_and_requests_keep_it(
    bot: FakeBot, peer: Peer
) -> None:
    await peer.close()
    assert not peer.connected
    said = await peer.group_message(accounts.GROUP, accounts.MEMBER, "沒有人聽見")
    flag = await peer.join_request(accounts.GROUP, 50077, "問題：姓名\n答案：錢八")
    assert len(peer.missed) == 2

    await peer.connect()
    await asyncio.sleep(0.3)
    assert bot.connections == 2
    assert [kind(e) for e in bot.events] == ["meta_event/lifecycle"] * 2

    history = await bot.ok("get_group_msg_history", group_id=accounts.GROUP, count=20)
    assert [m["message_id"] for m in history["messages"]] == [said]
    system = await bot.ok("get_group_system_msg", count=50)
    (request,) = system["join_requests"]
    assert system["invited_requests"] == []
    assert request == {
        "request_id": int(flag),
        "invitor_uin": 50077,
        "invitor_nick": "u50077",
        "group_id": accounts.GROUP,
        "message": "問題：姓名\n答案：錢八",
        "group_name": "XX社區工作群",
        "checked": False,
        "actor": 0,
        "requester_nick": "u50077",
    }
    assert await bot.ok("set_group_add_request", flag=request["request_id"], approve=True) is None
    assert 50077 in peer.groups[accounts.GROUP].members
    joined = await bot.event(lambda e: kind(e) == "notice/group_increase")
    assert (joined["user_id"], joined["operator_id"]) == (50077, accounts.SELF)
    system = await bot.ok("get_group_system_msg", count=50)
    assert system["join_requests"][0]["checked"] is True
    assert system["join_requests"][0]["actor"] == accounts.SELF


async def test_reconnect_is_a_new_connection_on_the_same_model(bot: FakeBot, peer: Peer) -> None:
    said = await peer.group_message(accounts.GROUP, accounts.MEMBER, "重連之前")
    await peer.reconnect()
    await bot.event(lambda e: kind(e) == "meta_event/lifecycle" and bot.connections == 2)
    assert (await bot.ok("get_msg", message_id=said))["message"][0]["data"]["text"] == "重連之前"


async def test_an_unknown_request_flag_is_refused(bot: FakeBot, peer: Peer) -> None:
    answer = await bot.call("set_group_add_request", flag="123", approve=False)
    assert failed(answer) == "No such request"


async def test_a_second_peer_on_the_same_groups_keeps_them(bot: FakeBot, peer: Peer) -> None:
    """What the e2e restarts do: a new Peer sharing `groups` (messages stay with the first)."""
    await peer.close()
    again = Peer(bot.url, accounts.SELF, TOKEN)
    again.groups = peer.groups
    await again.connect()
    try:
        members = await bot.ok("get_group_member_list", group_id=accounts.GROUP)
        assert {m["user_id"] for m in members} == {
            accounts.OWNER,
            accounts.ADMIN,
            accounts.MEMBER,
            accounts.SELF,
        }
    finally:
        await again.close()


async def test_the_bot_is_a_member_of_its_groups_with_its_role(bot: FakeBot, peer: Peer) -> None:
    me = await bot.ok("get_group_member_info", group_id=accounts.GROUP, user_id=accounts.SELF)
    assert me["role"] == "admin"
    peer.add_group(700900, "別的群", PeerMember(accounts.MEMBER, "成員"), bot_role="member")
    groups = await bot.ok("get_group_list")
    assert [g["group_id"] for g in groups] == [accounts.GROUP, 700900]
    assert await bot.ok("get_login_info") == {"user_id": accounts.SELF, "nickname": "qungui"}
