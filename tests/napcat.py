"""OneBot v11 events and segments in NapCat's shape, as plain dicts (for the test peer).

Paths are NapCat's (NapNeko/NapCatQQ): `ob/` is packages/napcat-onebot/.
"""

import json
import re
import time
from typing import Any

Segment = dict[str, Any]


def now() -> int:
    # ob/event/OneBotEvent.ts: every event's time is Math.floor(Date.now() / 1000)
    return int(time.time())


def text(content: str) -> list[Segment]:
    return [{"type": "text", "data": {"text": content}}]


def at(user_id: int | str) -> Segment:
    return {"type": "at", "data": {"qq": str(user_id)}}


def reply(message_id: int) -> Segment:
    # ob/api/msg.ts replyElement: the quoted message's short id, as a string
    return {"type": "reply", "data": {"id": str(message_id)}}


def forward(forward_id: str) -> Segment:
    """A forwarded bundle: in a test, a reference to a bundle registered with `Peer.add_forward`.

    ob/api/msg.ts multiForwardMsgElement: what NapCat pushes carries only `id` (the carrying
    message's msgId) unless parseMultMsg is set (ob/config/config.ts: default false).
    """
    return {"type": "forward", "data": {"id": forward_id}}


def bundled(user_id: int, message: list[Segment] | str, group_id: int = 0) -> dict[str, Any]:
    """One message of a forwarded bundle; the peer gives it NapCat's ids when it serves it."""
    segments = text(message) if isinstance(message, str) else message
    return {
        "message_id": 0,
        "message_type": "group",
        "group_id": group_id,
        "user_id": user_id,
        "time": now() - 3600,
        "sender": {"user_id": user_id, "nickname": f"u{user_id}", "card": ""},
        "message": segments,
        "message_format": "array",
    }


def _escape(value: str, *, comma: bool) -> str:
    # ob/helper/cqcode.ts CQCodeEscapeText / CQCodeEscape: & [ ] escaped, and , in parameters
    value = value.replace("&", "&amp;").replace("[", "&#91;").replace("]", "&#93;")
    return value.replace(",", "&#44;") if comma else value


def _param(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)


def raw_of(segments: list[Segment]) -> str:
    """`raw_message`: the segments as CQ code (ob/api/msg.ts parseMessageV2, ob/helper/cqcode.ts
    encodeCQCode: objects as JSON, empty values left out)."""
    out = []
    for s in segments:
        if s["type"] == "text":
            out.append(_escape(str(s["data"]["text"]), comma=False))
            continue
        params = "".join(
            f",{k}={_escape(_param(v), comma=True)}"
            for k, v in s["data"].items()
            if v is not None and _param(v)
        )
        out.append(f"[CQ:{s['type']}{params}]")
    return "".join(out).strip()


_CQ = re.compile(r"\[CQ:(\w+)((?:,\w+=[^,\]]*)*)]")  # ob/helper/cqcode.ts `pattern`


def _unescape(value: str) -> str:
    return (
        value.replace("&#91;", "[")
        .replace("&#93;", "]")
        .replace("&#44;", ",")
        .replace("&amp;", "&")
    )


def decode_cq(message: str) -> list[Segment]:
    """A string message as NapCat reads it (ob/helper/cqcode.ts decodeCQCode): CQ codes parsed."""
    out: list[Segment] = []
    last = 0
    for match in _CQ.finditer(message):
        if match.start() > last:
            out.append({"type": "text", "data": {"text": _unescape(message[last : match.start()])}})
        data = {}
        for pair in filter(None, match.group(2).split(",")):
            key, _, value = pair.partition("=")
            data[key] = _unescape(value)
        out.append({"type": match.group(1), "data": data})
        last = match.end()
    if last < len(message):
        out.append({"type": "text", "data": {"text": _unescape(message[last:])}})
    return out


def group_message(
    message_id: int,
    group_id: int,
    group_name: str,
    user_id: int,
    segments: list[Segment],
    sender: dict[str, Any],
    *,
    real_seq: str = "",
    at_time: int | None = None,
    self_id: int | None = None,
) -> dict[str, Any]:
    """ob/api/msg.ts initializeMessage + handleGroupMessage. `time` is parseInt(msgTime) ||
    Date.now(): milliseconds when QQ gave no msgTime (pass `at_time` in ms to send that)."""
    event: dict[str, Any] = {
        "post_type": "message",
        "message_type": "group",
        "sub_type": "normal",
        "message_id": message_id,
        "message_seq": message_id,
        "real_id": message_id,
        "real_seq": real_seq or str(message_id),
        "group_id": group_id,
        "group_name": group_name,
        "user_id": user_id,
        "font": 14,
        "message": segments,
        "message_format": "array",
        "raw_message": raw_of(segments),
        "sender": sender,
    }
    if at_time is not None:
        event["time"] = at_time
    if self_id is not None:
        event["self_id"] = self_id
    return event


def file_segment(name: str, file_id: str, size: int = 2048) -> Segment:
    # ob/api/msg.ts fileElement: file, file_id (fileElement.fileUuid), file_size as a string
    return {"type": "file", "data": {"file": name, "file_id": file_id, "file_size": str(size)}}


def group_upload(
    group_id: int, user_id: int, name: str, file_id: str, size: int = 2048
) -> dict[str, Any]:
    """ob/api/group.ts parseGroupUploadFileEvene: `file.id` is FileNapCatOneBotUUID.encode of the
    message reference (customUUID: the file's md5), not an id delete_group_file accepts."""
    return {
        "post_type": "notice",
        "notice_type": "group_upload",
        "group_id": group_id,
        "user_id": user_id,
        "file": {"id": file_id, "name": name, "size": size, "busid": 102},
    }


def private_message(
    message_id: int,
    user_id: int,
    content: str | list[Segment],
    *,
    nickname: str = "",
    via_group: int | None = None,
    at_time: int | None = None,
) -> dict[str, Any]:
    """ob/api/msg.ts handlePrivateMessage (sub_type friend) or handleTempGroupMessage (group,
    with group_id and temp_source); non-group messages carry target_id (ob/index.ts handleMsg)."""
    segments = text(content) if isinstance(content, str) else content
    event: dict[str, Any] = {
        "post_type": "message",
        "message_type": "private",
        "sub_type": "friend" if via_group is None else "group",
        "message_id": message_id,
        "message_seq": message_id,
        "real_id": message_id,
        "real_seq": str(message_id),
        "user_id": user_id,
        "target_id": user_id,
        "font": 14,
        "message": segments,
        "message_format": "array",
        "raw_message": raw_of(segments),
        "sender": {"user_id": user_id, "nickname": nickname or f"u{user_id}", "card": ""},
    }
    if via_group is not None:
        event["group_id"] = via_group
        event["temp_source"] = 0
    if at_time is not None:
        event["time"] = at_time
    return event


def join_request(group_id: int, user_id: int, comment: str, flag: str) -> dict[str, Any]:
    # ob/event/request/OB11GroupRequest.ts, built in ob/index.ts onGroupNotifiesUpdated;
    # flag is the notify's seq
    return {
        "post_type": "request",
        "request_type": "group",
        "sub_type": "add",
        "group_id": group_id,
        "user_id": user_id,
        "comment": comment,
        "flag": flag,
    }


def friend_request(user_id: int, comment: str, flag: str) -> dict[str, Any]:
    # ob/event/request/OB11FriendRequest.ts, built in ob/index.ts onBuddyReqChange (flag: reqTime)
    return {
        "post_type": "request",
        "request_type": "friend",
        "user_id": user_id,
        "comment": comment,
        "flag": flag,
    }


def member_joined(
    group_id: int, user_id: int, operator_id: int, sub_type: str = "approve"
) -> dict[str, Any]:
    # ob/event/notice/OB11GroupIncreaseEvent.ts
    return {
        "post_type": "notice",
        "notice_type": "group_increase",
        "sub_type": sub_type,
        "group_id": group_id,
        "user_id": user_id,
        "operator_id": operator_id,
    }


def member_left(
    group_id: int, user_id: int, operator_id: int, sub_type: str = "leave"
) -> dict[str, Any]:
    """ob/event/notice/OB11GroupDecreaseEvent.ts: leave, kick, kick_me or disband (ob/api/msg.ts
    groupChangDecreseType2String); operator_id 0 when NapCat could not tell."""
    return {
        "post_type": "notice",
        "notice_type": "group_decrease",
        "sub_type": sub_type,
        "group_id": group_id,
        "user_id": user_id,
        "operator_id": operator_id,
    }


def admin_changed(group_id: int, user_id: int, enabled: bool) -> dict[str, Any]:
    # ob/event/notice/OB11GroupAdminNoticeEvent.ts (ob/api/msg.ts: SysMessage type 44)
    return {
        "post_type": "notice",
        "notice_type": "group_admin",
        "sub_type": "set" if enabled else "unset",
        "group_id": group_id,
        "user_id": user_id,
    }


def card_changed(group_id: int, user_id: int, new: str, old: str) -> dict[str, Any]:
    """NapCat's own notice (Lagrange has none): ob/event/notice/OB11GroupCardEvent.ts."""
    return {
        "post_type": "notice",
        "notice_type": "group_card",
        "group_id": group_id,
        "user_id": user_id,
        "card_new": new,
        "card_old": old,
    }


def recalled(group_id: int, user_id: int, operator_id: int, message_id: int) -> dict[str, Any]:
    # ob/event/notice/OB11GroupRecallNoticeEvent.ts (ob/index.ts emitGroupRecallMsg)
    return {
        "post_type": "notice",
        "notice_type": "group_recall",
        "group_id": group_id,
        "user_id": user_id,
        "operator_id": operator_id,
        "message_id": message_id,
    }


def banned(group_id: int, user_id: int, operator_id: int, duration: int) -> dict[str, Any]:
    # ob/event/notice/OB11GroupBanEvent.ts
    return {
        "post_type": "notice",
        "notice_type": "group_ban",
        "sub_type": "ban" if duration else "lift_ban",
        "group_id": group_id,
        "user_id": user_id,
        "operator_id": operator_id,
        "duration": duration,
    }


def lifecycle_connect() -> dict[str, Any]:
    # ob/event/meta/OB11LifeCycleEvent.ts, sent on open (ob/network/websocket-client.ts)
    return {"post_type": "meta_event", "meta_event_type": "lifecycle", "sub_type": "connect"}


def message_text(message: Any) -> str:
    if isinstance(message, str):
        return message
    parts = []
    for seg in message:
        if seg["type"] == "text":
            parts.append(seg["data"]["text"])
        elif seg["type"] == "at":
            parts.append(f"@{seg['data']['qq']}")
    return "".join(parts)
