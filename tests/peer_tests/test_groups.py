"""The peer answers group actions as NapCat does, and changes its model only where QQ would."""

import time

import pytest

from tests import accounts
from tests.peer import Peer, PeerMember
from tests.peer_tests.conftest import FakeBot, failed, kind

GROUP = accounts.GROUP


def _members(peer: Peer) -> dict[int, PeerMember]:
    return peer.groups[GROUP].members


@pytest.mark.parametrize(
    ("target", "bot_role", "wording"),
    [
        (accounts.OWNER, "admin", "cannot ban owner"),
        (accounts.ADMIN, "admin", "cannot ban admin"),
        (54321, "admin", "user not in group"),
        (accounts.MEMBER, "member", "ERR_NOT_GROUP_ADMIN"),
    ],
)
async def test_set_group_ban_refuses_as_napcat_does(
    bot: FakeBot, peer: Peer, target: int, bot_role: str, wording: str
) -> None:
    _members(peer)[accounts.SELF].role = bot_role
    answer = await bot.call("set_group_ban", group_id=GROUP, user_id=target, duration=600)
    assert failed(answer) == wording
    assert all(m.shut_up_timestamp == 0 for m in _members(peer).values())


async def test_a_mute_is_kept_and_reported_and_the_owner_bot_mutes_admins(
    bot: FakeBot, peer: Peer
) -> None:
    await bot.ok("set_group_ban", group_id=GROUP, user_id=accounts.MEMBER, duration=600)
    assert _members(peer)[accounts.MEMBER].shut_up_timestamp >= time.time() + 590
    ban = await bot.event(lambda e: kind(e) == "notice/group_ban")
    assert (ban["sub_type"], ban["user_id"], ban["duration"]) == ("ban", accounts.MEMBER, 600)
    _members(peer)[accounts.SELF].role = "owner"
    _members(peer)[accounts.OWNER].role = "admin"
    await bot.ok("set_group_ban", group_id=GROUP, user_id=accounts.ADMIN, duration=60)
    await bot.ok("set_group_ban", group_id=GROUP, user_id=accounts.ADMIN, duration=0)
    assert _members(peer)[accounts.ADMIN].shut_up_timestamp == 0


async def test_a_kick_is_ok_whatever_happened_and_only_removes_from_above(
    bot: FakeBot, peer: Peer
) -> None:
    for target in (accounts.ADMIN, accounts.OWNER, 54321):
        assert await bot.ok("set_group_kick", group_id=GROUP, user_id=target) is None
    assert {accounts.ADMIN, accounts.OWNER} <= set(_members(peer))
    await bot.ok("set_group_kick", group_id=GROUP, user_id=accounts.MEMBER, reject_add_request=True)
    assert accounts.MEMBER not in _members(peer)
    assert accounts.MEMBER in peer.groups[GROUP].refused_forever
    left = await bot.event(lambda e: kind(e) == "notice/group_decrease")
    assert (left["sub_type"], left["user_id"], left["operator_id"]) == (
        "kick",
        accounts.MEMBER,
        accounts.SELF,
    )


async def test_a_plain_member_bot_kicks_no_one(bot: FakeBot, peer: Peer) -> None:
    _members(peer)[accounts.SELF].role = "member"
    assert await bot.ok("set_group_kick", group_id=GROUP, user_id=accounts.MEMBER) is None
    assert accounts.MEMBER in _members(peer)


async def test_kick_members_removes_those_below_and_says_ok(bot: FakeBot, peer: Peer) -> None:
    _members(peer)[50060] = PeerMember(50060, "社工")
    users = [accounts.MEMBER, accounts.ADMIN, 50060]
    assert await bot.ok("set_group_kick_members", group_id=GROUP, user_id=users) is None
    assert accounts.ADMIN in _members(peer)
    assert not {accounts.MEMBER, 50060} & set(_members(peer))


async def test_only_the_owner_bot_changes_admins_and_ok_either_way(
    bot: FakeBot, peer: Peer
) -> None:
    assert (
        await bot.ok("set_group_admin", group_id=GROUP, user_id=accounts.MEMBER, enable=True)
        is None
    )
    assert _members(peer)[accounts.MEMBER].role == "member"
    _members(peer)[accounts.SELF].role = "owner"
    _members(peer)[accounts.OWNER].role = "admin"
    await bot.ok("set_group_admin", group_id=GROUP, user_id=accounts.MEMBER, enable=True)
    await bot.ok("set_group_admin", group_id=GROUP, user_id=accounts.ADMIN, enable=False)
    assert (_members(peer)[accounts.MEMBER].role, _members(peer)[accounts.ADMIN].role) == (
        "admin",
        "member",
    )
    notices = [(e["user_id"], e["sub_type"]) for e in bot.of("notice/group_admin")]
    assert notices == [(accounts.MEMBER, "set"), (accounts.ADMIN, "unset")]


async def test_set_group_card_waits_for_qq_and_fails_when_qq_refused(
    bot: FakeBot, peer: Peer
) -> None:
    started = time.monotonic()
    await bot.ok("set_group_card", group_id=GROUP, user_id=accounts.MEMBER, card="XX社區-張三豐")
    assert time.monotonic() - started >= 0.2  # SetGroupCard.ts sleeps before it checks
    assert _members(peer)[accounts.MEMBER].card == "XX社區-張三豐"
    started = time.monotonic()
    answer = await bot.call("set_group_card", group_id=GROUP, user_id=accounts.OWNER, card="x")
    assert failed(answer) == "设置群名片未生效"
    assert time.monotonic() - started >= 0.6  # three checks
    assert _members(peer)[accounts.OWNER].card == "XX社區-王五"
    answer = await bot.call("set_group_card", group_id=GROUP, user_id=54321, card="x")
    assert failed(answer) == f"群({GROUP})成员54321不存在"


async def test_member_info_and_list_in_napcat_shape(bot: FakeBot, peer: Peer) -> None:
    info = await bot.ok("get_group_member_info", group_id=GROUP, user_id=accounts.ADMIN)
    assert {k: info[k] for k in ("group_id", "user_id", "nickname", "card", "role")} == {
        "group_id": GROUP,
        "user_id": accounts.ADMIN,
        "nickname": "管理",
        "card": "XX社區-李四",
        "role": "admin",
    }
    assert {"join_time", "last_sent_time", "is_robot", "shut_up_timestamp", "level"} <= set(info)
    group = await bot.ok("get_group_info", group_id=GROUP)
    assert group == {
        "group_all_shut": 0,
        "group_remark": "",
        "group_id": GROUP,
        "group_name": "XX社區工作群",
        "member_count": 4,  # the bot is a member too
        "max_member_count": 500,
    }
    started = time.monotonic()
    answer = await bot.call("get_group_member_info", group_id=GROUP, user_id=54321)
    assert failed(answer) == f"群({GROUP})成员54321不存在"
    assert time.monotonic() - started >= 0.2  # getGroupMemberEx asked QQ and waited
    answer = await bot.call("get_group_member_list", group_id=700999)
    assert failed(answer) == "Failed to get group member list for group 700999"


async def test_a_card_change_is_told_only_when_the_member_next_speaks(
    bot: FakeBot, peer: Peer
) -> None:
    await peer.card_change(GROUP, accounts.MEMBER, "XX社區-張三")  # no change: nothing pending
    await peer.card_change(GROUP, accounts.MEMBER, "路人甲")
    await peer.card_change(GROUP, accounts.MEMBER, "路人乙")
    info = await bot.ok("get_group_member_info", group_id=GROUP, user_id=accounts.MEMBER)
    assert info["card"] == "路人乙"  # QQ has it at once
    cached = await bot.ok("get_group_member_list", group_id=GROUP)
    assert {m["user_id"]: m["card"] for m in cached}[accounts.MEMBER] == "XX社區-張三"
    assert bot.of("notice/group_card") == []

    said = await peer.group_message(GROUP, accounts.MEMBER, "大家好")
    message = await bot.event(lambda e: e.get("message_id") == said)
    card = bot.of("notice/group_card")
    assert [(c["user_id"], c["card_new"], c["card_old"]) for c in card] == [
        (accounts.MEMBER, "路人乙", "XX社區-張三")
    ]
    assert bot.events.index(card[0]) < bot.events.index(message)
    assert message["sender"]["card"] == "路人乙"
    await peer.group_message(GROUP, accounts.MEMBER, "再說一句")
    assert len(bot.of("notice/group_card")) == 1


async def test_a_fresh_member_list_means_no_card_notice(bot: FakeBot, peer: Peer) -> None:
    await peer.card_change(GROUP, accounts.ADMIN, "新名片")
    fresh = await bot.ok("get_group_member_list", group_id=GROUP, no_cache=True)
    assert {m["user_id"]: m["card"] for m in fresh}[accounts.ADMIN] == "新名片"
    said = await peer.group_message(GROUP, accounts.ADMIN, "好")
    await bot.event(lambda e: e.get("message_id") == said)
    assert bot.of("notice/group_card") == []


async def test_friend_requests_and_the_friend_list(bot: FakeBot, peer: Peer) -> None:
    flag = await peer.friend_request(60001, "我是街道的")
    request = await bot.event(lambda e: kind(e) == "request/friend")
    assert (request["user_id"], request["comment"], request["flag"]) == (60001, "我是街道的", flag)
    assert await bot.ok("get_friend_list") == []
    await bot.ok("set_friend_add_request", flag=flag, approve=True)
    assert [f["user_id"] for f in await bot.ok("get_friend_list")] == [60001]
    assert failed(await bot.call("set_friend_add_request", flag="1")) == "No such request"


async def test_a_group_upload_carries_ids_delete_group_file_refuses(
    bot: FakeBot, peer: Peer
) -> None:
    said = await peer.group_upload(GROUP, accounts.MEMBER, "名單.xlsx", "/f-0001", size=4096)
    notice = await bot.event(lambda e: kind(e) == "notice/group_upload")
    message = await bot.event(lambda e: e.get("message_id") == said)
    segment = message["message"][0]
    assert segment["type"] == "file"
    assert segment["data"]["file"] == "名單.xlsx"
    assert segment["data"]["file_size"] == "4096"
    assert notice["file"]["name"] == "名單.xlsx"
    assert notice["file"]["busid"] == 102
    ids = {notice["file"]["id"], segment["data"]["file_id"], "/f-0001"}
    assert len(ids) == 3  # three different ids

    for wrong in (notice["file"]["id"], segment["data"]["file_id"], "/f-0001"):
        answer = await bot.call("delete_group_file", group_id=GROUP, file_id=wrong)
        assert failed(answer) == "Invalid file_id"  # /f-0001 too: no list has given it yet

    listed = await bot.ok("get_group_root_files", group_id=GROUP)
    assert listed["folders"] == []
    (file,) = listed["files"]
    assert {k: file[k] for k in ("file_id", "file_name", "busid", "file_size", "uploader")} == {
        "file_id": "/f-0001",
        "file_name": "名單.xlsx",
        "busid": 102,
        "file_size": 4096,
        "uploader": accounts.MEMBER,
    }
    assert {"upload_time", "uploader_name", "size", "group_id", "dead_time"} <= set(file)
    await bot.ok("delete_group_file", group_id=GROUP, file_id="/f-0001")
    assert (await bot.ok("get_group_root_files", group_id=GROUP))["files"] == []


async def test_a_plain_member_bot_deletes_no_one_elses_file_but_hears_ok(
    bot: FakeBot, peer: Peer
) -> None:
    await peer.group_upload(GROUP, accounts.MEMBER, "a.doc", "id-a")
    await bot.ok("get_group_root_files", group_id=GROUP)
    _members(peer)[accounts.SELF].role = "member"
    await bot.ok("delete_group_file", group_id=GROUP, file_id="id-a")
    assert "id-a" in peer.groups[GROUP].files
