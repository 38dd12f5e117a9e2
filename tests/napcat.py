"""OneBot v11 events and segments in NapCat's shape, as plain dicts (for the test peer)."""

import time
from typing import Any

Segment = dict[str, Any]


def text(content: str) -> list[Segment]:
    return [{"type": "text", "data": {"text": content}}]


def at(user_id: int) -> Segment:
    return {"type": "at", "data": {"qq": str(user_id)}}


def forward(forward_id: str) -> Segment:
    """A forwarded bundle as a received message carries it (fetched with get_forward_msg)."""
    return {"type": "forward", "data": {"id": forward_id}}


def bundled(user_id: int, message: list[Segment] | str, group_id: int = 0) -> dict[str, Any]:
    """One message of a forwarded bundle, in NapCat's get_forward_msg shape."""
    segments = text(message) if isinstance(message, str) else message
    return {
        "message_id": 0,
        "message_type": "group",
        "group_id": group_id,
        "user_id": user_id,
        "time": int(time.time()) - 3600,
        "sender": {"user_id": user_id, "nickname": f"u{user_id}", "card": ""},
        "message": segments,
        "message_format": "array",
    }


def raw_of(segments: list[Segment]) -> str:
    return "".join(
        s["data"]["text"] if s["type"] == "text" else f"[CQ:{s['type']}]" for s in segments
    )


def group_message(
    message_id: int,
    group_id: int,
    group_name: str,
    user_id: int,
    segments: list[Segment],
    sender: dict[str, Any],
) -> dict[str, Any]:
    return {
        "post_type": "message",
        "message_type": "group",
        "sub_type": "normal",
        "message_id": message_id,
        "real_id": message_id,
        "message_seq": message_id,
        "group_id": group_id,
        "group_name": group_name,
        "user_id": user_id,
        "anonymous": None,
        "font": 14,
        "message": segments,
        "message_format": "array",
        "raw_message": raw_of(segments),
        "sender": sender,
    }


def file_segment(name: str, file_id: str) -> Segment:
    return {
        "type": "file",
        "data": {"file": name, "path": "", "url": "", "file_id": file_id, "file_size": "2048"},
    }


def group_upload(group_id: int, user_id: int, name: str, file_id: str) -> dict[str, Any]:
    return {
        "post_type": "notice",
        "notice_type": "group_upload",
        "group_id": group_id,
        "user_id": user_id,
        "file": {"id": file_id, "name": name, "size": 2048, "busid": 102},
    }


def private_message(message_id: int, user_id: int, content: str) -> dict[str, Any]:
    return {
        "post_type": "message",
        "message_type": "private",
        "sub_type": "friend",
        "message_id": message_id,
        "real_id": message_id,
        "user_id": user_id,
        "font": 14,
        "message": text(content),
        "message_format": "array",
        "raw_message": content,
        "sender": {"user_id": user_id, "nickname": f"u{user_id}"},
    }


def join_request(group_id: int, user_id: int, comment: str, flag: str) -> dict[str, Any]:
    return {
        "post_type": "request",
        "request_type": "group",
        "sub_type": "add",
        "group_id": group_id,
        "user_id": user_id,
        "comment": comment,
        "flag": flag,
        "invitor_id": 0,
    }


def member_joined(group_id: int, user_id: int, operator_id: int) -> dict[str, Any]:
    return {
        "post_type": "notice",
        "notice_type": "group_increase",
        "sub_type": "approve",
        "group_id": group_id,
        "user_id": user_id,
        "operator_id": operator_id,
    }


def card_changed(group_id: int, user_id: int, new: str, old: str) -> dict[str, Any]:
    """NapCat's own notice (Lagrange has none)."""
    return {
        "post_type": "notice",
        "notice_type": "group_card",
        "group_id": group_id,
        "user_id": user_id,
        "card_new": new,
        "card_old": old,
    }


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
