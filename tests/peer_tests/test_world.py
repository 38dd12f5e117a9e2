"""Several bot accounts in one QQ (tests/peer_world.py): each its own NapCat, one set of groups."""

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from tests import accounts
from tests.peer import PeerMember
from tests.peer_model import GROUP_CHAT, short_id
from tests.peer_rules import RECALL_TIMEOUT
from tests.peer_tests.conftest import TOKEN, Event, FakeBot, failed, kind, serving
from tests.peer_world import Account, World

GROUP, LONE_GROUP = accounts.GROUP, accounts.OTHER_GROUP
A, B = accounts.SELF, 99998  # the bot's two accounts


@dataclass
class Two:
    world: World
    a: Account
    b: Account
    bot_a: FakeBot  # the bot process account A dials
    bot_b: FakeBot  # another, for account B


@pytest.fixture
async def two() -> AsyncIterator[Two]:
    """GROUP has both accounts (A admin, B admin); LONE_GROUP only A."""
    async with serving() as bot_a, serving() as bot_b:
        world = World()
        a, b = world.account(bot_a.url, A, TOKEN), world.account(bot_b.url, B, TOKEN)
        world.add_group(
            GROUP,
            "XX社區工作群",
            PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
            PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
            PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
            bots={A: "admin", B: "admin"},
        )
        world.add_group(
            LONE_GROUP, "XX村工作群", PeerMember(accounts.MEMBER, "成員"), bots={A: "admin"}
        )
        for account, bot in ((a, bot_a), (b, bot_b)):
            account.timing.recall = account.timing.member_lookup = 0.2
            await account.connect()
            await bot.event(lambda e: kind(e) == "meta_event/lifecycle")
        yield Two(world, a, b, bot_a, bot_b)
        await a.close()
        await b.close()


def _said(text: str) -> Callable[[Event], bool]:
    return lambda e: kind(e) == "message/group" and e["message"][0]["data"].get("text") == text


async def test_a_message_reaches_both_accounts_under_their_own_ids_at_one_time(two: Two) -> None:
    ids = await two.world.group_message(GROUP, accounts.MEMBER, "大家好")
    at_a = await two.bot_a.event(_said("大家好"))
    at_b = await two.bot_b.event(_said("大家好"))
    assert set(ids) == {A, B}
    assert ids[A] != ids[B]
    assert (at_a["message_id"], at_a["self_id"]) == (ids[A], A)
    assert (at_b["message_id"], at_b["self_id"]) == (ids[B], B)
    assert at_a["time"] == at_b["time"]
    assert at_a["real_seq"] == at_b["real_seq"]
    assert at_a["message"] == at_b["message"]
    assert at_a["sender"] == at_b["sender"]
    for account in (two.a, two.b):  # each client's own msgId, hashed by its own MessageUnique
        copy = account.message(ids[account.self_id])
        assert copy.message_id == short_id(copy.msg_id, GROUP_CHAT, str(GROUP))
    assert two.a.message(ids[A]).msg_id != two.b.message(ids[B]).msg_id
    # one account's id means nothing to the other's NapCat
    assert failed(await two.bot_a.call("get_msg", message_id=ids[B])) == "消息不存在"
    assert (await two.bot_b.ok("get_msg", message_id=ids[B]))["message_id"] == ids[B]


async def test_a_recall_through_one_account_recalls_it_for_both(two: Two) -> None:
    kept = await two.world.group_message(GROUP, accounts.MEMBER, "留著")
    gone = await two.world.group_message(GROUP, accounts.MEMBER, "撤掉")
    assert two.world.recalls(gone) == 0
    assert await two.bot_a.ok("delete_msg", message_id=gone[A]) is None
    for bot, self_id in ((two.bot_a, A), (two.bot_b, B)):
        recall = await bot.event(lambda e: kind(e) == "notice/group_recall")
        assert (recall["message_id"], recall["user_id"], recall["operator_id"]) == (
            gone[self_id],
            accounts.MEMBER,
            A,
        )
    assert two.world.message(B, gone[B]).recalled
    assert failed(await two.bot_b.call("get_msg", message_id=gone[B])) == "消息不存在或已被撤回"
    history = await two.bot_b.ok("get_group_msg_history", group_id=GROUP, count=20)
    assert [m["message_id"] for m in history["messages"]] == [kept[B]]
    assert two.world.recalls(gone) == 1
    # B's bot recalls it again: QQ refuses what is gone; A's id through B names nothing
    assert failed(await two.bot_b.call("delete_msg", message_id=gone[B])) == RECALL_TIMEOUT
    assert failed(await two.bot_b.call("delete_msg", message_id=gone[A])) == "Recall failed"
    assert two.world.recalls(gone) == 2
    assert two.world.recalls(kept) == 0


async def test_a_kick_through_one_account_removes_the_member_for_both(two: Two) -> None:
    await two.bot_a.ok("set_group_kick", group_id=GROUP, user_id=accounts.MEMBER)
    assert accounts.MEMBER not in two.a.groups[GROUP].members
    assert two.a.groups[GROUP] is two.b.groups[GROUP]
    answer = await two.bot_b.call("get_group_member_info", group_id=GROUP, user_id=accounts.MEMBER)
    assert failed(answer) == f"群({GROUP})成员{accounts.MEMBER}不存在"
    for bot in (two.bot_a, two.bot_b):  # QQ's group-change message reaches every member
        left = await bot.event(lambda e: kind(e) == "notice/group_decrease")
        assert (left["sub_type"], left["user_id"], left["operator_id"]) == (
            "kick",
            accounts.MEMBER,
            A,
        )


async def test_the_account_kicked_is_told_kick_me(two: Two) -> None:
    members = two.world.groups[GROUP].members
    members[A].role, members[accounts.OWNER].role = "owner", "admin"
    await two.bot_a.ok("set_group_kick", group_id=GROUP, user_id=B)
    assert B not in members
    at_b = await two.bot_b.event(lambda e: kind(e) == "notice/group_decrease")
    assert (at_b["sub_type"], at_b["user_id"], at_b["self_id"]) == ("kick_me", B, B)
    at_a = await two.bot_a.event(lambda e: kind(e) == "notice/group_decrease")
    assert at_a["sub_type"] == "kick"
    assert await two.bot_b.ok("get_group_list") == []
    assert set(await two.world.group_message(GROUP, accounts.MEMBER, "走了")) == {A}


async def test_a_group_with_one_account_delivers_only_to_it(two: Two) -> None:
    ids = await two.world.group_message(LONE_GROUP, accounts.MEMBER, "只給A")
    assert set(ids) == {A}
    assert (await two.bot_a.event(_said("只給A")))["message_id"] == ids[A]
    await two.world.group_message(GROUP, accounts.MEMBER, "之後")  # B's connection keeps order
    await two.bot_b.event(_said("之後"))
    assert [e["group_id"] for e in two.bot_b.of("message/group")] == [GROUP]
    assert [g["group_id"] for g in await two.bot_b.ok("get_group_list")] == [GROUP]


async def test_a_disconnected_account_misses_the_push_and_has_it_in_history(two: Two) -> None:
    await two.b.close()
    ids = await two.world.group_message(GROUP, accounts.MEMBER, "B 不在")
    await two.bot_a.event(_said("B 不在"))
    assert [e["message_id"] for e in two.b.missed] == [ids[B]]
    await two.b.connect()
    history = await two.bot_b.ok("get_group_msg_history", group_id=GROUP, count=20)
    assert [m["message_id"] for m in history["messages"]] == [ids[B]]


async def test_what_one_account_sends_the_other_receives(two: Two) -> None:
    sent = await two.bot_a.ok("send_group_msg", group_id=GROUP, message="A 說")
    at_b = await two.bot_b.event(_said("A 說"))
    message = two.world.message(A, sent["message_id"])
    assert message.ids == {A: sent["message_id"], B: at_b["message_id"]}
    assert (at_b["user_id"], at_b["post_type"], at_b["sender"]["role"]) == (A, "message", "admin")
    got = await two.bot_a.ok("get_msg", message_id=sent["message_id"])
    assert (got["real_seq"], got["time"]) == (at_b["real_seq"], at_b["time"])
    assert not two.bot_a.of("message/group")  # NapCat does not report a bot its own message
    # QQ's rule between the accounts as between people: an admin cannot recall an admin's
    answer = await two.bot_b.call("delete_msg", message_id=at_b["message_id"])
    assert failed(answer) == RECALL_TIMEOUT
    members = two.world.groups[GROUP].members
    members[B].role, members[accounts.OWNER].role = "owner", "admin"
    assert await two.bot_b.ok("delete_msg", message_id=at_b["message_id"]) is None
    assert message.recalled
    recall = await two.bot_a.event(lambda e: kind(e) == "notice/group_recall")
    assert (recall["message_id"], recall["user_id"], recall["operator_id"]) == (
        sent["message_id"],
        A,
        B,
    )
    assert two.world.recalls(message) == 2


async def test_notices_reach_every_member_account(two: Two) -> None:
    await two.world.member_joins(GROUP, PeerMember(50003, "新人"), operator_id=accounts.ADMIN)
    await two.world.admin_change(GROUP, accounts.MEMBER, True)
    await two.world.member_leaves(LONE_GROUP, accounts.MEMBER)
    for bot in (two.bot_a, two.bot_b):
        joined = await bot.event(lambda e: kind(e) == "notice/group_increase")
        assert (joined["user_id"], joined["operator_id"]) == (50003, accounts.ADMIN)
        made = await bot.event(lambda e: kind(e) == "notice/group_admin")
        assert (made["sub_type"], made["user_id"]) == ("set", accounts.MEMBER)
    await two.bot_a.event(lambda e: kind(e) == "notice/group_decrease")
    assert not two.bot_b.of("notice/group_decrease")  # B is not in LONE_GROUP
    # a ban through B reaches A too
    await two.bot_b.ok("set_group_ban", group_id=GROUP, user_id=50003, duration=60)
    ban = await two.bot_a.event(lambda e: kind(e) == "notice/group_ban")
    assert (ban["user_id"], ban["operator_id"], ban["self_id"]) == (50003, B, A)


async def test_a_join_request_is_one_for_every_admin_account(two: Two) -> None:
    flag = await two.world.join_request(GROUP, 50004, "問題：社區\n答案：XX社區")
    for bot in (two.bot_a, two.bot_b):
        asked = await bot.event(lambda e: kind(e) == "request/group")
        assert (asked["flag"], asked["user_id"]) == (flag, 50004)
    await two.bot_a.ok("set_group_add_request", flag=flag, approve=True)
    await two.bot_b.ok("set_group_add_request", flag=flag, approve=False)  # handled already
    assert 50004 in two.world.groups[GROUP].members
    pending = await two.bot_b.ok("get_group_system_msg")
    assert [(r["checked"], r["actor"]) for r in pending["join_requests"]] == [(True, A)]
    for bot in (two.bot_a, two.bot_b):
        await bot.event(lambda e: kind(e) == "notice/group_increase")


async def test_the_world_logs_every_accounts_calls_in_order(two: Two) -> None:
    await two.bot_b.ok("get_login_info")
    await two.bot_a.ok("get_login_info")
    assert [(i, c.action) for i, c in two.world.calls()] == [
        (B, "get_login_info"),
        (A, "get_login_info"),
    ]
    assert [c.action for c in two.a.calls] == ["get_login_info"]
    self_id, call = await two.world.wait_for("get_login_info", lambda i, _: i == A)
    assert (self_id, call.action) == (A, "get_login_info")
    info = await two.bot_b.ok("get_login_info")
    assert info["user_id"] == B


async def test_a_recall_in_qq_is_told_to_every_account_under_its_own_id(two: Two) -> None:
    ids = await two.world.group_message(GROUP, accounts.MEMBER, "說錯了")
    await two.world.recall(ids, operator_id=accounts.MEMBER)
    for bot, self_id in ((two.bot_a, A), (two.bot_b, B)):
        recall = await bot.event(lambda e: kind(e) == "notice/group_recall")
        assert (recall["message_id"], recall["operator_id"]) == (ids[self_id], accounts.MEMBER)
    assert failed(await two.bot_a.call("get_msg", message_id=ids[A])) == "消息不存在或已被撤回"
    assert two.world.recalls(ids) == 0  # no bot recalled it


async def test_a_card_change_and_an_upload_reach_both_accounts(two: Two) -> None:
    await two.world.card_change(GROUP, accounts.MEMBER, "XX社區-張三丰")
    message_id = await two.a.group_upload(GROUP, accounts.MEMBER, "名單.xlsx")
    for bot in (two.bot_a, two.bot_b):
        card = await bot.event(lambda e: kind(e) == "notice/group_card")
        assert (card["card_old"], card["card_new"]) == ("XX社區-張三", "XX社區-張三丰")
        await bot.event(lambda e: kind(e) == "notice/group_upload")
        file = await bot.event(lambda e: kind(e) == "message/group")
        assert file["message"][0]["type"] == "file"
    ids = two.world.message(A, message_id).ids
    assert ids == {A: message_id, B: two.bot_b.of("message/group")[0]["message_id"]}
    assert two.world.groups[GROUP].files  # the group's file list, every account's
