"""Telegram updates (as nonebot-adapter-telegram parses them) read as the platform-neutral views.

What Telegram does not carry reads as unknown, never as a guess: an update has no receiving
bot id (only updates about the bot itself name it), a message no sender role (the roles the bot
learnt, adapters.telegram_people), a join request no answer, a group no cards and no files list.
Members come and go by `chat_member` updates (the bot asks for them, adapters.telegram_edge);
the service messages new_chat_members / left_chat_member are not read, or a join would count
twice.
"""

import hashlib
import json
from typing import Any

from nonebot.adapters import Event, Message
from nonebot.adapters.telegram.event import (
    ChatJoinRequestEvent,
    ChatMemberUpdatedEvent,
    GroupEditedMessageEvent,
    GroupMessageEvent,
    MessageEvent,
    PrivateMessageEvent,
)
from nonebot.adapters.telegram.event import Event as TelegramEvent
from nonebot.adapters.telegram.message import Entity, File
from nonebot.adapters.telegram.message import Message as TelegramMessage
from nonebot.adapters.telegram.model import User

from adapters import telegram_people
from adapters.port import Role
from adapters.views import (
    Args,
    CardChange,
    FriendRequest,
    JoinRequest,
    MemberChange,
    Posted,
    Quoted,
    Segments,
    Sender,
    Upload,
    when,
)

NAME = "telegram"  # the platform's name in every record
LABEL = "Telegram"  # as people read it
GROUP_CHATS = ("group", "supergroup")
IN_CHAT = {"creator": "owner", "administrator": "admin", "member": "member"}


def reads(event: Event) -> bool:
    return isinstance(event, TelegramEvent)


def reads_message(message: Message) -> bool:
    return isinstance(message, TelegramMessage)


def join_flag(chat_id: int, user_id: int) -> str:
    """What answers a join request: Telegram names the chat and the person."""
    return f"{chat_id}:{user_id}"


def flag_parts(flag: str) -> tuple[int, int] | None:
    chat, _, user = flag.partition(":")
    try:
        return int(chat), int(user)
    except ValueError:
        return None


def status_role(member: Any) -> Role | None:
    """A ChatMember's status as a role; None when the person is not in the chat (left,
    kicked, or restricted and no longer a member)."""
    status = getattr(member, "status", None)
    if status == "restricted":
        return "member" if getattr(member, "is_member", False) else None
    return IN_CHAT.get(str(status))  # type: ignore[return-value]


def _in_group(event: Event) -> bool:
    chat = getattr(event, "chat", None)
    return chat is not None and getattr(chat, "type", None) in GROUP_CHATS


def _learn(user: User | None) -> None:
    if user is not None:
        telegram_people.note_user(user.id, user.username, user.first_name)


# A group message as first sent, or as its sender edited it later: the duties read both (an
# innocent message edited into a confidential one is posted as surely as a new one). Commands
# come from first sends only (core.dispatch: an edit is never a command).
GroupPost = GroupMessageEvent | GroupEditedMessageEvent


def sender_of(event: Event) -> Sender | None:
    if isinstance(event, GroupPost) and event.from_ is not None:
        _learn(event.from_)
        chat, user = event.chat.id, event.from_.id
        # The update says no role: the one learnt, or None (unknown) before the chat's admins are.
        known = telegram_people.role(chat, user) if telegram_people.admins_known(chat) else None
        return Sender(NAME, user, chat, known)
    if isinstance(event, PrivateMessageEvent):
        _learn(event.from_)
        return Sender(NAME, event.from_.id, None, None)
    return None


def group_of(event: Event) -> int | None:
    return int(event.chat.id) if _in_group(event) else None  # type: ignore[attr-defined]


def stable_key(event: Event) -> str | None:
    """A group message as every bot in the chat receives it: a message id is the chat's own, the
    same for every bot (Bot API, Message.message_id); an edit is its own event (edit_date)."""
    if not isinstance(event, GroupPost):
        return None
    facts = [NAME, event.chat.id, event.message_id, getattr(event, "edit_date", 0)]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def _segments(message: Message, chat_id: int, message_id: int) -> Segments:
    """A Telegram message in the segment shape the scanner reads: text and caption entities as
    text (a link's, a mention's words too), a document as a file by its name (kept from the raw
    update by adapters.telegram_edge: the adapter's parsing loses it)."""
    from adapters.telegram_edge import document_name

    out: Segments = []
    for segment in message:
        if isinstance(segment, Entity):
            out.append({"type": "text", "data": {"text": str(segment.data.get("text", ""))}})
        elif isinstance(segment, File) and segment.type == "document":
            name = document_name(chat_id, message_id) or ""
            out.append({"type": "file", "data": {"name": name}})
    return out


def _reply(event: Event) -> MessageEvent | None:
    reply = getattr(event, "reply_to_message", None)
    return reply if isinstance(reply, MessageEvent) else None


def is_edit(event: Event) -> bool:
    return isinstance(event, GroupEditedMessageEvent)


def quoted_by(event: Event) -> Quoted | None:
    reply = _reply(event)
    if reply is None:
        return None
    sender = getattr(reply, "from_", None)
    text = "".join(str(s.data.get("text", "")) for s in reply.message if isinstance(s, Entity))
    return Quoted(reply.message_id, sender.id if sender is not None else None, text)


def as_received(event: Event) -> Segments:
    if isinstance(event, MessageEvent):
        out = _segments(event.original_message, event.chat.id, event.message_id)
    elif isinstance(event, GroupEditedMessageEvent):
        out = _segments(event.message, event.chat.id, event.message_id)
    else:
        return []
    reply = _reply(event)
    if reply is not None:
        out.append({"type": "reply", "data": {"id": str(reply.message_id)}})
    return out


def quote_fetched(event: Event) -> tuple[str, dict[str, Segments]] | None:
    """The replied-to message comes inside the update (reply_to_message): nothing to fetch."""
    reply = _reply(event)
    if reply is None:
        return None
    segments = _segments(reply.original_message, reply.chat.id, reply.message_id)
    return str(reply.message_id), {"message": segments}


def parse_args(message: Message) -> Args:
    """Words split on white space; a text_mention entity is a mention of its user, an
    `@username` one of the account the bot has seen use that name (else it stays a word)."""
    words: list[str] = []
    mentions: list[int] = []
    for segment in message:
        if not isinstance(segment, Entity):
            continue
        text = str(segment.data.get("text", ""))
        user = segment.data.get("user")
        if segment.type == "text_mention" and isinstance(user, User):
            mentions.append(user.id)
        elif segment.type == "mention" and (found := telegram_people.by_username(text)):
            mentions.append(found)
        else:
            words.extend(text.split())
    return Args(tuple(words), tuple(mentions))


def _member_update(event: Event) -> tuple[ChatMemberUpdatedEvent, bool] | None:
    """A chat_member update, and whether it is about the bot itself (my_chat_member)."""
    if not isinstance(event, ChatMemberUpdatedEvent) or event.chat.type not in GROUP_CHATS:
        return None
    update = event.telegram_model
    return event, update is not None and update.my_chat_member is not None


def own_role_change(event: Event) -> tuple[str, int, Role | None] | None:
    """The bot's own role in a chat, as a my_chat_member update says (its id, the chat, the role)."""
    found = _member_update(event)
    if found is None or not found[1]:
        return None
    update = found[0]
    return str(update.new_chat_member.user.id), update.chat.id, status_role(update.new_chat_member)


def _change(event: Event, *, joined: bool) -> MemberChange | None:
    found = _member_update(event)
    if found is None:
        return None
    update, about_self = found
    before, after = status_role(update.old_chat_member), status_role(update.new_chat_member)
    person = update.new_chat_member.user
    _learn(person)
    if not about_self:
        telegram_people.note_role(update.chat.id, person.id, after)
    came, went = before is None and after is not None, before is not None and after is None
    if not (came if joined else went):
        return None
    operator = update.from_.id if update.from_.id != person.id else None
    bot_id = str(person.id) if about_self else ""
    return MemberChange(NAME, bot_id, update.chat.id, person.id, operator)


def member_joined(event: Event) -> MemberChange | None:
    return _change(event, joined=True)


def member_left(event: Event) -> MemberChange | None:
    """A member left or was removed; the bot's own removal too (its bot_id then set)."""
    return _change(event, joined=False)


def self_left(event: Event) -> bool:
    change = member_left(event)
    return change is not None and change.bot_id == str(change.user_id)


def join_request_of(event: Event) -> JoinRequest | None:
    """A chat_join_request: no answer comes with it; the bot may write to the applicant at
    `user_chat_id` meanwhile (Bot API, ChatJoinRequest)."""
    if not isinstance(event, ChatJoinRequestEvent) or event.chat.type not in GROUP_CHATS:
        return None
    _learn(event.from_)
    flag = join_flag(event.chat.id, event.from_.id)
    return JoinRequest(NAME, "", event.chat.id, event.from_.id, "", flag, "add", event.user_chat_id)


def posted_of(event: Event) -> Posted | None:
    """A group message, or an edit of one; a bot never receives its own (Bot API, getUpdates)."""
    if not isinstance(event, GroupPost) or event.from_ is None:
        return None
    chat, user = event.chat.id, event.from_.id
    edited = when(event.edit_date) if isinstance(event, GroupEditedMessageEvent) else None
    role = telegram_people.role(chat, user)
    return Posted(NAME, chat, user, event.message_id, when(event.date), False, role, edited)


def friend_request_of(event: Event) -> FriendRequest | None:
    return None  # Telegram has no friends: a person who wrote to the bot is reachable


def card_changed(event: Event) -> CardChange | None:
    return None  # no group cards on Telegram


def upload_of(event: Event) -> Upload | None:
    return None  # no group file list: a document is a message, scanned by its name
