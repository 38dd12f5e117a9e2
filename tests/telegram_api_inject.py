"""What happens in Telegram, for the fake Bot API: people, groups, and the updates their doing
makes, shaped as the real API shapes them (core.telegram.org/bots/api#update, #message,
#messageorigin, #chatjoinrequest, #chatmemberupdated).

Each message gets the next id of its chat and is kept (a later reply, deletion or recall finds
it); what the bot gets to see of it follows privacy mode (tests/telegram_api_messages.py).
"""

from typing import Any

from tests.telegram_api_members import change, service
from tests.telegram_api_messages import bot_sees, deliver, new_file, quoted, store
from tests.telegram_api_state import (
    PERMISSIONS,
    RIGHTS,
    JoinRequest,
    Json,
    TgChat,
    TgMember,
    TgUser,
    World,
    rights_of,
)
from tests.telegram_api_text import found_entities, utf16_len

# A moderating bot's usual rights: everything but promoting others.
BOT_RIGHTS = {name: name != "can_promote_members" for name in RIGHTS}


def add_user(
    world: World,
    user_id: int,
    first_name: str,
    *,
    username: str | None = None,
    last_name: str | None = None,
    is_bot: bool = False,
) -> TgUser:
    user = TgUser(user_id, first_name, last_name, username, is_bot)
    world.users[user_id] = user
    return user


def add_group(
    world: World,
    chat_id: int,
    title: str,
    *,
    username: str | None = None,
    bot_status: str = "administrator",
    bot_rights: dict[str, bool] | None = None,
    join_by_request: bool = False,
) -> TgChat:
    """A supergroup ("-100" and the channel id), the bot already in it (no update for that)."""
    assert str(chat_id).startswith("-100"), "a supergroup's id is -100 followed by its own id"
    chat = TgChat(chat_id, "supergroup", title, username, join_by_request=join_by_request)
    world.chats[chat_id] = chat
    rights = BOT_RIGHTS if bot_rights is None else rights_of(bot_rights)
    put(world, chat_id, world.bot.id, bot_status, **rights)
    return chat


def put(
    world: World, chat_id: int, user_id: int, status: str = "member", **fields: Any
) -> TgMember:
    """Set a member as they already are (no update): rights for an administrator, permissions
    and until_date for a restricted member, until_date for a banned one, custom_title."""
    member = _member(user_id, status, fields)
    world.chats[chat_id].members[user_id] = member
    return member


def _member(user_id: int, status: str, fields: dict[str, Any]) -> TgMember:
    member = TgMember(user_id, status)
    if status == "administrator":
        member.rights = rights_of(fields)
        member.promoted_by = fields.get("promoted_by")
    if status == "restricted":
        member.permissions = {name: bool(fields.get(name, False)) for name in PERMISSIONS}
        member.is_member = bool(fields.get("is_member", True))
    member.until_date = int(fields.get("until_date", 0))
    member.custom_title = fields.get("custom_title")
    return member


# --- message origins and entities ----------------------------------------------------------------


def origin_user(world: World, user_id: int, date: int | None = None) -> Json:
    when = world.clock.now() - 3600 if date is None else date
    return {"type": "user", "date": when, "sender_user": world.users[user_id].json()}


def origin_hidden(world: World, name: str, date: int | None = None) -> Json:
    when = world.clock.now() - 3600 if date is None else date
    return {"type": "hidden_user", "date": when, "sender_user_name": name}


def origin_channel(world: World, chat_id: int, title: str, message_id: int) -> Json:
    chat = {"id": chat_id, "title": title, "type": "channel"}
    return {
        "type": "channel",
        "date": world.clock.now() - 3600,
        "chat": chat,
        "message_id": message_id,
    }


def text_mention(text: str, name: str, user_id: int) -> Json:
    """A text_mention of `user_id` on the first `name` in `text` (a mention of someone without
    a username: the client makes it from the member list)."""
    start = text.index(name)
    return {
        "type": "text_mention",
        "offset": utf16_len(text[:start]),
        "length": utf16_len(name),
        "user_id": user_id,
    }


def _text_fields(world: World, key: str, text: str, given: list[Json] | None) -> Json:
    """`text` with its entities: the given ones and the commands and mentions Telegram finds."""
    entities = list(given or [])
    spans = [(e["offset"], e["offset"] + e["length"]) for e in entities]
    for extra in found_entities(text):
        if not any(a < extra["offset"] + extra["length"] and extra["offset"] < b for a, b in spans):
            entities.append(extra)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    fields: Json = {key: text} if text else {}
    if entities:
        fields["entities" if key == "text" else "caption_entities"] = [
            world.entity_json(e) for e in entities
        ]
    return fields


def _sender(world: World, chat: TgChat, user_id: int, media: bool = False) -> TgUser:
    """Who may write here: a member of the group, allowed to send it (a restricted one only
    what their permissions leave; core.telegram.org/bots/api#chatpermissions)."""
    user = world.users[user_id]
    if chat.type == "private":
        return user
    member = world.member(chat, user_id)
    assert member.present, (
        f"{user_id} is not in {chat.id} ({member.status}): they cannot write there"
    )
    if member.status == "restricted":
        key = "can_send_documents" if media else "can_send_messages"
        assert member.permissions.get(key), f"{user_id} is restricted in {chat.id}: {key} is off"
    return user


def message(
    world: World,
    chat_id: int,
    user_id: int,
    fields: Json,
    *,
    reply_to: int | None = None,
    forward_origin: Json | None = None,
    date: int | None = None,
) -> Json:
    """Someone's message in a chat, kept and delivered as an update: its body."""
    chat = world.chats[chat_id] if chat_id in world.chats else world.private(chat_id)
    media = any(key in fields for key in ("document", "photo"))
    sender = _sender(world, chat, user_id, media)
    extra: Json = {}
    if forward_origin is not None:
        extra["forward_origin"] = forward_origin
    if reply_to is not None:
        assert reply_to in chat.messages, f"no message {reply_to} in {chat_id} to reply to"
        extra["reply_to_message"] = quoted(chat.messages[reply_to])
    stored = store(world, chat, sender, {**extra, **fields}, date)
    deliver(world, chat, stored)
    return stored.body


def text_message(world: World, chat_id: int, user_id: int, text: str, **options: Any) -> Json:
    entities = options.pop("entities", None)
    return message(world, chat_id, user_id, _text_fields(world, "text", text, entities), **options)


def media_message(
    world: World,
    chat_id: int,
    user_id: int,
    kind: str,
    caption: str = "",
    *,
    file_name: str = "文件.pdf",
    mime_type: str = "application/pdf",
    content: bytes = b"%PDF-1.4 fake",
    caption_entities: list[Json] | None = None,
    **options: Any,
) -> Json:
    """A photo or a document (with file_name, mime_type, file_id, file_unique_id, file_size)."""
    described = new_file(world, kind, file_name, content, mime_type)
    fields: Json = {}
    if kind == "photo":
        small = {**described, "file_id": described["file_id"] + "s", "width": 90, "height": 51}
        fields["photo"] = [small, described]  # PhotoSize, smallest first
    else:
        fields["document"] = described
    fields.update(_text_fields(world, "caption", caption, caption_entities))
    return message(world, chat_id, user_id, fields, **options)


def edit(world: World, chat_id: int, message_id: int, text: str) -> Json:
    """Its sender edits a text message: the edited_message update, with edit_date."""
    chat = world.chats[chat_id]
    kept = chat.messages[message_id]
    assert "text" in kept.body, "only a text message is edited to a new text here"
    for key in ("text", "entities"):
        kept.body.pop(key, None)
    kept.body.update(_text_fields(world, "text", text, None))
    kept.body["edit_date"] = world.clock.now()
    if chat.type == "private" or bot_sees(world, chat, kept.body):
        world.emit("edited_message", kept.body)
    return kept.body


def private_message(world: World, user_id: int, text: str, **options: Any) -> Json:
    """A user writes to the bot: from now on the bot may write to them."""
    world.users[user_id].started = True
    return text_message(world, user_id, user_id, text, **options)


# --- joining and leaving -------------------------------------------------------------------------


def join_request(world: World, chat_id: int, user_id: int, bio: str | None = None) -> Json:
    """A request to join: the chat_join_request update, with user_chat_id (the bot may write to
    it for 5 minutes, until the request is processed)."""
    chat = world.chats[chat_id]
    chat.join_requests[user_id] = JoinRequest(user_id, world.clock.now(), bio)
    payload: Json = {"chat": world.chat_json(chat), "from": world.users[user_id].json()}
    payload.update({"user_chat_id": user_id, "date": world.clock.now()})
    if bio:
        payload["bio"] = bio
    world.emit("chat_join_request", payload)
    return payload


def member_update(
    world: World, chat_id: int, user_id: int, status: str, *, by: int | None = None, **fields: Any
) -> None:
    """A member's status changes (someone else did it, or they did): the chat_member update."""
    change(world, world.chats[chat_id], _member(user_id, status, fields), by or user_id)


def joins(world: World, chat_id: int, user_id: int, *, by: int | None = None) -> None:
    """Someone joins by link (or is added `by` an admin): chat_member, and the service message."""
    member_update(world, chat_id, user_id, "member", by=by)
    service(
        world,
        world.chats[chat_id],
        by or user_id,
        {"new_chat_members": [world.users[user_id].json()]},
    )


def leaves(world: World, chat_id: int, user_id: int) -> None:
    member_update(world, chat_id, user_id, "left")
    service(world, world.chats[chat_id], user_id, {"left_chat_member": world.users[user_id].json()})
