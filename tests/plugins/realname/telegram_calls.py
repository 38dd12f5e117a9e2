"""The Bot API calls the real-name duty makes on Telegram, as nonebug sees them, and a filed
Telegram group.

The Telegram Bot's `call_api` validates the result as the method's return type, so a result has
the Bot API's shape; `tg.expect` fills the parameters as the adapter does.
"""

from typing import Any

from nonebot.adapters.telegram.exception import ActionFailed
from nonebug.mixin.call_api import ApiContext

from adapters import events
from adapters.account import Account
from adapters.pacing import Limiter
from adapters.telegram_events import NAME
from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin, Unit
from tests import telegram as tg

UNREACHABLE = "Forbidden: bot can't initiate conversation with a user"


expect = tg.expect


def expect_send(ctx: ApiContext, chat_id: int, text: str, *, refused: str = "") -> None:
    """A sendMessage of plain text (no parse_mode, no entities); `refused`: the Bot API's error."""
    sent = {"message_id": 1, "date": tg.now(), "chat": tg.private_chat(chat_id), "text": text}
    failure = ActionFailed(refused) if refused else None
    expect(ctx, "send_message", {"chat_id": chat_id, "text": text}, sent, exception=failure)


def expect_group_info(ctx: ApiContext, members: int = 30, group_id: int = tg.GROUP) -> None:
    """getChat, then getChatMemberCount (TelegramPlatform.group)."""
    chat = {**tg.chat(group_id), "accent_color_id": 0, "max_reaction_count": 11}
    expect(ctx, "get_chat", {"chat_id": group_id}, chat)
    expect(ctx, "get_chat_member_count", {"chat_id": group_id}, members)


def expect_join_answer(ctx: ApiContext, approve: bool, user_id: int, **answer: Any) -> None:
    method = "approve_chat_join_request" if approve else "decline_chat_join_request"
    expect(ctx, method, {"chat_id": tg.GROUP, "user_id": user_id}, True, **answer)


def expect_admins(ctx: ApiContext, *admins: tuple[int, str]) -> None:
    """getChatAdministrators: (user id, status) pairs, as ChatMember objects."""
    listed = [tg._member(user_id, status) for user_id, status in admins]
    expect(ctx, "get_chat_administrators", {"chat_id": tg.GROUP}, listed)


def known_bot(role: str = "admin") -> None:
    """The test bot's Telegram account, with its role in the test group known (nothing asked)."""
    roles = dict.fromkeys((tg.GROUP, tg.OTHER_GROUP), role)
    account = Account(Limiter(10_000, 10_000, 0), roles=roles)  # type: ignore[arg-type]
    events._accounts[f"fake:{tg.SELF}"] = account


async def filed_telegram_group(
    group_id: int = tg.GROUP,
    *,
    unit: str = "XX社區",
    admins: tuple[int, ...] = (tg.ADMIN,),
    name: str = "XX社區工作群",
) -> Group:
    group = await Group.create(
        platform=NAME,
        group_id=group_id,
        name=name,
        unit=await Unit.get(name=unit),
        type=GroupType.INTERNAL,
        status=GroupStatus.FILED,
        filed_by=admins[0],
        member_count=30,
    )
    for admin in admins:
        await RegisteredAdmin.create(group=group, user_id=admin, added_by=admin)
    return group
