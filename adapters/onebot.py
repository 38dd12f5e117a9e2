"""The OneBot v11 implementation of the platform port (as NapCat speaks it)."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nonebot.adapters.onebot.v11 import Bot, Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed, NetworkError
from nonebot.log import logger

from adapters.actions import (
    MANAGEMENT,
    Action,
    AnswerJoin,
    DeleteGroupFile,
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
    SetCard,
    Unmute,
)
from adapters.message import Mention, Outgoing, Text
from adapters.pacing import Limiter
from adapters.port import GroupInfo, Member, Role

NO_ANSWER = -1  # the connection failed or timed out: no platform answer at all


def to_message(message: Outgoing) -> Message:
    """Segments, never CQ code: a card or excerpt containing `[CQ:…]` stays plain text."""
    out = Message()
    for part in message:
        if isinstance(part, Text):
            out.append(MessageSegment.text(part.text))
        elif isinstance(part, Mention):
            out.append(MessageSegment.at(part.user_id))
    return out


def to_call(action: Action) -> tuple[str, dict[str, Any]]:
    """The OneBot action name and parameters for `action`."""
    match action:
        case Recall(message_id):
            return "delete_msg", {"message_id": message_id}
        case Mute(group_id, user_id, seconds):
            return "set_group_ban", {"group_id": group_id, "user_id": user_id, "duration": seconds}
        case Unmute(group_id, user_id):
            return "set_group_ban", {"group_id": group_id, "user_id": user_id, "duration": 0}
        case Kick(group_id, user_id, refuse):
            return "set_group_kick", {
                "group_id": group_id,
                "user_id": user_id,
                "reject_add_request": refuse,
            }
        case SetCard(group_id, user_id, card):
            return "set_group_card", {"group_id": group_id, "user_id": user_id, "card": card}
        case SetAdmin(group_id, user_id, enable):
            return "set_group_admin", {"group_id": group_id, "user_id": user_id, "enable": enable}
        case AnswerJoin(flag, sub_type, approve, reason):
            return "set_group_add_request", {
                "flag": flag,
                "sub_type": sub_type,
                "approve": approve,
                "reason": reason,
            }
        case DeleteGroupFile(group_id, file_id):
            return "delete_group_file", {"group_id": group_id, "file_id": file_id}
        case SendGroup(group_id, message):
            return "send_group_msg", {"group_id": group_id, "message": to_message(message)}
        case SendPrivate(user_id, message):
            return "send_private_msg", {"user_id": user_id, "message": to_message(message)}
        case SendPrivateFile(user_id, path, name):  # NapCat: `file` is a path on its machine
            return "upload_private_file", {"user_id": user_id, "file": path, "name": name}
        case SendPrivateImage(user_id, path):  # a file:// URI: NapCat reads it on its machine
            image = Message(MessageSegment.image(Path(path)))
            return "send_private_msg", {"user_id": user_id, "message": image}
    raise TypeError(f"unknown action {action!r}")


def _time(value: Any) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if isinstance(value, int) and value > 0 else None


def _role(value: Any) -> Role:
    return value if value in ("owner", "admin") else "member"


def to_member(data: dict[str, Any]) -> Member:
    return Member(
        user_id=int(data["user_id"]),
        nickname=str(data.get("nickname") or ""),
        card=str(data.get("card") or ""),
        role=_role(data.get("role")),
        join_time=_time(data.get("join_time")),
        last_sent_time=_time(data.get("last_sent_time")),
    )


class OneBotPlatform:
    name = "qq"

    def __init__(self, bot: Bot, limiter: Limiter) -> None:
        self.bot = bot
        self.self_id = bot.self_id
        self.limiter = limiter

    async def _call(self, api: str, **params: Any) -> Any | Refused:
        try:
            return await self.bot.call_api(api, **params)
        except ActionFailed as exc:
            info = exc.info
            refused = Refused(
                int(info.get("retcode") or NO_ANSWER),
                str(info.get("wording") or info.get("message") or info.get("msg") or "")[:150],
            )
            if refused.for_risk:
                logger.warning(f"{api} refused for risk; every action of {self.self_id} waits")
                self.limiter.back_off()
            return refused
        except (TimeoutError, NetworkError) as exc:
            return Refused(NO_ANSWER, f"{type(exc).__name__}: {exc}"[:150])

    async def perform(self, action: Action, *, key: int | None = None) -> Outcome:
        lane = self.limiter.manage if isinstance(action, MANAGEMENT) else self.limiter.send
        await lane.acquire(key)
        api, params = to_call(action)
        answer = await self._call(api, **params)
        return answer if isinstance(answer, Refused) else Done(answer)

    async def member(self, group_id: int, user_id: int) -> Member | Refused:
        data = await self._call(
            "get_group_member_info", group_id=group_id, user_id=user_id, no_cache=True
        )
        return data if isinstance(data, Refused) else to_member(data)

    async def members(self, group_id: int) -> list[Member] | Refused:
        data = await self._call("get_group_member_list", group_id=group_id, no_cache=True)
        return data if isinstance(data, Refused) else [to_member(m) for m in data]

    async def group(self, group_id: int) -> GroupInfo | Refused:
        data = await self._call("get_group_info", group_id=group_id, no_cache=True)
        if isinstance(data, Refused):
            return data
        return GroupInfo(
            group_id=int(data["group_id"]),
            name=str(data.get("group_name") or ""),
            member_count=int(data.get("member_count") or 0),
            max_member_count=int(data.get("max_member_count") or 0),
        )

    async def forward_bundle(self, forward_id: str) -> Any | Refused:
        return await self._call("get_forward_msg", id=forward_id)

    async def message(self, message_id: int) -> Any | Refused:
        return await self._call("get_msg", message_id=message_id)
