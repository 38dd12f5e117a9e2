"""Sending and deleting as Telegram allows them, refused in Telegram's words, through the adapter."""

import pytest
from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.exception import ActionFailed
from nonebot.adapters.telegram.model import ReplyParameters

from tests import accounts
from tests.telegram_api import TelegramApi
from tests.telegram_world import GROUP, OTHER_GROUP

NEVER_STARTED = "Forbidden: bot can't initiate conversation with a user"


async def _refused(description: str, sending: object) -> None:
    with pytest.raises(ActionFailed) as refused:
        await sending  # type: ignore[misc]
    assert refused.value.description == description


async def test_a_group_send_is_kept_with_the_chats_next_id(api: TelegramApi, bot: Bot) -> None:
    api.add_group(OTHER_GROUP, "XX村工作群")
    api.group_message(GROUP, accounts.MEMBER, "先說一句")
    sent = await bot.send_message(chat_id=GROUP, text="通知")
    elsewhere = await bot.send_message(chat_id=OTHER_GROUP, text="通知")
    assert (sent.message_id, elsewhere.message_id) == (2, 1)  # unique within a chat only
    assert sent.from_ is not None
    assert sent.from_.id == api.bot.id
    assert api.messages(GROUP)[2]["text"] == "通知"


async def test_a_user_who_never_started_the_bot_cannot_be_written_to(
    api: TelegramApi, bot: Bot
) -> None:
    await _refused(NEVER_STARTED, bot.send_message(chat_id=accounts.MEMBER, text="你好"))
    await _refused("Bad Request: chat not found", bot.send_message(chat_id=12345, text="x"))
    api.private_message(accounts.MEMBER, "/start")
    sent = await bot.send_message(chat_id=accounts.MEMBER, text="你好")
    assert sent.chat.type == "private"
    api.world.users[accounts.MEMBER].blocked = True
    await _refused(
        "Forbidden: bot was blocked by the user",
        bot.send_message(chat_id=accounts.MEMBER, text="還在嗎"),
    )


async def test_a_join_requester_can_be_written_to_for_five_minutes_until_it_is_settled(
    api: TelegramApi, bot: Bot
) -> None:
    api.join_request(GROUP, accounts.STRANGER)
    assert await bot.send_message(chat_id=accounts.STRANGER, text="請回答")
    api.clock.shift(301)
    await _refused(NEVER_STARTED, bot.send_message(chat_id=accounts.STRANGER, text="請回答"))
    api.clock.shift(-301)
    await bot.decline_chat_join_request(chat_id=GROUP, user_id=accounts.STRANGER)
    await _refused(NEVER_STARTED, bot.send_message(chat_id=accounts.STRANGER, text="結果"))


async def test_bad_markup_is_refused_with_tdlibs_words(api: TelegramApi, bot: Bot) -> None:
    await _refused(
        "Bad Request: can't parse entities: character '.' is reserved and must be escaped"
        " with the preceding '\\'",
        bot.send_message(chat_id=GROUP, text="第1.2條", parse_mode="MarkdownV2"),
    )
    await _refused(
        # TDLib counts the offset in UTF-8 bytes: 請填 is six
        'Bad Request: can\'t parse entities: unsupported start tag "姓名" at byte offset 6',
        bot.send_message(chat_id=GROUP, text="請填<姓名>", parse_mode="HTML"),
    )
    await _refused(
        "Bad Request: unsupported parse_mode",
        bot.call_api("send_message", chat_id=GROUP, text="x", parse_mode="BBCode"),
    )
    sent = await bot.send_message(
        chat_id=GROUP, text="<b>第1.2條</b> &lt;姓名&gt;", parse_mode="HTML"
    )
    assert sent.text == "第1.2條 <姓名>"
    assert sent.entities is not None
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 5)]


async def test_without_parse_mode_markup_is_plain_text(api: TelegramApi, bot: Bot) -> None:
    sent = await bot.send_message(chat_id=GROUP, text="<b>x</b> *y* 1.2")
    assert sent.text == "<b>x</b> *y* 1.2"
    assert sent.entities is None


async def test_text_must_be_there_and_at_most_4096_characters(api: TelegramApi, bot: Bot) -> None:
    await _refused("Bad Request: message text is empty", bot.send_message(chat_id=GROUP, text=""))
    await _refused(
        "Bad Request: message text is empty", bot.send_message(chat_id=GROUP, text=" \n ")
    )
    await _refused(
        "Bad Request: message is too long", bot.send_message(chat_id=GROUP, text="字" * 4097)
    )
    sent = await bot.send_message(chat_id=GROUP, text="字" * 4096)
    assert sent.text is not None
    assert len(sent.text) == 4096


async def test_a_reply_needs_its_message_unless_told_otherwise(api: TelegramApi, bot: Bot) -> None:
    asked = api.group_message(GROUP, accounts.MEMBER, "怎麼備案？")
    sent = await bot.send_message(
        chat_id=GROUP,
        text="見 /群規",
        reply_parameters=ReplyParameters(message_id=asked["message_id"]),
    )
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.message_id == asked["message_id"]
    await _refused(
        "Bad Request: message to be replied not found",
        bot.send_message(chat_id=GROUP, text="x", reply_parameters=ReplyParameters(message_id=99)),
    )
    lenient = ReplyParameters(message_id=99, allow_sending_without_reply=True)
    assert (await bot.send_message(chat_id=GROUP, text="x", reply_parameters=lenient)).text == "x"


async def test_a_bot_without_the_right_to_write_is_refused(api: TelegramApi, bot: Bot) -> None:
    api.put(GROUP, api.bot.id, "restricted", can_send_messages=False)
    await _refused(
        "Bad Request: not enough rights to send text messages to the chat",
        bot.send_message(chat_id=GROUP, text="x"),
    )
    api.put(GROUP, api.bot.id, "left")
    await _refused(
        "Forbidden: bot is not a member of the supergroup chat",
        bot.send_message(chat_id=GROUP, text="x"),
    )
    api.put(GROUP, api.bot.id, "kicked")
    await _refused(
        "Forbidden: bot was kicked from the supergroup chat",
        bot.send_message(chat_id=GROUP, text="x"),
    )


async def test_deleting_needs_the_message_the_right_and_less_than_48_hours(
    api: TelegramApi, bot: Bot
) -> None:
    theirs = api.group_message(GROUP, accounts.MEMBER, "機密")["message_id"]
    await _refused(
        "Bad Request: message to delete not found",
        bot.delete_message(chat_id=GROUP, message_id=theirs + 50),
    )
    api.put(GROUP, api.bot.id, "administrator", can_restrict_members=True)
    await _refused(
        "Bad Request: message can't be deleted",
        bot.delete_message(chat_id=GROUP, message_id=theirs),
    )
    own = (await bot.send_message(chat_id=GROUP, text="我的")).message_id
    assert await bot.delete_message(chat_id=GROUP, message_id=own) is True
    api.put(GROUP, api.bot.id, "administrator", can_delete_messages=True)
    assert await bot.delete_message(chat_id=GROUP, message_id=theirs) is True
    await _refused(
        "Bad Request: message to delete not found",
        bot.delete_message(chat_id=GROUP, message_id=theirs),
    )
    old = api.group_message(GROUP, accounts.MEMBER, "前天")["message_id"]
    api.clock.shift(48 * 3600)
    await _refused(
        "Bad Request: message can't be deleted", bot.delete_message(chat_id=GROUP, message_id=old)
    )


async def test_deleting_several_skips_the_missing_ones(api: TelegramApi, bot: Bot) -> None:
    a = api.group_message(GROUP, accounts.MEMBER, "a")["message_id"]
    b = api.group_message(GROUP, accounts.MEMBER, "b")["message_id"]
    assert await bot.delete_messages(chat_id=GROUP, message_ids=[a, 999, b]) is True
    assert api.messages(GROUP) == {}


async def test_a_private_message_can_be_deleted_either_way(api: TelegramApi, bot: Bot) -> None:
    theirs = api.private_message(accounts.MEMBER, "刪掉")["message_id"]
    assert await bot.delete_message(chat_id=accounts.MEMBER, message_id=theirs) is True
