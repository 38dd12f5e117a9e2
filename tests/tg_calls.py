"""The Bot API calls a Telegram bot under nonebug is expected to make, and a Telegram test world:
the one module of such expectations (tests/telegram.py builds the updates).

The adapter's Bot.call_api fills every parameter of the method it is not given with None
(nonebot/adapters/telegram/bot.py), and validates the answer against the method's return type;
`expect` fills them through tg.expect (and checks each name is the method's), so a test names only
what the bot sends, and gives an answer in the Bot API's shape. Use the fixture with
`pytestmark = pytest.mark.usefixtures("telegram_world")` (and import it), or `known_bot()` for a
world where nobody's role is known yet.
"""

import inspect
import itertools
from collections.abc import AsyncIterator, Iterable
from typing import Any

import pytest
from nonebot.adapters.telegram.api import API
from nonebot.adapters.telegram.exception import ActionFailed
from nonebug.mixin.call_api import ApiContext

from adapters.port import Role
from adapters.telegram_events import NAME
from core.org import Account
from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin, Unit
from tests import telegram as tg

UNREACHABLE = "Forbidden: bot can't initiate conversation with a user"  # sendMessage's 403


def params(api: str, **given: Any) -> dict[str, Any]:
    """The parameters `api` reaches the adapter with: every one not given is None."""
    names = [p for p in inspect.signature(getattr(API, api)).parameters if p != "self"]
    unknown = set(given) - set(names)
    assert not unknown, f"{api} takes no {unknown}"
    return tg.filled(api, given)


def expect(ctx: ApiContext, api: str, result: Any = True, **given: Any) -> None:
    tg.expect(ctx, api, params(api, **given), result)


def refuse(ctx: ApiContext, api: str, description: str, **given: Any) -> None:
    """The Bot API answers `api` with an error (a 4xx: the adapter raises ActionFailed)."""
    tg.expect(ctx, api, params(api, **given), None, exception=ActionFailed(description))


_ids = itertools.count(90_000)


def sent(chat_id: int, text: str) -> dict[str, Any]:
    """The Message sendMessage answers with (Bot API, Message: id, date and chat required;
    the adapter parses it)."""
    where = tg.private_chat(chat_id) if chat_id > 0 else tg.chat(chat_id)
    return {"message_id": next(_ids), "date": tg.now(), "chat": where, "text": text}


class _AnyText:
    """Equals any text that is not empty (a sendMessage whose wording another test checks)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and bool(other)

    def __repr__(self) -> str:
        return "ANY_TEXT"

    __hash__ = None  # type: ignore[assignment]


ANY_TEXT: Any = _AnyText()


def on_telegram(accounts: Iterable[Account]) -> list[int]:
    """The Telegram ids of the organisation's people among `accounts`: whom a notice through the
    Telegram account reaches when no QQ account is connected (core.people)."""
    return [a.user_id for a in accounts if a.platform == NAME]


def expect_send(ctx: ApiContext, chat_id: int, text: Any, *, refused: str = "") -> None:
    """A sendMessage of plain `text` (no mentions) to `chat_id`, a person or a group; `text` may
    be a matcher (ANY_TEXT, a capture). `refused`: the Bot API's error instead of the Message."""
    if refused:
        refuse(ctx, "send_message", refused, chat_id=chat_id, text=text)
    else:
        answer = sent(chat_id, text if isinstance(text, str) else "…")
        expect(ctx, "send_message", answer, chat_id=chat_id, text=text)


def mention(user_id: int, offset: int = 0, name: str | None = None) -> dict[str, Any]:
    """The text_mention entity the bot sends for a mention (adapters/telegram_text.py)."""
    shown = "@" + (name or str(user_id))
    user = {"id": user_id, "is_bot": False, "first_name": shown[1:]}
    return {"type": "text_mention", "offset": offset, "length": len(shown), "user": user}


def expect_mention(
    ctx: ApiContext, user_id: int, text: str, chat_id: int = tg.GROUP, name: str | None = None
) -> None:
    """A group message that starts with a mention of `user_id` followed by `text`; the mention
    shows the first name the bot saw the person by (tests.telegram's users are all 用戶), else
    the account number."""
    said = "@" + (name or str(user_id)) + text
    entities = [mention(user_id, name=name)]
    expect(ctx, "send_message", sent(chat_id, said), chat_id=chat_id, text=said, entities=entities)


class Around:
    """Equals an int within `slack` of `value` (an until_date the bot computes from its clock)."""

    def __init__(self, value: int, slack: int = 5) -> None:
        self.value, self.slack = value, slack

    def __eq__(self, other: object) -> bool:
        return isinstance(other, int) and abs(other - self.value) <= self.slack

    def __repr__(self) -> str:
        return f"Around({self.value}±{self.slack})"

    __hash__ = None  # type: ignore[assignment]


SILENCED = {
    "can_send_messages": False,
    "can_send_audios": False,
    "can_send_documents": False,
    "can_send_photos": False,
    "can_send_videos": False,
    "can_send_video_notes": False,
    "can_send_voice_notes": False,
    "can_send_polls": False,
    "can_send_other_messages": False,
    "can_add_web_page_previews": False,
}  # restrictChatMember's permissions for a mute (Bot API, ChatPermissions)


def expect_mute(ctx: ApiContext, user_id: int, seconds: int, chat_id: int = tg.GROUP) -> None:
    until = Around(tg.now() + seconds)
    expect(
        ctx,
        "restrict_chat_member",
        chat_id=chat_id,
        user_id=user_id,
        permissions=SILENCED,
        until_date=until,
    )


def expect_removal(ctx: ApiContext, user_id: int, chat_id: int = tg.GROUP) -> None:
    """A removal that is no ban (banChatMember, then unbanChatMember), and the look after it."""
    expect(ctx, "ban_chat_member", chat_id=chat_id, user_id=user_id)
    expect(ctx, "unban_chat_member", chat_id=chat_id, user_id=user_id, only_if_banned=True)
    expect_member(ctx, user_id, "left", chat_id)


def expect_ban(ctx: ApiContext, user_id: int, chat_id: int = tg.GROUP) -> None:
    """A removal that refuses re-joining: banChatMember alone, and the look after it."""
    expect(ctx, "ban_chat_member", chat_id=chat_id, user_id=user_id)
    expect_member(ctx, user_id, "kicked", chat_id)


def chat_member(user_id: int, status: str) -> dict[str, Any]:
    return tg._member(user_id, status)


def expect_member(ctx: ApiContext, user_id: int, status: str, chat_id: int = tg.GROUP) -> None:
    expect(ctx, "get_chat_member", chat_member(user_id, status), chat_id=chat_id, user_id=user_id)


def expect_admins(ctx: ApiContext, *people: tuple[int, str], chat_id: int = tg.GROUP) -> None:
    """getChatAdministrators: the owner and admins as (user id, status) pairs, ChatMember objects
    (bots left out, as the Bot API does)."""
    found = [chat_member(user_id, status) for user_id, status in people]
    expect(ctx, "get_chat_administrators", found, chat_id=chat_id)


OWNER_AND_ADMIN = ((tg.OWNER, "creator"), (tg.ADMIN, "administrator"))  # tg.GROUP's, as listed


def expect_group_info(ctx: ApiContext, members: int = 30, group_id: int = tg.GROUP) -> None:
    """getChat, then getChatMemberCount (TelegramPlatform.group)."""
    chat = {**tg.chat(group_id), "accent_color_id": 0, "max_reaction_count": 11}
    expect(ctx, "get_chat", chat, chat_id=group_id)
    expect(ctx, "get_chat_member_count", members, chat_id=group_id)


def expect_join_answer(
    ctx: ApiContext, approve: bool, user_id: int, group_id: int = tg.GROUP
) -> None:
    """approveChatJoinRequest or declineChatJoinRequest."""
    method = "approve_chat_join_request" if approve else "decline_chat_join_request"
    expect(ctx, method, chat_id=group_id, user_id=user_id)


async def filed_tg_group(
    group_id: int = tg.GROUP,
    *,
    status: GroupStatus = GroupStatus.FILED,
    group_type: GroupType = GroupType.INTERNAL,
    unit: str = "XX社區",
    admins: tuple[int, ...] = (tg.ADMIN,),
    name: str = "XX社區工作群",
) -> Group:
    """A Telegram group filed in the registry (as tests/plugins/registry/helpers files QQ's)."""
    group = await Group.create(
        platform=NAME,
        group_id=group_id,
        name=name,
        unit=await Unit.get(name=unit),
        type=group_type,
        status=status,
        filed_by=admins[0] if admins else tg.OWNER,
        member_count=30,
    )
    for admin in admins:
        await RegisteredAdmin.create(group=group, user_id=admin, added_by=admin)
    return group


def bot_role(role: str, group_id: int = tg.GROUP) -> None:
    """The Telegram test bot's own role in a group, as a getChatMember would have told it."""
    from adapters import events

    account = events._accounts[f"fake:{tg.SELF}"]
    account.roles[group_id] = role  # type: ignore[assignment]


def known_bot(role: str = "admin") -> None:
    """The test bot's Telegram account, its role in tg.GROUP and tg.OTHER_GROUP known (nothing
    asked), and nobody else's: a sender's role is asked (getChatMember)."""
    _bot_account(dict.fromkeys((tg.GROUP, tg.OTHER_GROUP), role))


def _bot_account(roles: dict[int, str]) -> None:
    from adapters import events
    from adapters.account import Account as BotAccount
    from adapters.pacing import Limiter

    account = BotAccount(Limiter(10_000, 10_000, 0), roles=roles)  # type: ignore[arg-type]
    events._accounts[f"fake:{tg.SELF}"] = account


CHAT_ADMINS: dict[int, Role] = {tg.OWNER: "owner", tg.ADMIN: "admin"}


@pytest.fixture
async def telegram_world() -> AsyncIterator[None]:
    """The test bot an admin of tg.GROUP (its own role known: no getChatMember for it unless a
    test asks), and the group's owner and admin known as getChatAdministrators told them, so a
    sender's role is not asked (a test of the asking forgets them: telegram_people.forget)."""
    from adapters import telegram_people

    _bot_account({tg.GROUP: "admin"})
    telegram_people.note_admins(tg.GROUP, CHAT_ADMINS)
    yield
    telegram_people.forget()
