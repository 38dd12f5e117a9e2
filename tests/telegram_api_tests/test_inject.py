"""What people do, as updates the real API shapes and the real adapter parses; privacy mode."""

import pytest
from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.event import (
    ChatJoinRequestEvent,
    ChatMemberUpdatedEvent,
    Event,
    GroupEditedMessageEvent,
    GroupMessageEvent,
    LeftChatMemberEvent,
    NewChatMemberEvent,
    PrivateMessageEvent,
)
from nonebot.adapters.telegram.model import Update

from tests import accounts
from tests.telegram_api import TelegramApi
from tests.telegram_world import GROUP


async def _events(bot: Bot) -> list[Event]:
    updates: list[Update] = []
    while batch := await bot.get_updates(offset=updates[-1].update_id + 1 if updates else None):
        updates += batch
    return [Event.parse_event(u.model_dump(by_alias=True, exclude_none=True)) for u in updates]


async def test_a_latin_command_is_a_bot_command_and_a_chinese_one_is_text(
    api: TelegramApi, bot: Bot
) -> None:
    latin = api.group_message(GROUP, accounts.MEMBER, f"/rules@{api.bot.username} 第三條")
    chinese = api.group_message(GROUP, accounts.MEMBER, "/群規")
    assert latin["entities"] == [{"type": "bot_command", "offset": 0, "length": 22}]
    assert "entities" not in chinese
    first, second = await _events(bot)
    assert isinstance(first, GroupMessageEvent)
    assert first.message[0].type == "bot_command"
    assert isinstance(second, GroupMessageEvent)
    assert second.get_plaintext() == "/群規"


async def test_each_message_takes_its_chats_next_id(api: TelegramApi) -> None:
    ids = [api.group_message(GROUP, accounts.MEMBER, t)["message_id"] for t in "ab"]
    private = api.private_message(accounts.MEMBER, "c")["message_id"]
    assert (ids, private) == ([1, 2], 1)
    assert set(api.messages(GROUP)) == {1, 2}


async def test_a_document_carries_name_type_and_ids_and_a_photo_its_sizes(api: TelegramApi) -> None:
    document = api.document_message(
        GROUP, accounts.MEMBER, "見附件", file_name="名單.xlsx", mime_type="application/x"
    )
    assert set(document["document"]) == {
        "file_id",
        "file_unique_id",
        "file_name",
        "mime_type",
        "file_size",
    }
    assert (document["document"]["file_name"], document["caption"]) == ("名單.xlsx", "見附件")
    photo = api.photo_message(GROUP, accounts.MEMBER, "身份證照片")
    small, large = photo["photo"]
    assert small["width"] < large["width"]
    assert "text" not in photo


async def test_a_reply_quotes_without_its_own_reply_and_a_forward_has_its_origin(
    api: TelegramApi, bot: Bot
) -> None:
    first = api.group_message(GROUP, accounts.ADMIN, "通知")
    second = api.group_message(GROUP, accounts.OWNER, "收到", reply_to=first["message_id"])
    third = api.group_message(GROUP, accounts.MEMBER, "我也收到", reply_to=second["message_id"])
    assert third["reply_to_message"]["message_id"] == second["message_id"]
    assert "reply_to_message" not in third["reply_to_message"]
    forwarded = api.group_message(
        GROUP, accounts.MEMBER, "轉一下", forward_origin=api.origin_hidden("匿名")
    )
    assert forwarded["forward_origin"]["type"] == "hidden_user"
    *_, event = await _events(bot)
    assert isinstance(event, GroupMessageEvent)
    assert getattr(event, "forward_origin")["sender_user_name"] == "匿名"  # noqa: B009
    with pytest.raises(AssertionError, match="no message 99"):
        api.group_message(GROUP, accounts.MEMBER, "x", reply_to=99)


async def test_a_text_mention_names_a_user_without_a_username(api: TelegramApi, bot: Bot) -> None:
    text = "請張三更改名片"
    body = api.group_message(
        GROUP, accounts.ADMIN, text, entities=[api.text_mention(text, "張三", accounts.MEMBER)]
    )
    (entity,) = body["entities"]
    assert (entity["type"], entity["offset"], entity["length"]) == ("text_mention", 1, 2)
    assert entity["user"]["id"] == accounts.MEMBER
    (event,) = await _events(bot)
    assert isinstance(event, GroupMessageEvent)
    mention = next(s for s in event.message if s.type == "text_mention")
    assert mention.data["user"].id == accounts.MEMBER


async def test_only_members_who_may_write_can_write(api: TelegramApi) -> None:
    with pytest.raises(AssertionError, match="not in"):
        api.group_message(GROUP, accounts.STRANGER, "我不在群裡")
    api.put(GROUP, accounts.MEMBER, "restricted", can_send_messages=False)
    with pytest.raises(AssertionError, match="restricted"):
        api.group_message(GROUP, accounts.MEMBER, "我被禁言了")


async def test_join_requests_members_and_private_messages_parse_as_the_adapters_events(
    api: TelegramApi, bot: Bot
) -> None:
    await bot.get_updates(
        offset=-1, allowed_updates=["message", "chat_member", "chat_join_request"]
    )
    api.join_request(GROUP, accounts.STRANGER)
    api.joins(GROUP, accounts.LEADER)
    api.leaves(GROUP, accounts.LEADER)
    api.private_message(accounts.MEMBER, "/start")
    kinds = [type(e) for e in await _events(bot)]
    assert kinds == [
        ChatJoinRequestEvent,
        ChatMemberUpdatedEvent,
        NewChatMemberEvent,
        ChatMemberUpdatedEvent,
        LeftChatMemberEvent,
        PrivateMessageEvent,
    ]
    assert api.world.users[accounts.MEMBER].started


async def test_privacy_mode_hides_plain_group_messages_from_a_bot_that_is_no_admin(
    api: TelegramApi, bot: Bot
) -> None:
    api.put(GROUP, api.bot.id, "member")
    api.group_message(GROUP, accounts.MEMBER, "大家好")
    api.group_message(GROUP, accounts.MEMBER, "/rules")  # a bare command: another bot's, maybe
    named = api.group_message(GROUP, accounts.MEMBER, f"/rules@{api.bot.username}")
    own = await bot.send_message(chat_id=GROUP, text="我是群規助手")
    reply = api.group_message(GROUP, accounts.MEMBER, "好", reply_to=own.message_id)
    bare = api.group_message(GROUP, accounts.MEMBER, "/rules")  # the bot wrote last: it is his
    api.joins(GROUP, accounts.STRANGER)
    events = await _events(bot)
    seen = [e.message_id for e in events if isinstance(e, GroupMessageEvent)]
    assert seen == [named["message_id"], reply["message_id"], bare["message_id"]]
    assert any(isinstance(e, NewChatMemberEvent) for e in events)  # service messages: always


async def test_an_edit_is_an_edited_message_with_the_new_text(api: TelegramApi, bot: Bot) -> None:
    sent = api.group_message(GROUP, accounts.MEMBER, "會議三點")
    api.edit(GROUP, sent["message_id"], "會議四點 @lisi")
    _, edited = await _events(bot)
    assert isinstance(edited, GroupEditedMessageEvent)
    assert (edited.message_id, edited.get_plaintext()) == (sent["message_id"], "會議四點 @lisi")
    assert api.messages(GROUP)[sent["message_id"]]["entities"][0]["type"] == "mention"
