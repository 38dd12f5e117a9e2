"""The fake Bot API's model of Telegram: the bot, users, chats, members, messages, join requests.

Objects render as the Bot API renders them (core.telegram.org/bots/api#available-types; the
fields and their order as tdlib/telegram-bot-api Client.cpp writes them: JsonUser, JsonChat,
JsonChatMember, json_store_administrator_rights, json_store_permissions), so the real adapter's
models (nonebot/adapters/telegram/model.py) validate them: it requires every administrator right
and every restricted permission to be present.
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]

DAY = 86_400
# restrictChatMember / banChatMember: "If user is restricted for more than 366 days or less than
# 30 seconds from the current time, they are considered to be restricted forever".
FOREVER_UNDER, FOREVER_OVER = 30, 366 * DAY
# deleteMessage: "A message can only be deleted if it was sent less than 48 hours ago"
DELETE_WITHIN = 2 * DAY
JOIN_REQUEST_WRITE = 300  # ChatJoinRequest.user_chat_id: usable "for 5 minutes"

# ChatMemberAdministrator's rights for a supergroup (Client.cpp json_store_administrator_rights).
RIGHTS = (
    "can_manage_chat",
    "can_change_info",
    "can_delete_messages",
    "can_invite_users",
    "can_restrict_members",
    "can_pin_messages",
    "can_manage_topics",
    "can_promote_members",
    "can_manage_video_chats",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
# ChatPermissions (Client.cpp json_store_permissions).
PERMISSIONS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)
IN_CHAT = ("creator", "administrator", "member")  # plus "restricted" with is_member


class ApiError(Exception):
    """A refusal as the Bot API answers it: HTTP status = error_code."""

    def __init__(self, code: int, description: str, parameters: Json | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> Json:
        body: Json = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def forbidden(description: str) -> ApiError:
    return ApiError(403, f"Forbidden: {description}")


class Clock:
    """Unix time as Telegram sees it; tests move it on (`shift`) to age messages and requests."""

    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> int:
        return int(time.time() + self.offset)

    def shift(self, seconds: float) -> None:
        self.offset += seconds


@dataclass
class TgUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False
    language_code: str | None = None
    started: bool = False  # has a private chat with the bot: pressed Start or wrote to it
    blocked: bool = False  # blocked the bot: sends fail with 403

    def json(self) -> Json:
        out: Json = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


@dataclass
class TgMember:
    user_id: int
    status: str = "left"  # creator administrator member restricted left kicked
    rights: dict[str, bool] = field(default_factory=dict)
    permissions: dict[str, bool] = field(default_factory=dict)
    is_member: bool = True  # restricted: whether still in the chat
    until_date: int = 0  # restricted / kicked: 0 is forever
    custom_title: str | None = None
    promoted_by: int | None = None  # administrator: who promoted them (can_be_edited)

    @property
    def present(self) -> bool:
        return self.status in IN_CHAT or (self.status == "restricted" and self.is_member)

    def right(self, name: str) -> bool:
        return self.status == "creator" or (
            self.status == "administrator" and self.rights.get(name, False)
        )


@dataclass
class TgMessage:
    chat_id: int
    message_id: int
    from_id: int | None
    date: int
    body: Json  # the Message object as updates and answers carry it


@dataclass
class JoinRequest:
    user_id: int
    date: int
    bio: str | None = None


@dataclass
class TgChat:
    id: int
    type: str  # "supergroup" or "private"
    title: str | None = None
    username: str | None = None
    description: str | None = None
    join_by_request: bool = False
    permissions: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(PERMISSIONS, True))
    members: dict[int, TgMember] = field(default_factory=dict)
    messages: dict[int, TgMessage] = field(default_factory=dict)
    join_requests: dict[int, JoinRequest] = field(default_factory=dict)
    last_message_id: int = 0
    # privacy mode: a bare /command goes to the last bot that wrote in the group
    last_bot_sender: int | None = None

    def new_message_id(self) -> int:
        # Ids count per chat: a supergroup's are its own (message_id "unique inside this chat");
        # the fake counts each private chat apart too, so ids repeat across chats as the docs allow.
        self.last_message_id += 1
        return self.last_message_id


def rights_of(values: dict[str, Any]) -> dict[str, bool]:
    return {name: bool(values.get(name, False)) for name in RIGHTS}


class World:
    """Everything the fake API knows. Users must be known (added, or seen writing) to be found."""

    def __init__(
        self, token: str, username: str, clock: Clock, first_name: str = "群規助手"
    ) -> None:
        self.token = token
        self.clock = clock
        bot_id = int(token.split(":", 1)[0])  # a token starts with the bot's id
        self.bot = TgUser(bot_id, first_name, username=username, is_bot=True)
        self.can_read_all_group_messages = False  # privacy mode, on by default for every bot
        self.users: dict[int, TgUser] = {bot_id: self.bot}
        self.chats: dict[int, TgChat] = {}
        self.commands: dict[tuple[str, str], list[Json]] = {}  # (scope JSON, language) → commands
        self.webhook_url = ""
        self.files: dict[str, Json] = {}  # file_id → the Document/PhotoSize the API knows it by
        self.emit: Callable[[str, Json], int | None] = lambda kind, payload: None

    # --- lookups as the server makes them -----------------------------------------------------

    def user(self, user_id: int) -> TgUser:
        # getChatMember with an id nobody has: "Bad Request: user not found" (Client.cpp
        # TdOnCheckUserCallback's default message).
        if user_id not in self.users:
            raise bad("user not found")
        return self.users[user_id]

    def chat(self, chat_id: str, *, write: bool = False) -> TgChat:
        """`check_chat`: empty → "chat_id is empty"; unknown → "chat not found"; a supergroup the
        bot is not in (or was removed from) → 403 (Client.cpp check_chat_access)."""
        if not chat_id:
            raise bad("chat_id is empty")
        chat: TgChat | None = None
        if chat_id.startswith("@"):
            chat = next((c for c in self.chats.values() if c.username == chat_id[1:]), None)
        else:
            number = to_int(chat_id)
            chat = self.chats.get(number)
            if chat is None and number in self.users and number != self.bot.id:
                chat = self.private(number)  # a user the bot has seen; sending checks more
        if chat is None:
            raise bad("chat not found")
        if chat.type == "supergroup":
            status = self.member(chat, self.bot.id)
            if status.status == "kicked":
                raise forbidden("bot was kicked from the supergroup chat")
            if not status.present and (write or not chat.username):
                raise forbidden("bot is not a member of the supergroup chat")
        return chat

    def private(self, user_id: int) -> TgChat:
        if user_id not in self.chats:
            self.chats[user_id] = TgChat(user_id, "private")
        return self.chats[user_id]

    def member(self, chat: TgChat, user_id: int) -> TgMember:
        """The member as of now: a restriction or ban whose until_date passed has ended."""
        member = chat.members.get(user_id)
        if member is None:
            return TgMember(user_id)
        if member.until_date and member.until_date <= self.clock.now():
            if member.status == "restricted":
                member.status = "member" if member.is_member else "left"
                member.until_date, member.permissions = 0, {}
            elif member.status == "kicked":
                member.status, member.until_date = "left", 0
        return member

    def bot_member(self, chat: TgChat) -> TgMember:
        return self.member(chat, self.bot.id)

    def until(self, until_date: int) -> int:
        """0 for "forever", as the API reads an until_date under 30 s or over 366 days away."""
        ahead = until_date - self.clock.now()
        return 0 if until_date <= 0 or ahead < FOREVER_UNDER or ahead > FOREVER_OVER else until_date

    # --- rendering ------------------------------------------------------------------------------

    def chat_json(self, chat: TgChat) -> Json:
        if chat.type == "private":
            user = self.users[chat.id]
            out: Json = {"id": chat.id, "first_name": user.first_name}
            if user.last_name:
                out["last_name"] = user.last_name
            if user.username:
                out["username"] = user.username
            out["type"] = "private"
            return out
        out = {"id": chat.id, "title": chat.title}
        if chat.username:
            out["username"] = chat.username
        out["type"] = chat.type
        return out

    def full_chat_json(self, chat: TgChat) -> Json:
        # getChat's ChatFullInfo: accent_color_id and max_reaction_count are always there (and
        # the adapter's model requires them).
        out = {**self.chat_json(chat), "accent_color_id": 0, "max_reaction_count": 11}
        if chat.type == "supergroup":
            if chat.description:
                out["description"] = chat.description
            if chat.join_by_request:
                out["join_by_request"] = True
            out["permissions"] = dict(chat.permissions)
        return out

    def member_json(self, chat: TgChat, member: TgMember) -> Json:
        out: Json = {"user": self.users[member.user_id].json(), "status": member.status}
        if member.status == "creator":
            if member.custom_title:
                out["custom_title"] = member.custom_title
            out["is_anonymous"] = False
        elif member.status == "administrator":
            out["can_be_edited"] = member.promoted_by == self.bot.id
            out.update(rights_of(member.rights))
            out["is_anonymous"] = False
            if member.custom_title:
                out["custom_title"] = member.custom_title
        elif member.status == "restricted":
            out["until_date"] = member.until_date
            out.update({name: member.permissions.get(name, False) for name in PERMISSIONS})
            out["is_member"] = member.is_member
        elif member.status == "kicked":
            out["until_date"] = member.until_date
        return out

    def entity_json(self, entity: Json) -> Json:
        """An entity as the API gives it: a text_mention carries the whole user."""
        if entity.get("type") == "text_mention" and "user_id" in entity:
            rest = {k: v for k, v in entity.items() if k != "user_id"}
            user = self.users.get(entity["user_id"], TgUser(entity["user_id"], ""))
            return {**rest, "user": user.json()}
        return entity


@dataclass
class Args:
    """A call's parameters as the server reads them: every value a string (a JSON body's numbers,
    booleans, objects and arrays as their JSON text), files by their multipart field name."""

    values: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def text(self, name: str) -> str:
        return self.values.get(name, "")

    def number(self, name: str, default: int = 0) -> int:
        value = self.text(name)
        return to_int(value) if value else default

    def flag(self, name: str) -> bool:
        return to_bool(self.text(name))

    def parsed(self, name: str) -> Any:
        """The JSON a parameter holds, or None when it is absent or no JSON."""
        try:
            return json.loads(self.text(name)) if self.text(name) else None
        except ValueError:
            return None


def to_int(value: str) -> int:
    """td::to_integer: an optional sign and the leading digits; anything else reads as 0."""
    text = value.strip()
    sign = -1 if text.startswith("-") else 1
    digits = ""
    for char in text.lstrip("+-")[:19]:
        if not char.isdigit():
            break
        digits += char
    return sign * int(digits) if digits else 0


def to_bool(value: str) -> bool:
    return value.strip().lower() in ("true", "yes", "1")  # Client.cpp to_bool
