"""The Telegram implementation of the platform port (the Bot API through nonebot-adapter-telegram).

Each action maps onto the Bot API (core.telegram.org/bots/api) as TELEGRAM.md describes it:
recall → deleteMessage; mute → restrictChatMember; removal → banChatMember, then
unbanChatMember unless future joins are refused; join answers → approve/declineChatJoinRequest;
admin rights → promoteChatMember. What Telegram has not (cards, a member list, group files,
forwarded bundles, history, fetching a message by id) is refused as UNSUPPORTED, and
`TELEGRAM` says so up front, so duties never ask. Text goes without parse_mode: what a person
wrote stays text; mentions are text_mention entities.
"""

import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.exception import ActionFailed, ApiNotAvailable, NetworkError
from nonebot.log import logger

from adapters import telegram_people
from adapters.account import Account
from adapters.actions import (
    MANAGEMENT,
    Action,
    AnswerJoin,
    Done,
    Kick,
    Mute,
    Outcome,
    Recall,
    Refused,
    SendGroup,
    SendPrivate,
    SendPrivateFile,
    SendPrivateImage,
    SetAdmin,
    Unmute,
    Why,
)
from adapters.port import Capabilities, GroupFile, GroupInfo, Member, PastMessage, PendingJoin, Role
from adapters.telegram_events import NAME, flag_parts, status_role
from adapters.telegram_refusals import classify
from adapters.telegram_text import chunks

NO_ANSWER = -1
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")  # Bot API, BotCommand.command
MENU_MAX = 100  # setMyCommands: at most 100 commands
# restrictChatMember / banChatMember: an until_date under 30 s or over 366 days away is forever.
FOREVER_UNDER = 30
MUTE_MAX = 366 * 24 * 3600
SUPERGROUP_CAP = 200_000  # members a supergroup takes (telegram.org/faq)

TELEGRAM = Capabilities(
    set_card=False,  # setChatAdministratorCustomTitle is for admins only
    list_members=False,  # getChatAdministrators, getChatMember, getChatMemberCount only
    join_answers=False,  # chat_join_request carries no answer
    forward_bundles=False,  # forwards arrive one message at a time (forward_origin)
    recall_others=True,  # deleteMessage: where admin with can_delete_messages, within 48 h
    mute_max_seconds=MUTE_MAX,
    transfer_ownership=False,  # no Bot API method moves ownership
    group_files=False,
    history=False,  # getUpdates keeps what came while the bot was away (24 h): nothing to read back
    private_via_group=False,  # only someone who started the bot, or a join requester for 5 min
    # promoteChatMember: an administrator with can_promote_members (it may demote only the
    # admins it promoted; the refusal says so for the others)
    appoint_admins="admin",
)

_SILENCED = {
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
}
_FREED = {k: True for k in _SILENCED}
# What a group admin needs for the duties (Art. 6): recall, mute and remove, invite, pin.
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_restrict_members",
    "can_invite_users",
    "can_pin_messages",
)


def _until(seconds: int, now: float) -> int:
    """An until_date `seconds` away that Telegram does not read as forever."""
    return int(now) + max(seconds, FOREVER_UNDER + 1)


def _text_params(chat: int, text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    """sendMessage's parameters: no parse_mode ever, entities only where there are mentions."""
    params: dict[str, Any] = {"chat_id": chat, "text": text}
    if entities:
        params["entities"] = entities
    return params


def to_calls(action: Action, now: float) -> list[tuple[str, dict[str, Any]]]:
    """The Bot API calls (the adapter's snake-case names) that carry `action` out, in order;
    [] for an action Telegram has no way to do."""
    match action:
        case Recall(group_id, message_id):
            return [("delete_message", {"chat_id": group_id, "message_id": message_id})]
        case Mute(group_id, user_id, seconds):
            until = _until(min(seconds, MUTE_MAX), now)
            return [
                (
                    "restrict_chat_member",
                    {
                        "chat_id": group_id,
                        "user_id": user_id,
                        "permissions": _SILENCED,
                        "until_date": until,
                    },
                )
            ]
        case Unmute(group_id, user_id):
            params = {"chat_id": group_id, "user_id": user_id, "permissions": _FREED}
            return [("restrict_chat_member", params)]
        case Kick(group_id, user_id, refuse_future):
            ban = ("ban_chat_member", {"chat_id": group_id, "user_id": user_id})
            if refuse_future:
                return [ban]
            lift = {"chat_id": group_id, "user_id": user_id, "only_if_banned": True}
            return [ban, ("unban_chat_member", lift)]
        case SetAdmin(group_id, user_id, enable):
            rights = {right: enable for right in _ADMIN_RIGHTS}
            return [("promote_chat_member", {"chat_id": group_id, "user_id": user_id, **rights})]
        case AnswerJoin(flag, _, approve, _):
            parts = flag_parts(flag)
            if parts is None:
                return []
            method = "approve_chat_join_request" if approve else "decline_chat_join_request"
            return [(method, {"chat_id": parts[0], "user_id": parts[1]})]
        case SendGroup(chat, message) | SendPrivate(chat, message, _):
            # A private chat's id is the person's own (Bot API: ChatJoinRequest.user_chat_id
            # "…the identifier of the user"); `via` has no meaning on Telegram.
            return [
                ("send_message", _text_params(chat, text, entities))
                for text, entities in chunks(message, telegram_people.shown_name)
            ]
        case SendPrivateFile(user_id, path, name, _):
            document = (name, Path(path).read_bytes())
            return [("send_document", {"chat_id": user_id, "document": document})]
        case SendPrivateImage(user_id, path, _):
            photo = (Path(path).name, Path(path).read_bytes())
            return [("send_photo", {"chat_id": user_id, "photo": photo})]
    return []  # a card, a friend request, group files: not on Telegram


def to_member(chat_member: Any) -> Member | None:
    """A getChatMember answer as a Member; None when the person is not in the chat."""
    role = status_role(chat_member)
    if role is None:
        return None
    user = chat_member.user
    name = " ".join(p for p in (user.first_name, user.last_name) if p)
    return Member(user_id=int(user.id), nickname=name, card="", role=role)


class TelegramPlatform:
    name = NAME
    can = TELEGRAM

    def __init__(self, bot: Bot, account: Account) -> None:
        self.bot = bot
        self.self_id = bot.self_id
        self.account = account
        self.limiter = account.limiter

    async def _call(self, api: str, **params: Any) -> Any | Refused:
        try:
            return await self.bot.call_api(api, **params)
        except ActionFailed as exc:
            wording = str(exc.description or "")
            refused = Refused(classify(api, wording), wording[:150])
            return refused
        except NetworkError as exc:
            # The adapter raises NetworkError for every status past 404, 429 included, with
            # the answer in the text (adapter.py, _call_api).
            wording = str(exc.msg or "")
            refused = Refused(classify(api, wording), wording[:150], NO_ANSWER)
            if refused.for_risk:
                logger.warning(f"{api} refused by flood control; {self.self_id} pauses sending")
                self.limiter.back_off()
            return refused
        except (TimeoutError, ApiNotAvailable) as exc:
            return Refused(Why.NO_ANSWER, f"{type(exc).__name__}: {exc}"[:150], NO_ANSWER)

    async def perform(self, action: Action, *, key: int | None = None) -> Outcome:
        calls = to_calls(action, time.time())
        if not calls:
            return Refused(Why.UNSUPPORTED, "Telegram 沒有此功能")
        lane = self.limiter.manage if isinstance(action, MANAGEMENT) else self.limiter.send
        answer: Any = None
        for api, params in calls:
            await lane.acquire(key)
            answer = await self._call(api, **params)
            if isinstance(answer, Refused):
                return answer
        return Done(answer)

    async def member(self, group_id: int, user_id: int) -> Member | Refused:
        data = await self._call("get_chat_member", chat_id=group_id, user_id=user_id)
        if isinstance(data, Refused):
            return data
        member = to_member(data)
        if str(user_id) == self.self_id:
            self.note_role(group_id, member.role if member else None)
        if member is None:
            return Refused(Why.NOT_MEMBER, "不在群中")
        telegram_people.note_role(group_id, user_id, member.role)
        return member

    async def administrators(self, group_id: int) -> list[Member] | Refused:
        data = await self._call("get_chat_administrators", chat_id=group_id)
        if isinstance(data, Refused):
            return data
        found = [m for row in data if (m := to_member(row)) is not None]
        telegram_people.note_admins(group_id, {m.user_id: m.role for m in found})
        return found

    async def members(self, group_id: int) -> list[Member] | Refused:
        """No member list on Telegram: the administrators as the API lists them, and everyone
        else the bot has seen join or write and not leave (core.members)."""
        from core import members as known

        admins = await self.administrators(group_id)
        if isinstance(admins, Refused):
            return admins
        listed = {m.user_id for m in admins}
        rest = [
            replace(m, nickname=m.nickname or telegram_people.name_of(m.user_id))
            for m in await known.of_group(NAME, group_id)
            if m.user_id not in listed
        ]
        return [*admins, *rest]

    async def group(self, group_id: int) -> GroupInfo | Refused:
        chat = await self._call("get_chat", chat_id=group_id)
        if isinstance(chat, Refused):
            return chat
        count = await self._call("get_chat_member_count", chat_id=group_id)
        members = count if isinstance(count, int) else 0
        title = str(getattr(chat, "title", "") or "")
        return GroupInfo(group_id, title, members, SUPERGROUP_CAP)

    async def groups(self) -> list[GroupInfo] | Refused:
        """The Bot API lists no bot's chats: the groups this account was seen in, by its own
        updates, as core.accounts keeps them (stored, so they outlive a restart)."""
        from core import accounts

        return [GroupInfo(g, "", 0, 0) for g in accounts.groups_of(NAME, self.self_id)]

    async def forward_bundle(self, forward_id: str) -> Any | Refused:
        return Refused(Why.UNSUPPORTED, "Telegram 的轉發逐條到達")

    async def message(self, message_id: int) -> Any | Refused:
        return Refused(Why.UNSUPPORTED, "Telegram 不能按編號讀取訊息")

    async def own_role(self, group_id: int) -> Role | None:
        if group_id not in self.account.roles:
            await self.member(group_id, int(self.self_id))  # notes the role on the way
        return self.account.roles.get(group_id)

    def note_role(self, group_id: int, role: Role | None) -> None:
        self.account.note_role(group_id, role)

    async def is_friend(self, user_id: int) -> bool:
        return False  # no friends on Telegram; a private message goes straight to the person

    def befriended(self, user_id: int) -> None:
        return None

    async def group_files(self, group_id: int) -> list[GroupFile] | Refused:
        return Refused(Why.UNSUPPORTED, "Telegram 沒有群檔案")

    async def history(self, group_id: int, count: int) -> list[PastMessage] | Refused:
        return []  # getUpdates keeps what came while the bot was away: nothing is missed

    async def pending_joins(self) -> list[PendingJoin] | Refused:
        return []  # pending chat_join_request updates wait in getUpdates, as messages do

    async def offer_commands(self, menu: list[tuple[str, str]]) -> Outcome:
        """setMyCommands: the Latin aliases (1-32 of a-z, 0-9 and _, at most 100), each
        described by its Chinese name, which people may type as well."""
        commands = [
            {"command": latin, "description": f"/{canonical}"}
            for latin, canonical in menu
            if COMMAND_NAME.fullmatch(latin)
        ][:MENU_MAX]
        await self.limiter.send.acquire(None)
        answer = await self._call("set_my_commands", commands=commands)
        return answer if isinstance(answer, Refused) else Done(answer)

    async def redeliver(self, item: PastMessage | PendingJoin) -> None:
        return None  # nothing is read back on Telegram (see history)
