"""What the bot has learnt of Telegram people from the updates it received, kept in memory.

Telegram's events say neither the sender's role nor who an `@username` is, and there is no
member list to ask (TELEGRAM.md). What the bot has seen fills the gap: administrators as
getChatAdministrators or a chat_member update last said, and the account behind each username
that has written or joined. Both are bounded; what is not known reads as unknown (a plain
member; the username left as a word).
"""

from collections import OrderedDict

from adapters.port import Role

REMEMBERED_CHATS = 2048
REMEMBERED_NAMES = 50_000

_roles: OrderedDict[int, dict[int, Role]] = OrderedDict()  # chat id → {user id: owner/admin}
_names: OrderedDict[str, int] = OrderedDict()  # username, lower case, no @ → user id
_shown: OrderedDict[int, str] = OrderedDict()  # user id → the name they go by


def note_admins(chat_id: int, admins: dict[int, Role]) -> None:
    """The chat's owner and administrators, as getChatAdministrators listed them."""
    _roles[chat_id] = dict(admins)
    _roles.move_to_end(chat_id)
    while len(_roles) > REMEMBERED_CHATS:
        _roles.popitem(last=False)


def note_role(chat_id: int, user_id: int, role: Role | None) -> None:
    """One person's role changed (a chat_member update); None: no longer in the chat."""
    known = _roles.setdefault(chat_id, {})
    if role in ("owner", "admin"):
        known[user_id] = role
    else:
        known.pop(user_id, None)


def admins_known(chat_id: int) -> bool:
    return chat_id in _roles


def role(chat_id: int, user_id: int) -> Role:
    return _roles.get(chat_id, {}).get(user_id, "member")


def note_user(user_id: int, username: str | None, first_name: str = "") -> None:
    """A person seen in an update: their username (for `@name` mentions) and shown name."""
    if first_name:
        _shown[user_id] = first_name
        _shown.move_to_end(user_id)
        while len(_shown) > REMEMBERED_NAMES:
            _shown.popitem(last=False)
    if not username:
        return
    key = username.lower()
    _names[key] = user_id
    _names.move_to_end(key)
    while len(_names) > REMEMBERED_NAMES:
        _names.popitem(last=False)


def shown_name(user_id: int) -> str:
    """How a mention of `user_id` reads: their first name as seen, else the account number."""
    return _shown.get(user_id, str(user_id))


def by_username(mention: str) -> int | None:
    """The account behind `@name`, when the bot has seen it."""
    return _names.get(mention.removeprefix("@").lower())


def forget() -> None:
    _roles.clear()
    _names.clear()
    _shown.clear()
