"""The peer carries messages as NapCat does: recalls QQ refuses, private sends QQ never delivers,
forwards nested inline, get_msg in the shape the OneBot adapter validates, history."""

import time
from pathlib import Path

import pytest
from nonebot.adapters.onebot.v11.event import Reply
from nonebot.compat import type_validate_python

from tests import accounts
from tests.peer import Peer, PeerMember, bundled, reply, text
from tests.peer_rules import RECALL_TIMEOUT, SEND_TIMEOUT
from tests.peer_tests.conftest import FakeBot, failed, kind

GROUP = accounts.GROUP


async def test_the_recall_timeout_wording_is_napcats() -> None:
    assert RECALL_TIMEOUT == (
        "Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/recallMsg "
        "ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n"
        '{\n    "result": 0,\n    "errMsg": ""\n}\n'
    )
    assert SEND_TIMEOUT.startswith(
        "Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg"
    )


async def test_recalling_an_id_napcat_never_gave_fails(bot: FakeBot, peer: Peer) -> None:
    assert failed(await bot.call("delete_msg", message_id=424242)) == "Recall failed"


async def test_a_recalled_message_is_gone_from_history_and_get_msg(
    bot: FakeBot, peer: Peer
) -> None:
    kept = await peer.group_message(GROUP, accounts.MEMBER, "留著")
    gone = await peer.group_message(GROUP, accounts.MEMBER, "撤掉")
    assert await bot.ok("delete_msg", message_id=gone) is None
    recall = await bot.event(lambda e: kind(e) == "notice/group_recall")
    assert (recall["message_id"], recall["user_id"], recall["operator_id"]) == (
        gone,
        accounts.MEMBER,
        accounts.SELF,
    )
    history = await bot.ok("get_group_msg_history", group_id=GROUP, count=20)
    assert [m["message_id"] for m in history["messages"]] == [kept]
    assert failed(await bot.call("get_msg", message_id=gone)) == "消息不存在或已被撤回"


@pytest.mark.parametrize(
    ("bot_role", "sender", "recalled"),
    [
        ("admin", accounts.MEMBER, True),
        ("admin", accounts.ADMIN, False),
        ("admin", accounts.OWNER, False),
        ("owner", accounts.ADMIN, True),
        ("member", accounts.MEMBER, False),
    ],
)
async def test_qq_lets_the_bot_recall_only_from_above(
    bot: FakeBot, peer: Peer, bot_role: str, sender: int, recalled: bool
) -> None:
    members = peer.groups[GROUP].members
    if bot_role == "owner":
        members[accounts.OWNER].role = "admin"
    members[accounts.SELF].role = bot_role
    said = await peer.group_message(GROUP, sender, "一句話")
    started = time.monotonic()
    answer = await bot.call("delete_msg", message_id=said)
    if recalled:
        assert answer["status"] == "ok"
    else:
        assert time.monotonic() - started >= 0.9  # recallMsg waited its second
        assert failed(answer) == RECALL_TIMEOUT
        assert not peer.message(said).recalled


async def test_get_msg_answers_in_napcats_shape_and_the_adapter_reads_it(
    bot: FakeBot, peer: Peer
) -> None:
    quoted = await peer.group_message(GROUP, accounts.ADMIN, "通知：明天開會")
    said = await peer.group_message(GROUP, accounts.MEMBER, [reply(quoted), *text("收到")])
    event = await bot.event(lambda e: e.get("message_id") == said)
    assert event["message"][0] == {"type": "reply", "data": {"id": str(quoted)}}

    got = await bot.ok("get_msg", message_id=quoted)
    assert got["message_id"] == got["real_id"] == got["message_seq"] == quoted
    assert (got["message_type"], got["group_id"], got["user_id"]) == (
        "group",
        GROUP,
        accounts.ADMIN,
    )
    assert got["sender"] == {
        "user_id": accounts.ADMIN,
        "nickname": "管理",
        "card": "XX社區-李四",
        "role": "admin",
    }
    assert got["message"] == text("通知：明天開會")
    assert got["post_type"] == "message"
    assert isinstance(got["time"], int)
    # nonebot/adapters/onebot/v11/bot.py _check_reply validates exactly this
    assert type_validate_python(Reply, got).message_id == quoted
    assert failed(await bot.call("get_msg", message_id=1)) == "消息不存在"


async def test_a_forward_carries_only_its_id_and_nests_inline(bot: FakeBot, peer: Peer) -> None:
    inner = peer.add_forward("fw-inner", bundled(accounts.OWNER, "絕密★長期 部署方案"))
    outer = peer.add_forward(
        "fw-outer", bundled(accounts.MEMBER, "轉給大家看看"), bundled(accounts.MEMBER, [inner])
    )
    said = await peer.group_message(GROUP, accounts.MEMBER, [outer])
    event = await bot.event(lambda e: e.get("message_id") == said)
    (segment,) = event["message"]
    assert segment == {"type": "forward", "data": {"id": peer.message(said).msg_id}}

    got = await bot.ok("get_forward_msg", id=segment["data"]["id"])
    first, second = got["messages"]
    assert first["message"] == text("轉給大家看看")
    assert {"message_id", "real_id", "sender", "time", "message_type", "group_id"} <= set(first)
    (nested,) = second["message"]
    assert nested["type"] == "forward"
    assert nested["data"]["content"][0]["message"] == text("絕密★長期 部署方案")
    assert await bot.ok("get_forward_msg", message_id=said) == got  # the short id works too

    answer = await bot.call("get_forward_msg", id=nested["data"]["id"])
    assert failed(answer) == "消息已过期或者为内层消息，无法获取转发消息"
    answer = await bot.call("get_forward_msg", id="fw-outer")
    assert failed(answer) == "protocolFallbackLogic: 找不到相关的聊天记录"
    history = await bot.ok("get_group_msg_history", group_id=GROUP, count=1)
    assert "content" in history["messages"][0]["message"][0]["data"]  # parse_mult_msg


async def test_a_private_message_reaches_a_friend_directly(bot: FakeBot, peer: Peer) -> None:
    peer.add_friend(accounts.LEADER)
    sent = await bot.ok("send_private_msg", user_id=accounts.LEADER, message=text("你好"))
    assert isinstance(sent["message_id"], int)
    assert peer.delivered_to(accounts.LEADER) == ["你好"]


async def test_a_stranger_is_reached_only_through_a_shared_group(bot: FakeBot, peer: Peer) -> None:
    peer.timing.send = 0.3
    peer.add_group(700900, "別的群", PeerMember(accounts.LEADER, "領導"))
    for group_id in (None, GROUP):  # no group; a group they do not share
        started = time.monotonic()
        answer = await bot.call(
            "send_private_msg", user_id=accounts.LEADER, group_id=group_id, message=text("一")
        )
        assert failed(answer) == SEND_TIMEOUT
        assert time.monotonic() - started >= 0.3
    assert peer.delivered_to(accounts.LEADER) == []
    assert peer.sent_texts() == ["一", "一"]  # attempted, not delivered
    await bot.ok("send_private_msg", user_id=accounts.LEADER, group_id=700900, message=text("二"))
    # the temporary session now exists: no group_id needed
    await bot.ok("send_private_msg", user_id=accounts.LEADER, message=text("三"))
    assert peer.delivered_to(accounts.LEADER) == ["二", "三"]


async def test_a_private_send_names_its_target_in_napcats_words(bot: FakeBot, peer: Peer) -> None:
    answer = await bot.call("send_private_msg", group_id=GROUP, message=text("x"))
    assert failed(answer) == "当前私聊发送,请指定 user_id 而不是 group_id"
    answer = await bot.call("send_group_msg", message=text("x"))
    assert failed(answer) == "请指定正确的 group_id 或 user_id"
    answer = await bot.call("send_group_msg", group_id=GROUP, message=[{"type": "bogus"}])
    assert failed(answer) == "未知的消息类型：bogus"


async def test_a_file_path_napcat_cannot_read_fails_the_send(
    bot: FakeBot, peer: Peer, tmp_path: Path
) -> None:
    local = tmp_path / "report.txt"
    local.write_text("報告", "utf-8")
    peer.add_friend(accounts.LEADER)
    image = [{"type": "image", "data": {"file": local.as_uri()}}]
    answer = await bot.call("send_private_msg", user_id=accounts.LEADER, message=image)
    assert failed(answer) == f"ENOENT: no such file or directory, open '{local}'"
    answer = await bot.call(
        "upload_private_file", user_id=accounts.LEADER, file=str(local), name="report.txt"
    )
    assert failed(answer) == f"识别URL失败, uri= {local}"
    answer = await bot.call(
        "send_group_msg", group_id=GROUP, message=[{"type": "file", "data": {"file": str(local)}}]
    )
    assert failed(answer) == f"文件处理失败: 识别URL失败, uri= {local}"
    sent = await bot.ok(
        "upload_private_file", user_id=accounts.LEADER, file="base64://5aCx5ZGK", name="r.txt"
    )
    assert sent["file_id"]
    assert peer.delivered_to(accounts.LEADER) == [""]
    image = [{"type": "image", "data": {"file": "base64://iVBORw0KGgo="}}]
    await bot.ok("send_group_msg", group_id=GROUP, message=image)


async def test_upload_private_file_builds_no_temporary_session(bot: FakeBot, peer: Peer) -> None:
    peer.timing.send = 0.2
    await bot.ok("send_private_msg", user_id=accounts.MEMBER, group_id=GROUP, message=text("a"))
    answer = await bot.call(
        "upload_private_file", user_id=accounts.MEMBER, file="base64://YQ==", name="a.txt"
    )
    assert failed(answer) == SEND_TIMEOUT
    assert peer.delivered_to(accounts.MEMBER) == ["a"]


async def test_history_counts_back_from_message_seq_or_forward_when_reversed(
    bot: FakeBot, peer: Peer
) -> None:
    ids = [await peer.group_message(GROUP, accounts.MEMBER, f"第{n}句") for n in range(5)]
    mine = await bot.ok("send_group_msg", group_id=GROUP, message=text("機器人說"))
    latest = await bot.ok("get_group_msg_history", group_id=GROUP, count=2)
    assert [m["message_id"] for m in latest["messages"]] == [ids[4], mine["message_id"]]
    assert latest["messages"][1]["post_type"] == "message_sent"
    assert latest["messages"][1]["sender"]["user_id"] == accounts.SELF
    back = await bot.ok("get_group_msg_history", group_id=GROUP, message_seq=ids[2], count=2)
    assert [m["message_id"] for m in back["messages"]] == ids[1:3]
    forth = await bot.ok(
        "get_group_msg_history", group_id=GROUP, message_seq=ids[2], count=2, reverseOrder=True
    )
    assert [m["message_id"] for m in forth["messages"]] == ids[2:4]
    answer = await bot.call("get_group_msg_history", group_id=700999, count=20)
    assert failed(answer) == "消息undefined不存在"


async def test_a_message_time_may_come_in_milliseconds(bot: FakeBot, peer: Peer) -> None:
    said = await peer.group_message(GROUP, accounts.MEMBER, "毫秒", ms_time=True)
    event = await bot.event(lambda e: e.get("message_id") == said)
    assert event["time"] > 10**12
    plain = await peer.group_message(GROUP, accounts.MEMBER, "秒")
    event = await bot.event(lambda e: e.get("message_id") == plain)
    assert event["time"] < 10**11


async def test_a_string_message_is_read_as_cq_code(bot: FakeBot, peer: Peer) -> None:
    """SendMsg.ts normalize: why the bot must send segments, never strings of user text."""
    await bot.ok("send_group_msg", group_id=GROUP, message="注意[CQ:at,qq=all]")
    (sent,) = [m for m in peer.history(GROUP) if m.user_id == accounts.SELF]
    assert sent.segments == [*text("注意"), {"type": "at", "data": {"qq": "all"}}]
    await bot.ok("send_group_msg", group_id=GROUP, message="[CQ:at,qq=all]", auto_escape=True)
    assert peer.history(GROUP)[-1].segments == text("[CQ:at,qq=all]")


async def test_temporary_messages_and_friend_recall_rules(bot: FakeBot, peer: Peer) -> None:
    said = await peer.private_message(accounts.MEMBER, "私聊一句", via_group=GROUP)
    event = await bot.event(lambda e: e.get("message_id") == said)
    assert (event["sub_type"], event["group_id"], event["temp_source"]) == ("group", GROUP, 0)
    assert event["target_id"] == accounts.MEMBER
    sent = await bot.ok("send_private_msg", user_id=accounts.MEMBER, message=text("回覆"))
    assert peer.delivered_to(accounts.MEMBER) == ["回覆"]
    peer.timing.recall = 0.1
    assert failed(await bot.call("delete_msg", message_id=said)) == RECALL_TIMEOUT
    assert await bot.ok("delete_msg", message_id=sent["message_id"]) is None
