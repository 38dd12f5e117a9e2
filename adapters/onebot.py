"""The OneBot v11 implementation of the platform port (as NapCat speaks it)."""

import asyncio
import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nonebot.adapters.onebot.v11 import Bot, Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed, ApiNotAvailable, NetworkError
from nonebot.log import logger

from adapters.account import Account
from adapters.actions import (
    MANAGEMENT,
    MAX_MUTE_SECONDS,
    Action,
    AnswerFriend,
    AnswerJoin,
    DeleteGroupFile,
    Done,
    Kick,
    Mute,
    Outcome,
    Recall,
    Refused,
    RemoveUpload,
    SendGroup,
    SendPrivate,
    SendPrivateFile,
    SendPrivateImage,
    SetAdmin,
    SetCard,
    Unmute,
    Why,
)
from adapters.message import Mention, Outgoing, Text
from adapters.onebot_events import NAME
from adapters.onebot_queue import Adapter
from adapters.port import (
    Capabilities,
    GroupFile,
    GroupInfo,
    Member,
    PastMessage,
    PendingJoin,
    Role,
    the_upload,
)
from adapters.refusals import classify
from adapters.views import message_time

NO_ANSWER = -1  # the connection failed or timed out: no platform answer at all
FILE_LOOKS = 3  # looks at the group-file list for an upload before giving up
FILE_LOOK_PAUSE = 1.0  # seconds between them
HISTORY_MAX = 100  # messages one history read asks for at most


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
        case Recall(_, message_id):  # QQ numbers messages per account, not per group
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
        case RemoveUpload():
            raise TypeError("RemoveUpload is several calls: OneBotPlatform.perform carries it out")
        case DeleteGroupFile(group_id, file_id):
            return "delete_group_file", {"group_id": group_id, "file_id": file_id}
        case SendGroup(group_id, message):
            return "send_group_msg", {"group_id": group_id, "message": to_message(message)}
        case AnswerFriend(flag, approve):
            return "set_friend_add_request", {"flag": flag, "approve": approve}
        case SendPrivate(user_id, message, via):
            return "send_private_msg", _private(user_id, to_message(message), via)
        case SendPrivateFile(user_id, path, name, via):
            # A file segment in a private message, not upload_private_file: that one builds no
            # temporary session (UploadPrivateFile.ts), so it never reaches a non-friend.
            segment = MessageSegment("file", {"file": _inline(path), "name": name})
            return "send_private_msg", _private(user_id, Message(segment), via)
        case SendPrivateImage(user_id, path, via):
            image = MessageSegment("image", {"file": _inline(path)})
            return "send_private_msg", _private(user_id, Message(image), via)
    raise TypeError(f"unknown action {action!r}")


def _private(user_id: int, message: Message, via: int | None) -> dict[str, Any]:
    """send_private_msg's parameters: with `group_id`, NapCat opens a temporary session through
    that group for a non-friend (ob/action/msg/SendMsg.ts, createContext)."""
    params: dict[str, Any] = {"user_id": user_id, "message": message}
    if via is not None:
        params["group_id"] = via
    return params


def _inline(path: str) -> str:
    """A file's bytes as `base64://…`: a path would be read on NapCat's machine, often another
    container (uriToLocalFile), where it does not exist."""
    return "base64://" + base64.b64encode(Path(path).read_bytes()).decode("ascii")


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


def _rows(data: Any) -> list[dict[str, Any]]:
    """The objects of a list answer; an answer of another shape holds none (never a crash)."""
    return [row for row in data if isinstance(row, dict)] if isinstance(data, list) else []


def to_file(data: dict[str, Any]) -> GroupFile:
    """One entry of get_group_root_files (ob/helper/data.ts, OB11Construct.file)."""
    return GroupFile(
        file_id=str(data.get("file_id") or ""),
        name=str(data.get("file_name") or ""),
        uploader=int(data.get("uploader") or 0),
        uploaded_at=_time(data.get("upload_time")),
        size=int(data.get("file_size") or data.get("size") or 0),
    )


def to_pending_join(data: dict[str, Any]) -> PendingJoin:
    """One join request of get_group_system_msg (ob/action/system/GetSystemMsg.ts): for a join
    request the requester is `invitor_uin`, and `request_id` is the flag that answers it."""
    return PendingJoin(
        group_id=int(data.get("group_id") or 0),
        user_id=int(data.get("invitor_uin") or 0),
        comment=str(data.get("message") or ""),
        flag=str(data.get("request_id") or ""),
        answered=bool(data.get("checked")),
    )


def to_past(group_id: int, data: Any) -> PastMessage | None:
    """One message of get_group_msg_history, in the shape NapCat pushes messages in."""
    if not isinstance(data, dict) or data.get("message_type") != "group":
        return None
    at = message_time(data.get("time"))
    ident, user = data.get("message_id"), data.get("user_id")
    if at is None or not isinstance(ident, int) or not str(user).isdigit():
        return None
    message = data.get("message")
    segments: list[Any] = message if isinstance(message, list) else []
    text = "".join(
        str(s.get("data", {}).get("text", ""))
        for s in segments
        if isinstance(s, dict) and s.get("type") == "text"
    )
    raw = {**data, "post_type": "message", "group_id": group_id}
    return PastMessage(group_id, ident, int(str(user)), at, text, raw)


def join_event(join: PendingJoin) -> dict[str, Any]:
    """A join request read from get_group_system_msg, as NapCat would have pushed it."""
    return {
        "time": int(datetime.now(UTC).timestamp()),
        "post_type": "request",
        "request_type": "group",
        "sub_type": "add",
        "group_id": join.group_id,
        "user_id": join.user_id,
        "comment": join.comment,
        "flag": join.flag,
    }


def _to_group(data: dict[str, Any]) -> GroupInfo:
    return GroupInfo(
        group_id=int(data["group_id"]),
        name=str(data.get("group_name") or ""),
        member_count=int(data.get("member_count") or 0),
        max_member_count=int(data.get("max_member_count") or 0),
    )


# QQ as NapCat serves it (ONEBOT.md): cards, member lists, join answers, forwarded bundles,
# group files and history; a mute under 30 days (SetGroupBan.ts); ownership never moves through
# OneBot; a non-friend is reached through a temporary session from a shared group.
QQ = Capabilities(
    set_card=True,
    list_members=True,
    join_answers=True,
    forward_bundles=True,
    recall_others=True,
    mute_max_seconds=MAX_MUTE_SECONDS,
    transfer_ownership=False,
    group_files=True,
    history=True,
    private_via_group=True,
    appoint_admins="owner",  # set_group_admin: the owner alone
)


class OneBotPlatform:
    name = NAME
    can = QQ

    def __init__(self, bot: Bot, account: Account) -> None:
        self.bot = bot
        self.self_id = bot.self_id
        self.account = account
        self.limiter = account.limiter

    async def _call(self, api: str, **params: Any) -> Any | Refused:
        try:
            return await self.bot.call_api(api, **params)
        except ActionFailed as exc:
            info = exc.info
            retcode = int(info.get("retcode") or NO_ANSWER)
            wording = str(info.get("wording") or info.get("message") or info.get("msg") or "")
            refused = Refused(classify(api, retcode, wording), wording[:150], retcode)
            if refused.for_risk:
                logger.warning(f"{api} refused for risk; {self.self_id} pauses sending")
                self.limiter.back_off()
            return refused
        except (TimeoutError, NetworkError, ApiNotAvailable) as exc:
            # No answer: timed out, the connection ended while waiting, or there is none now.
            return Refused(Why.NO_ANSWER, f"{type(exc).__name__}: {exc}"[:150], NO_ANSWER)

    async def perform(self, action: Action, *, key: int | None = None) -> Outcome:
        if isinstance(action, RemoveUpload):
            return await self._remove_upload(action, key)
        lane = self.limiter.manage if isinstance(action, MANAGEMENT) else self.limiter.send
        await lane.acquire(key)
        api, params = to_call(action)
        answer = await self._call(api, **params)
        return answer if isinstance(answer, Refused) else Done(answer)

    async def _remove_upload(self, action: RemoveUpload, key: int | None) -> Outcome:
        """Find the file in the group-file list, delete it by the list's id, and list again:
        the id in a group_upload notice is refused (ob/action/go-cqhttp/DeleteGroupFile.ts)."""
        found = None
        for attempt in range(FILE_LOOKS):
            files = await self.group_files(action.group_id)
            if isinstance(files, Refused):
                return files
            found = the_upload(files, action.name, action.uploader, action.uploaded_at)
            if found is not None:
                break
            if attempt < FILE_LOOKS - 1:
                await asyncio.sleep(FILE_LOOK_PAUSE)  # the list may lag the notice a moment
        if found is None:
            return Refused(Why.GONE, "群檔案中找不到此檔案")
        outcome = await self.perform(DeleteGroupFile(action.group_id, found.file_id), key=key)
        if isinstance(outcome, Refused):
            return outcome
        after = await self.group_files(action.group_id)
        if isinstance(after, list) and any(f.file_id == found.file_id for f in after):
            return Refused(Why.OTHER, "平台答覆已刪除，但檔案仍在群檔案中")
        return Done({"file_id": found.file_id})

    async def member(self, group_id: int, user_id: int) -> Member | Refused:
        data = await self._call(
            "get_group_member_info", group_id=group_id, user_id=user_id, no_cache=True
        )
        if isinstance(data, Refused):
            if user_id == int(self.self_id) and data.why is Why.NOT_MEMBER:
                self.note_role(group_id, None)
            return data
        member = to_member(data)
        if member.user_id == int(self.self_id):
            self.note_role(group_id, member.role)
        return member

    async def members(self, group_id: int) -> list[Member] | Refused:
        data = await self._call("get_group_member_list", group_id=group_id, no_cache=True)
        if isinstance(data, Refused):
            return data
        found = [to_member(m) for m in _rows(data)]
        me = next((m for m in found if m.user_id == int(self.self_id)), None)
        if me is not None:
            self.note_role(group_id, me.role)
        return found

    async def group(self, group_id: int) -> GroupInfo | Refused:
        data = await self._call("get_group_info", group_id=group_id, no_cache=True)
        return data if isinstance(data, Refused) else _to_group(data)

    async def groups(self) -> list[GroupInfo] | Refused:
        data = await self._call("get_group_list", no_cache=True)
        if isinstance(data, Refused):
            return data
        return [_to_group(g) for g in _rows(data)]

    async def forward_bundle(self, forward_id: str) -> Any | Refused:
        return await self._call("get_forward_msg", id=forward_id)

    async def message(self, message_id: int) -> Any | Refused:
        return await self._call("get_msg", message_id=message_id)

    async def own_role(self, group_id: int) -> Role | None:
        if group_id not in self.account.roles:
            await self.member(group_id, int(self.self_id))  # notes the role on the way
        return self.account.roles.get(group_id)

    def note_role(self, group_id: int, role: Role | None) -> None:
        self.account.note_role(group_id, role)

    async def is_friend(self, user_id: int) -> bool:
        if self.account.friends_stale():
            data = await self._call("get_friend_list", no_cache=False)
            rows = data if isinstance(data, list) else []  # unreadable: none known for a while
            found = (f.get("user_id") for f in rows if isinstance(f, dict))
            self.account.set_friends(frozenset(int(u) for u in found if u is not None))
        return self.account.friends is not None and user_id in self.account.friends

    def befriended(self, user_id: int) -> None:
        self.account.befriended(user_id)

    async def group_files(self, group_id: int) -> list[GroupFile] | Refused:
        data = await self._call("get_group_root_files", group_id=group_id, file_count=200)
        if isinstance(data, Refused):
            return data
        files = data.get("files") if isinstance(data, dict) else None
        return [to_file(f) for f in files or [] if isinstance(f, dict)]

    async def history(self, group_id: int, count: int) -> list[PastMessage] | Refused:
        data = await self._call(
            "get_group_msg_history", group_id=group_id, count=min(count, HISTORY_MAX)
        )
        if isinstance(data, Refused):
            # ob/action/go-cqhttp/GetGroupMsgHistory.ts refuses an empty history (`消息…不存在`)
            return [] if data.why is Why.GONE else data
        messages = data.get("messages") if isinstance(data, dict) else None
        found = [p for m in messages or [] if (p := to_past(group_id, m)) is not None]
        return sorted(found, key=lambda p: p.at)

    async def offer_commands(self, menu: list[tuple[str, str]]) -> Outcome:
        return Done()  # QQ has no command menu for a bot account

    async def redeliver(self, item: PastMessage | PendingJoin) -> None:
        data = item.raw if isinstance(item, PastMessage) else join_event(item)
        # Read as a received frame is (adapters/onebot_queue.py): ids out of range are refused.
        event = Adapter.json_to_event({**data, "self_id": int(self.self_id)})
        if event is not None:
            await self.bot.handle_event(event)  # the adapter's own steps (quotes), then NoneBot

    async def pending_joins(self) -> list[PendingJoin] | Refused:
        data = await self._call("get_group_system_msg", count=50)
        if isinstance(data, Refused):
            return data
        joins = data.get("join_requests") if isinstance(data, dict) else None
        return [to_pending_join(j) for j in joins or [] if isinstance(j, dict)]
