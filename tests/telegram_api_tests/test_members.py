"""Members as Telegram keeps them: reading them, restricting, banning, join requests, admins;
each change the chat_member update a real group sends, each refusal Telegram's."""

from typing import Any

import pytest
from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.exception import ActionFailed
from nonebot.adapters.telegram.model import (
    BotCommand,
    ChatMemberAdministrator,
    ChatMemberRestricted,
    ChatPermissions,
    Update,
)

from tests import accounts
from tests.telegram_api import TelegramApi
from tests.telegram_world import GROUP

MUTED = ChatPermissions(can_send_messages=False)


async def _refused(description: str, call: Any) -> None:
    with pytest.raises(ActionFailed) as refused:
        await call
    assert refused.value.description == description


async def _member_updates(bot: Bot) -> None:
    """Ask for chat_member and join requests (Telegram stores none before it is asked)."""
    wanted = ["message", "chat_member", "my_chat_member", "chat_join_request"]
    await bot.get_updates(offset=-1, allowed_updates=wanted)


async def _pending(bot: Bot) -> list[Update]:
    updates: list[Update] = []
    while batch := await bot.get_updates(offset=updates[-1].update_id + 1 if updates else None):
        updates += batch
    return updates


async def test_a_member_is_read_as_their_status_and_a_stranger_as_left(
    api: TelegramApi, bot: Bot
) -> None:
    owner = await bot.get_chat_member(chat_id=GROUP, user_id=accounts.OWNER)
    stranger = await bot.get_chat_member(chat_id=GROUP, user_id=accounts.STRANGER)
    assert (owner.status, stranger.status) == ("creator", "left")
    await _refused(
        "Bad Request: user not found", bot.get_chat_member(chat_id=GROUP, user_id=123456789)
    )
    await _refused(
        "Bad Request: invalid user_id specified", bot.get_chat_member(chat_id=GROUP, user_id=0)
    )


async def test_the_admins_are_listed_with_the_bot_but_without_other_bots(
    api: TelegramApi, bot: Bot
) -> None:
    api.add_user(8000000001, "別的機器人", username="other_bot", is_bot=True)
    api.put(GROUP, 8000000001, "administrator", can_delete_messages=True)
    admins = await bot.get_chat_administrators(chat_id=GROUP)
    assert [m.user.id for m in admins] == [accounts.OWNER, api.bot.id, accounts.ADMIN]
    assert await bot.get_chat_member_count(chat_id=GROUP) == 5
    chat = await bot.get_chat(chat_id=GROUP)
    assert (chat.type, chat.title) == ("supergroup", "XX社區工作群")


async def test_restricting_needs_the_right_and_spares_admins_and_the_owner(
    api: TelegramApi, bot: Bot
) -> None:
    await _refused(
        "Bad Request: can't remove chat owner",
        bot.restrict_chat_member(chat_id=GROUP, user_id=accounts.OWNER, permissions=MUTED),
    )
    await _refused(
        "Bad Request: user is an administrator of the chat",
        bot.restrict_chat_member(chat_id=GROUP, user_id=accounts.ADMIN, permissions=MUTED),
    )
    api.put(GROUP, api.bot.id, "administrator", can_delete_messages=True)
    await _refused(
        "Bad Request: not enough rights to restrict/unrestrict chat member",
        bot.restrict_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, permissions=MUTED),
    )


async def test_a_restriction_lasts_until_its_date_and_a_short_one_is_forever(
    api: TelegramApi, bot: Bot
) -> None:
    await _member_updates(bot)
    until = api.clock.now() + 600
    await bot.restrict_chat_member(
        chat_id=GROUP, user_id=accounts.MEMBER, permissions=MUTED, until_date=until
    )
    muted = await bot.get_chat_member(chat_id=GROUP, user_id=accounts.MEMBER)
    assert isinstance(muted, ChatMemberRestricted)
    assert (muted.until_date, muted.can_send_messages, muted.is_member) == (until, False, True)
    (update,) = [u for u in await _pending(bot) if u.chat_member]
    assert update.chat_member is not None
    assert update.chat_member.from_.id == api.bot.id
    assert update.chat_member.old_chat_member.status == "member"
    api.clock.shift(601)
    assert api.member_status(GROUP, accounts.MEMBER) == "member"
    await bot.restrict_chat_member(
        chat_id=GROUP, user_id=accounts.MEMBER, permissions=MUTED, until_date=api.clock.now() + 10
    )
    forever = await bot.get_chat_member(chat_id=GROUP, user_id=accounts.MEMBER)
    assert isinstance(forever, ChatMemberRestricted)
    assert forever.until_date == 0
    everything = ChatPermissions(**dict.fromkeys(ChatPermissions.model_fields, True))
    await bot.restrict_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, permissions=everything)
    assert api.member_status(GROUP, accounts.MEMBER) == "member"


async def test_text_allowed_with_media_follows_telegrams_implications(
    api: TelegramApi, bot: Bot
) -> None:
    media_only = ChatPermissions(can_send_other_messages=True)
    await bot.restrict_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, permissions=media_only)
    member = api.world.chats[GROUP].members[accounts.MEMBER]
    assert member.permissions["can_send_messages"] is True  # implied, without independent ones
    assert member.permissions["can_send_documents"] is True


async def test_a_ban_removes_and_an_unban_without_only_if_banned_removes_too(
    api: TelegramApi, bot: Bot
) -> None:
    await _member_updates(bot)
    await bot.ban_chat_member(chat_id=GROUP, user_id=accounts.MEMBER)
    assert api.member_status(GROUP, accounts.MEMBER) == "kicked"
    await bot.unban_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, only_if_banned=True)
    assert api.member_status(GROUP, accounts.MEMBER) == "left"
    api.put(GROUP, accounts.MEMBER, "member")
    await bot.unban_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, only_if_banned=True)
    assert api.member_status(GROUP, accounts.MEMBER) == "member"
    await bot.unban_chat_member(chat_id=GROUP, user_id=accounts.MEMBER)
    assert api.member_status(GROUP, accounts.MEMBER) == "left"
    kinds = [u.chat_member.new_chat_member.status for u in await _pending(bot) if u.chat_member]
    assert kinds == ["kicked", "left", "left"]  # the bot's own left_chat_member messages: none
    await _refused(
        "Bad Request: can't remove chat owner",
        bot.ban_chat_member(chat_id=GROUP, user_id=accounts.OWNER),
    )


async def test_a_ban_can_take_the_members_messages_with_it(api: TelegramApi, bot: Bot) -> None:
    api.group_message(GROUP, accounts.MEMBER, "廣告")
    kept = api.group_message(GROUP, accounts.ADMIN, "別發廣告")["message_id"]
    await bot.ban_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, revoke_messages=True)
    left = {i: m["from"]["id"] for i, m in api.messages(GROUP).items()}
    assert left == {kept: accounts.ADMIN, kept + 1: api.bot.id}  # and the bot's "removed" line


async def test_approving_a_join_request_lets_them_in_as_telegram_tells_it(
    api: TelegramApi, bot: Bot
) -> None:
    await _refused(
        "Bad Request: HIDE_REQUESTER_MISSING",
        bot.approve_chat_join_request(chat_id=GROUP, user_id=accounts.STRANGER),
    )
    await _member_updates(bot)
    api.join_request(GROUP, accounts.STRANGER, bio="XX社區-趙六")
    await bot.approve_chat_join_request(chat_id=GROUP, user_id=accounts.STRANGER)
    updates = await _pending(bot)
    request = next(u.chat_join_request for u in updates if u.chat_join_request)
    assert (request.user_chat_id, request.bio) == (accounts.STRANGER, "XX社區-趙六")
    joined = next(u.chat_member for u in updates if u.chat_member)
    assert (joined.new_chat_member.status, joined.via_join_request) == ("member", True)
    service = next(u.message for u in updates if u.message)
    assert service.new_chat_members is not None
    assert service.new_chat_members[0].id == accounts.STRANGER
    await _refused(
        "Bad Request: HIDE_REQUESTER_MISSING",
        bot.decline_chat_join_request(chat_id=GROUP, user_id=accounts.STRANGER),
    )


async def test_promoting_needs_the_right_a_member_and_not_the_owner(
    api: TelegramApi, bot: Bot
) -> None:
    await _refused(
        "Bad Request: not enough rights",
        bot.promote_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, can_delete_messages=True),
    )
    api.put(GROUP, api.bot.id, "administrator", can_promote_members=True, can_delete_messages=True)
    await _refused(
        "Bad Request: USER_CREATOR",
        bot.promote_chat_member(chat_id=GROUP, user_id=accounts.OWNER, can_delete_messages=True),
    )
    await _refused(
        "Bad Request: USER_NOT_PARTICIPANT",
        bot.promote_chat_member(chat_id=GROUP, user_id=accounts.STRANGER, can_delete_messages=True),
    )
    await _refused(
        "Bad Request: RIGHT_FORBIDDEN",
        bot.promote_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, can_change_info=True),
    )
    await bot.promote_chat_member(chat_id=GROUP, user_id=accounts.MEMBER, can_delete_messages=True)
    promoted = await bot.get_chat_member(chat_id=GROUP, user_id=accounts.MEMBER)
    assert isinstance(promoted, ChatMemberAdministrator)
    assert promoted.can_be_edited is True


async def test_a_custom_title_is_for_admins_the_bot_promoted(api: TelegramApi, bot: Bot) -> None:
    await _refused(
        "Bad Request: user is not an administrator",
        bot.set_chat_administrator_custom_title(
            chat_id=GROUP, user_id=accounts.MEMBER, custom_title="委員"
        ),
    )
    await _refused(
        "Bad Request: not enough rights to change custom title of the user",
        bot.set_chat_administrator_custom_title(
            chat_id=GROUP, user_id=accounts.ADMIN, custom_title="委員"
        ),
    )
    api.put(
        GROUP, accounts.MEMBER, "administrator", can_delete_messages=True, promoted_by=api.bot.id
    )
    await bot.set_chat_administrator_custom_title(
        chat_id=GROUP, user_id=accounts.MEMBER, custom_title="XX社區-張三"
    )
    titled = await bot.get_chat_member(chat_id=GROUP, user_id=accounts.MEMBER)
    assert isinstance(titled, ChatMemberAdministrator)
    assert titled.custom_title == "XX社區-張三"
    await _refused(
        "Bad Request: CUSTOM_TITLE_INVALID",
        bot.set_chat_administrator_custom_title(
            chat_id=GROUP,
            user_id=accounts.MEMBER,
            custom_title="一二三四五六七八九十一二三四五六七",
        ),
    )


async def test_command_names_must_be_latin(api: TelegramApi, bot: Bot) -> None:
    await _refused(
        "Bad Request: BOT_COMMAND_INVALID",
        bot.set_my_commands(commands=[BotCommand(command="群規", description="本群規則")]),
    )
    await bot.set_my_commands(commands=[BotCommand(command="rules", description="本群規則")])
    assert [c.command for c in await bot.get_my_commands()] == ["rules"]


async def test_leaving_is_a_my_chat_member_update_and_the_group_is_closed_after(
    api: TelegramApi, bot: Bot
) -> None:
    assert await bot.leave_chat(chat_id=GROUP) is True
    (update,) = await _pending(bot)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "left"
    await _refused(
        "Forbidden: bot is not a member of the supergroup chat",
        bot.get_chat_member(chat_id=GROUP, user_id=accounts.MEMBER),
    )
