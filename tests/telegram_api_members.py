"""Members in the fake Bot API: who is in a chat, and what the bot may do to them.

Sources: core.telegram.org/bots/api (#restrictchatmember, #banchatmember, #unbanchatmember,
#promotechatmember, #setchatadministratorcustomtitle, #approvechatjoinrequest, #getchatmember,
#getchatadministrators, #chatmemberupdated) and tdlib/telegram-bot-api Client.cpp
(`process_*_query` of each, `get_chat_permissions`, `JsonChatMembers`). A wording marked
"observed" is Telegram's answer as bots meet it (from TDLib's server errors, not in Client.cpp).
"""

from tests.telegram_api_messages import deliver, store
from tests.telegram_api_state import (
    PERMISSIONS,
    RIGHTS,
    Args,
    Json,
    TgChat,
    TgMember,
    World,
    bad,
    rights_of,
)

RESTRICT_RIGHTS = "not enough rights to restrict/unrestrict chat member"  # observed


def change(world: World, chat: TgChat, new: TgMember, by: int, **extra: object) -> None:
    """Set a member's status; the ChatMemberUpdated it causes: my_chat_member for the bot's own,
    chat_member for others' ("The bot must be an administrator in the chat", #update)."""
    old = world.member(chat, new.user_id)
    before = world.member_json(chat, old)
    chat.members[new.user_id] = new
    after = world.member_json(chat, new)
    if before == after:
        return
    payload: Json = {"chat": world.chat_json(chat), "from": world.users[by].json()}
    payload["date"] = world.clock.now()
    payload.update({"old_chat_member": before, "new_chat_member": after, **extra})
    if new.user_id == world.bot.id:
        world.emit("my_chat_member", payload)
    elif world.bot_member(chat).status in ("creator", "administrator"):
        world.emit("chat_member", payload)


def service(world: World, chat: TgChat, sender: int, fields: Json) -> None:
    """A service message (a join, a leave): the bot gets none of its own (it is their sender)."""
    message = store(world, chat, world.users[sender], fields)
    if sender != world.bot.id:
        deliver(world, chat, message)


def _supergroup(world: World, args: Args, message: str) -> TgChat:
    chat = world.chat(args.text("chat_id"), write=True)
    if chat.type != "supergroup":
        raise bad(message)
    return chat


def _user_id(world: World, args: Args) -> int:
    user_id = max(args.number("user_id"), 0)
    if not user_id:
        raise bad("invalid user_id specified")  # Client.cpp get_user_id
    world.user(user_id)
    return user_id


def _can_restrict(world: World, chat: TgChat) -> None:
    if not world.bot_member(chat).right("can_restrict_members"):
        raise bad(RESTRICT_RIGHTS)


def _untouchable(member: TgMember) -> None:
    if member.status == "creator":
        raise bad("can't remove chat owner")  # observed
    if member.status == "administrator":
        raise bad("user is an administrator of the chat")  # Client.cpp: USER_ADMIN_INVALID


# --- reading -------------------------------------------------------------------------------------


def get_chat_member(world: World, args: Args) -> Json:
    chat = world.chat(args.text("chat_id"))
    user_id = _user_id(world, args)
    if chat.type == "private":
        status = "member" if user_id in (chat.id, world.bot.id) else "left"
        return world.member_json(chat, TgMember(user_id, status))
    return world.member_json(chat, world.member(chat, user_id))  # a stranger is "left"


def get_chat_administrators(world: World, args: Args) -> list[Json]:
    chat = world.chat(args.text("chat_id"))
    if chat.type == "private":
        raise bad("there are no administrators in the private chat")
    # "a list of administrators in a chat, which aren't bots" — the bot itself is listed
    # (Client.cpp JsonChatMembers skips bots other than itself).
    admins = [
        world.member(chat, uid)
        for uid, m in chat.members.items()
        if m.status in ("creator", "administrator")
        and (not world.users[uid].is_bot or uid == world.bot.id)
    ]
    admins.sort(key=lambda m: m.status != "creator")
    return [world.member_json(chat, m) for m in admins]


def get_chat_member_count(world: World, args: Args) -> int:
    chat = world.chat(args.text("chat_id"))
    if chat.type == "private":
        return 1 + (chat.id != world.bot.id)
    return sum(world.member(chat, uid).present for uid in chat.members)


def get_chat(world: World, args: Args) -> Json:
    return world.full_chat_json(world.chat(args.text("chat_id")))


# --- restricting, banning ------------------------------------------------------------------------


def _permissions(args: Args) -> dict[str, bool]:
    """`get_chat_permissions`: what is not named is not allowed; without
    use_independent_chat_permissions, media or polls allowed imply text."""
    independent = args.flag("use_independent_chat_permissions")
    given = args.parsed("permissions")
    if args.text("permissions") and given is None:
        raise bad("can't parse permissions JSON object")
    if args.text("permissions") and not isinstance(given, dict):
        raise bad("object expected as permissions")
    values = given if isinstance(given, dict) else {k: args.flag(k) for k in PERMISSIONS}
    out = {name: bool(values.get(name, False)) for name in PERMISSIONS}
    media = PERMISSIONS[1:7]  # audios, documents, photos, videos, video notes, voice notes
    if not any(name in values for name in media):
        for name in media:
            out[name] = bool(values.get("can_send_media_messages", False))
        if values.get("can_send_media_messages") and not independent:
            out["can_send_messages"] = True
    if "can_manage_topics" not in values:
        out["can_manage_topics"] = out["can_pin_messages"]
    if not independent and (out["can_send_other_messages"] or out["can_add_web_page_previews"]):
        out.update(dict.fromkeys((*media, "can_send_messages"), True))
    if not independent and out["can_send_polls"]:
        out["can_send_messages"] = True
    return out


def restrict_chat_member(world: World, args: Args) -> bool:
    chat = _supergroup(world, args, "method is available only for supergroups")
    user_id = _user_id(world, args)
    permissions = _permissions(args)
    _can_restrict(world, chat)
    member = world.member(chat, user_id)
    _untouchable(member)
    if all(permissions.values()):  # nothing left restricted: an ordinary member (or not in it)
        new = TgMember(user_id, "member" if member.present else "left")
    else:
        until = world.until(args.number("until_date"))
        new = TgMember(user_id, "restricted", permissions=permissions, until_date=until)
        new.is_member = member.present
    change(world, chat, new, world.bot.id)
    return True


def ban_chat_member(world: World, args: Args) -> bool:
    chat = _supergroup(world, args, "method is available for supergroup and channel chats only")
    user_id = _user_id(world, args)
    _can_restrict(world, chat)
    member = world.member(chat, user_id)
    _untouchable(member)
    until = world.until(args.number("until_date"))
    change(world, chat, TgMember(user_id, "kicked", until_date=until), world.bot.id)
    if member.present:
        service(world, chat, world.bot.id, {"left_chat_member": world.users[user_id].json()})
    # revoke_messages: "Pass True to delete all messages from the chat for the user"
    if args.flag("revoke_messages"):
        for message_id in [k for k, m in chat.messages.items() if m.from_id == user_id]:
            del chat.messages[message_id]
    return True


def unban_chat_member(world: World, args: Args) -> bool:
    chat = _supergroup(world, args, "method is available for supergroup and channel chats only")
    user_id = _user_id(world, args)
    _can_restrict(world, chat)
    member = world.member(chat, user_id)
    if args.flag("only_if_banned") and member.status != "kicked":
        return True  # "the user will not be removed from the chat if they are a member"
    # "By default, this method guarantees that after the call the user is not a member of the
    # chat, but will be able to join it. So if the user is a member of the chat they will also
    # be removed from the chat."
    _untouchable(member)
    change(world, chat, TgMember(user_id, "left"), world.bot.id)
    if member.present:
        service(world, chat, world.bot.id, {"left_chat_member": world.users[user_id].json()})
    return True


# --- admins --------------------------------------------------------------------------------------


def promote_chat_member(world: World, args: Args) -> bool:
    chat = _supergroup(world, args, "method is available for supergroup and channel chats only")
    user_id = _user_id(world, args)
    own = world.bot_member(chat)
    if not own.right("can_promote_members"):
        raise bad("not enough rights")  # observed (CHAT_ADMIN_REQUIRED)
    member = world.member(chat, user_id)
    if member.status == "creator":
        raise bad("USER_CREATOR")  # observed: the owner's rights are not the bot's to change
    if not member.present:
        raise bad("USER_NOT_PARTICIPANT")  # observed: "user_id must be a member"
    if member.status == "administrator" and member.promoted_by != world.bot.id:
        raise bad("CHAT_ADMIN_REQUIRED")  # an admin someone else promoted
    asked = rights_of({name: args.flag(name) for name in RIGHTS})
    if any(on and not own.right(name) for name, on in asked.items()):
        raise bad("RIGHT_FORBIDDEN")  # a bot grants only rights it has itself
    if any(asked.values()):
        new = TgMember(user_id, "administrator", rights=asked, promoted_by=world.bot.id)
        new.custom_title = member.custom_title if member.status == "administrator" else None
    else:
        new = TgMember(user_id, "member")  # "Pass False for all boolean parameters to demote"
    change(world, chat, new, world.bot.id)
    return True


def set_chat_administrator_custom_title(world: World, args: Args) -> bool:
    chat = world.chat(args.text("chat_id"), write=True)
    if chat.type != "supergroup":
        raise bad("method is available only for groups and supergroups")
    user_id = _user_id(world, args)
    member = world.member(chat, user_id)
    if member.status == "creator":
        raise bad("only the owner can edit their custom title")
    if member.status != "administrator":
        raise bad("user is not an administrator")
    if member.promoted_by != world.bot.id:
        raise bad("not enough rights to change custom title of the user")
    title = args.text("custom_title")
    if len(title) > 16:  # "0-16 characters, emoji are not allowed"
        raise bad("CUSTOM_TITLE_INVALID")
    if any(ord(char) >= 0x1F000 for char in title):
        raise bad("CUSTOM_TITLE_EMOJI_NOT_ALLOWED")
    member.custom_title = title or None
    return True


# --- join requests, leaving ----------------------------------------------------------------------


def _join_request(world: World, args: Args) -> tuple[TgChat, int]:
    chat = world.chat(args.text("chat_id"), write=True)
    user_id = _user_id(world, args)
    if not world.bot_member(chat).right("can_invite_users"):
        raise bad("CHAT_ADMIN_REQUIRED")  # "must have the can_invite_users administrator right"
    if user_id not in chat.join_requests:
        raise bad("HIDE_REQUESTER_MISSING")  # observed: no such pending request
    return chat, user_id


def approve_chat_join_request(world: World, args: Args) -> bool:
    chat, user_id = _join_request(world, args)
    del chat.join_requests[user_id]
    change(world, chat, TgMember(user_id, "member"), world.bot.id, via_join_request=True)
    # The group shows "joined by request", sent by the new member.
    service(world, chat, user_id, {"new_chat_members": [world.users[user_id].json()]})
    return True


def decline_chat_join_request(world: World, args: Args) -> bool:
    chat, user_id = _join_request(world, args)
    del chat.join_requests[user_id]
    return True


def leave_chat(world: World, args: Args) -> bool:
    chat = world.chat(args.text("chat_id"))
    if chat.type == "supergroup":
        change(world, chat, TgMember(world.bot.id, "left"), world.bot.id)
    return True
