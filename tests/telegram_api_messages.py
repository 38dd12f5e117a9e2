"""Messages in the fake Bot API: storing them, what the bot sees of them, sending and deleting.

Sources: core.telegram.org/bots/api (#sendmessage, #senddocument, #deletemessage, #message,
#formatting-options) and, for wording, tdlib/telegram-bot-api Client.cpp
(`get_input_message_text`, `get_formatted_text`, `process_delete_message_query`,
`check_message`, `fail_query_with_error`).
"""

import hashlib
from typing import Any

from tests.telegram_api_state import (
    DELETE_WITHIN,
    JOIN_REQUEST_WRITE,
    Args,
    Json,
    TgChat,
    TgMessage,
    TgUser,
    World,
    bad,
    forbidden,
)
from tests.telegram_api_text import MarkupError, entity_text, found_entities, parse, utf16_len

TEXT_MAX = 4096  # sendMessage: "1-4096 characters after entities parsing"
CAPTION_MAX = 1024  # sendDocument: "0-1024 characters after entities parsing"
SERVICE = ("new_chat_members", "left_chat_member", "new_chat_title", "pinned_message")


# --- storing and delivering --------------------------------------------------------------------


def store(
    world: World, chat: TgChat, sender: TgUser, fields: Json, date: int | None = None
) -> TgMessage:
    """A new message in `chat` with the chat's next id, kept as the API will render it."""
    message_id = chat.new_message_id()
    when = world.clock.now() if date is None else date
    body: Json = {"message_id": message_id, "from": sender.json(), "chat": world.chat_json(chat)}
    body["date"] = when
    body.update(fields)
    message = TgMessage(chat.id, message_id, sender.id, when, body)
    chat.messages[message_id] = message
    if sender.is_bot:
        chat.last_bot_sender = sender.id
    return message


def quoted(message: TgMessage) -> Json:
    """A message as reply_to_message carries it: "will not contain further reply_to_message
    fields even if it itself is a reply" (core.telegram.org/bots/api#message)."""
    return {k: v for k, v in message.body.items() if k != "reply_to_message"}


def bot_sees(world: World, chat: TgChat, body: Json) -> bool:
    """Privacy mode (core.telegram.org/bots/features#privacy-mode), on unless the bot is an
    admin or was set to read everything: a group bot gets service messages, replies to its own
    messages, commands naming it (`/cmd@bot`), and bare commands only when it was the last bot
    to write in the group."""
    own = world.bot_member(chat)
    if not own.present:
        return False
    if world.can_read_all_group_messages or own.status in ("creator", "administrator"):
        return True
    if any(key in body for key in SERVICE):
        return True
    if body.get("reply_to_message", {}).get("from", {}).get("id") == world.bot.id:
        return True
    text = body.get("text") or body.get("caption") or ""
    for entity in body.get("entities") or body.get("caption_entities") or []:
        if entity["type"] != "bot_command":
            continue
        command = entity_text(text, entity)
        if "@" in command:
            if command.split("@", 1)[1].lower() == (world.bot.username or "").lower():
                return True
        elif chat.last_bot_sender == world.bot.id:
            return True
    return False


def deliver(world: World, chat: TgChat, message: TgMessage) -> int | None:
    """The `message` update for someone else's message, if the bot gets to see it."""
    if chat.type == "private" or bot_sees(world, chat, message.body):
        return world.emit("message", message.body)
    return None


# --- sending -----------------------------------------------------------------------------------


def _formatted(world: World, args: Args, key: str, entities_key: str) -> tuple[str, list[Json]]:
    """Text (or a caption) after `parse_mode` and trimming, with its entities, as the message
    will carry it; refusals worded as the server words them."""
    raw = args.text(key)
    try:
        text, entities = parse(raw, args.text("parse_mode"))
    except ValueError:
        raise bad("unsupported parse_mode") from None
    except MarkupError as exc:
        reason = str(exc)
        raise bad(f"can't parse entities: {reason[:1].lower()}{reason[1:]}") from None
    if not args.text("parse_mode"):
        given = args.parsed(entities_key)
        entities = [e for e in given if isinstance(e, dict)] if isinstance(given, list) else []
        entities = [world.entity_json(e) if "user_id" in e else e for e in entities]
    lead = len(text) - len(text.lstrip())
    if lead:  # TDLib trims the text and moves the entities with it
        shift = utf16_len(text[:lead])
        entities = [{**e, "offset": e["offset"] - shift} for e in entities]
    text = text.strip()
    size = utf16_len(text)
    kept = [e for e in entities if e["offset"] >= 0 and e["offset"] + e["length"] <= size]
    spans = [(e["offset"], e["offset"] + e["length"]) for e in kept]
    for extra in found_entities(text):
        if not any(a < extra["offset"] + extra["length"] and extra["offset"] < b for a, b in spans):
            kept.append(extra)
    kept.sort(key=lambda e: (e["offset"], -e["length"]))
    return text, [world.entity_json(e) for e in kept]


def _reachable(world: World, chat: TgChat, what: str) -> None:
    """Whether the bot may post to `chat` at all."""
    if chat.type == "private":
        user = world.users[chat.id]
        if user.is_bot:
            raise forbidden("bot can't send messages to bots")
        if user.blocked:
            raise forbidden("bot was blocked by the user")
        request = next(
            (
                r
                for c in world.chats.values()
                if (r := c.join_requests.get(user.id))
                and world.clock.now() - r.date <= JOIN_REQUEST_WRITE
            ),
            None,
        )
        # ChatJoinRequest.user_chat_id: "The bot can use this identifier for 5 minutes to send
        # messages until the join request is processed"; anyone else must have started the bot.
        if not user.started and request is None:
            raise forbidden("bot can't initiate conversation with a user")
        return
    own = world.bot_member(chat)
    if own.status in ("creator", "administrator"):
        return
    allowed = own.permissions if own.status == "restricted" else chat.permissions
    key = "can_send_messages" if what == "text messages" else "can_send_documents"
    if not allowed.get(key, False):
        raise bad(f"not enough rights to send {what} to the chat")


def _reply(world: World, chat: TgChat, args: Args) -> Json:
    """reply_parameters (or the older reply_to_message_id): the replied message must exist in
    the chat unless allow_sending_without_reply."""
    parameters = args.parsed("reply_parameters")
    if isinstance(parameters, dict):
        target, lenient = (
            int(parameters.get("message_id", 0)),
            bool(parameters.get("allow_sending_without_reply")),
        )
    else:
        target, lenient = (
            args.number("reply_to_message_id"),
            args.flag("allow_sending_without_reply"),
        )
    if not target:
        return {}
    replied = chat.messages.get(target)
    if replied is None:
        if lenient:
            return {}
        raise bad("message to be replied not found")
    return {"reply_to_message": quoted(replied)}


def send_message(world: World, args: Args) -> Json:
    # The text first, then the chat (Client.cpp process_send_message_query, do_send_message).
    if not args.text("text"):
        raise bad("message text is empty")
    text, entities = _formatted(world, args, "text", "entities")
    chat = world.chat(args.text("chat_id"), write=True)
    if not text:
        raise bad("message text is empty")
    if len(text) > TEXT_MAX:
        raise bad("message is too long")
    _reachable(world, chat, "text messages")
    fields: Json = {**_reply(world, chat, args), "text": text}
    if entities:
        fields["entities"] = entities
    return store(world, chat, world.bot, fields).body


def new_file(world: World, kind: str, name: str, content: bytes, mime_type: str) -> Json:
    """A file the API now holds, under a file_id and a file_unique_id of its own."""
    digest = hashlib.sha256(content).hexdigest()
    file_id = f"BQACAgUAAx{kind[:2]}{digest[:40]}"
    described: Json = {"file_id": file_id, "file_unique_id": f"AgAD{digest[:12]}"}
    if kind == "photo":
        described.update({"width": 1280, "height": 720})
    else:
        described.update({"file_name": name, "mime_type": mime_type})
    described["file_size"] = len(content)
    world.files[file_id] = described
    return described


def _input_file(world: World, args: Args, kind: str) -> Json:
    """The file a send names: `attach://<field>` or a multipart field of the kind's name, a
    file_id the API knows, or an HTTP URL (core.telegram.org/bots/api#sending-files)."""
    value = args.text(kind)
    field_name = value.removeprefix("attach://") if value.startswith("attach://") else kind
    if field_name in args.files:
        name, content = args.files[field_name]
        mime = "application/octet-stream" if "." not in name else _mime(name)
        return new_file(world, kind, name, content, mime)
    if value.startswith("attach://") or not value:
        raise bad(f"there is no {kind} in the request")
    if value in world.files:
        return dict(world.files[value])
    if value.startswith(("http://", "https://")):
        return new_file(
            world, kind, value.rsplit("/", 1)[-1] or "file", value.encode(), _mime(value)
        )
    raise bad("wrong file identifier/HTTP URL specified")


def _mime(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1].lower()
    return {
        "pdf": "application/pdf",
        "txt": "text/plain",
        "jpg": "image/jpeg",
        "png": "image/png",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }.get(suffix, "application/octet-stream")


def send_file(kind: str) -> Any:
    def send(world: World, args: Args) -> Json:
        caption, entities = _formatted(world, args, "caption", "caption_entities")
        chat = world.chat(args.text("chat_id"), write=True)
        if len(caption) > CAPTION_MAX:
            raise bad("message caption is too long")
        _reachable(world, chat, "documents" if kind == "document" else "photos")
        described = _input_file(world, args, kind)
        fields: Json = {**_reply(world, chat, args)}
        fields[kind] = [described] if kind == "photo" else described
        if caption:
            fields["caption"] = caption
            if entities:
                fields["caption_entities"] = entities
        return store(world, chat, world.bot, fields).body

    return send


# --- deleting ----------------------------------------------------------------------------------


def _deletable(world: World, chat: TgChat, message: TgMessage) -> bool:
    """deleteMessage's limits: under 48 hours old; in a private chat any message; in a
    supergroup the bot's own, or anyone's with can_delete_messages."""
    if world.clock.now() - message.date >= DELETE_WITHIN:
        return False
    if chat.type == "private" or message.from_id == world.bot.id:
        return True
    return world.bot_member(chat).right("can_delete_messages")


def delete_message(world: World, args: Args) -> bool:
    if not args.text("chat_id"):
        raise bad("chat identifier is not specified")
    message_id = args.number("message_id")
    if message_id <= 0:
        raise bad("message identifier is not specified")
    chat = world.chat(args.text("chat_id"), write=True)
    message = chat.messages.get(message_id)
    if message is None:
        raise bad("message to delete not found")
    if not _deletable(world, chat, message):
        # MESSAGE_DELETE_FORBIDDEN, for a message too old and for want of the right alike
        raise bad("message can't be deleted")
    del chat.messages[message_id]
    return True


def delete_messages(world: World, args: Args) -> bool:
    ids = args.parsed("message_ids")
    if not args.text("message_ids"):
        raise bad("message identifiers are not specified")
    if not isinstance(ids, list):
        raise bad("expected an Array of message identifiers")
    if len(ids) > 100:
        raise bad("too many message identifiers specified")
    chat = world.chat(args.text("chat_id"), write=True)
    # "If some of the specified messages can't be found, they are skipped."
    found = [chat.messages[int(i)] for i in ids if int(i) in chat.messages]
    if any(not _deletable(world, chat, m) for m in found):
        raise bad("message can't be deleted")
    for message in found:
        del chat.messages[message.message_id]
    return True
