"""NapCat's answers to the bot's message actions: send, recall, get_msg, forwards, history.

Every rule names the NapCat source it follows (NapNeko/NapCatQQ; `ob/` is packages/napcat-onebot/,
`core/` packages/napcat-core/).
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tests import napcat
from tests.peer_model import GROUP_CHAT, RANK, Model, PeerMessage, Segment, short_id
from tests.peer_rules import RECALL_TIMEOUT, SEND_TIMEOUT, Failed, truthy

Emit = Callable[[dict[str, Any]], Awaitable[None]]

# ob/api/msg.ts ob11ToRawConverters: the segment types NapCat can send (some add nothing).
SENDABLE = frozenset(
    "text at reply face mface image file video record json dice rps markdown music node forward"
    " xml poke location miniapp contact onlinefile flashtransfer".split()
)
FILE_LIKE = frozenset({"image", "file", "video", "record"})
OWN_RECALL_SECONDS = 120  # QQ: a plain member recalls their own messages within 2 minutes


@dataclass
class Context:
    model: Model
    emit: Emit  # push an event to the bot (dropped while none is connected)


# --- NapCat's OB11 message, as get_msg, history and forwards give it ------------------------------


def _inner(model: Model, name: str, index: int, group_id: int) -> tuple[str, int]:
    """QQ's msgId and NapCat's short id of the index-th message of a bundle."""
    key = f"{name}#{index}"
    msg_id = model.inner_msg_ids.setdefault(key, model.store.new_msg_id())
    return msg_id, short_id(msg_id, GROUP_CHAT, str(group_id))


def bundle(model: Model, name: str, group_id: int) -> list[dict[str, Any]]:
    """A bundle's messages, nested bundles inline as forward{id, content} (ob/api/msg.ts
    parseMultiMessageContent parses with parseMultMsg; "该ID仅用查看 无法调用")."""
    out = []
    for index, spec in enumerate(model.forwards[name]):
        msg_id, message_id = _inner(model, name, index, group_id)
        segments = []
        for seg in spec["message"]:
            nested = seg["data"].get("id") if seg["type"] == "forward" else None
            if nested in model.forwards:
                # its id: the msgId of the message carrying it, which get_forward_msg refuses
                content = bundle(model, nested, group_id)
                seg = {"type": "forward", "data": {"id": msg_id, "content": content}}
            segments.append(seg)
        out.append(
            {
                **spec,
                "self_id": model.self_id,
                "message_id": message_id,
                "message_seq": message_id,
                "real_id": message_id,
                "real_seq": str(index + 1),
                "group_id": spec.get("group_id") or group_id,
                "message": segments,
                "raw_message": napcat.raw_of(segments),
                "font": 14,
                "sub_type": "normal",
                "post_type": "message",
            }
        )
    return out


def render(model: Model, message: PeerMessage, *, inline: bool) -> list[Segment]:
    """The segments NapCat shows: a registered bundle becomes forward{id: the carrying message's
    msgId}, with its content only when parsed with parseMultMsg (ob/api/msg.ts
    multiForwardMsgElement)."""
    out = []
    for seg in message.segments:
        name = seg["data"].get("id") if seg["type"] == "forward" else None
        if name in model.forwards:
            data: dict[str, Any] = {"id": message.msg_id}
            if inline:
                data["content"] = bundle(model, name, message.peer_id)
            seg = {"type": "forward", "data": data}
        out.append(seg)
    return out


def ob11(model: Model, message: PeerMessage, *, inline: bool = True) -> dict[str, Any]:
    """ob/api/msg.ts parseMessageV2: initializeMessage, then the group or private part."""
    segments = render(model, message, inline=inline)
    if message.chat == "group":
        event = napcat.group_message(
            message.message_id,
            message.peer_id,
            message.group_name,
            message.user_id,
            segments,
            message.sender,
            real_seq=str(message.seq),
            at_time=message.time,
            self_id=model.self_id,
        )
    else:
        event = napcat.private_message(
            message.message_id,
            message.user_id,
            segments,
            nickname=message.sender.get("nickname", ""),
            via_group=message.temp_group,
            at_time=message.time,
        )
        event.pop("target_id")  # only pushed events carry it (ob/index.ts handleMsg)
        event["self_id"] = model.self_id
    if message.user_id == model.self_id:
        event["post_type"] = "message_sent"  # initializeMessage: the bot's own message
        event["message_sent_type"] = "self"
    return event


# --- sending ---------------------------------------------------------------------------------------


def _segments(params: dict[str, Any]) -> list[Segment]:
    """ob/action/msg/SendMsg.ts normalize: a string is CQ code unless auto_escape."""
    message = params.get("message")
    if isinstance(message, str):
        if truthy(params.get("auto_escape")):
            return napcat.text(message)
        return napcat.decode_cq(message)
    return list(message) if isinstance(message, list) else [message] if message else []


def _readable(seg: Segment, *, in_message: bool = True) -> None:
    """ob/api/msg.ts handleOb11FileLikeMessage → napcat-common/src/file.ts uriToLocalFile: NapCat
    reads a path on its own machine (another container here): only base64:// and http(s) work.
    In a message the wording is prefixed '文件处理失败: '; upload_private_file throws it bare."""
    data = seg.get("data") or {}
    uri = next(
        (str(data[k]) for k in ("url", "file", "path") if str(data.get(k) or "").strip()), ""
    )
    if not uri:
        raise Failed("文件消息缺少参数")
    if uri.startswith(("base64:", "http:", "https:", "data:")):
        return
    if uri.startswith("file:"):
        # checkUriType: a file:// URI is taken as local; reading it then fails (FileApi.uploadFile
        # → calculateFileMD5, Node's ENOENT)
        raise Failed(f"ENOENT: no such file or directory, open '{uri[7:]}'")
    unknown = f"识别URL失败, uri= {uri}"  # checkUriType: not a file NapCat has, nor a URL
    raise Failed(f"文件处理失败: {unknown}" if in_message else unknown)


def _elements(segments: list[Segment], chat: str) -> list[Segment]:
    """ob/api/msg.ts createSendElements: an unknown type fails the send; a file it cannot read
    fails it; some kinds add no element (node, xml, poke…; at in a private chat)."""
    if any(s.get("type") == "node" for s in segments) and not all(
        s.get("type") == "node" for s in segments
    ):  # ob/action/msg/SendMsg.ts SendMsgBase.check
        raise Failed(
            "转发消息不能和普通消息混在一起发送,转发需要保证message只有type为node的元素", 1400
        )
    out = []
    for seg in segments:
        kind = seg.get("type")
        if kind not in SENDABLE:
            raise Failed(f"未知的消息类型：{kind}")
        if kind in FILE_LIKE:
            _readable(seg)
        if kind in ("node", "xml", "poke", "miniapp", "onlinefile", "flashtransfer"):
            continue
        if kind == "at" and (chat != "group" or not seg.get("data", {}).get("qq")):
            continue
        out.append(seg)
    if not out:  # ob/api/msg.ts sendMsgWithOb11UniqueId
        raise Failed("消息体无法解析, 请检查是否发送了不支持的消息类型")
    return out


async def _send_timeout(ctx: Context) -> None:
    # core/apis/msg.ts sendMsg: QQ never reports the message sent, callNormalEventV2 times out
    await asyncio.sleep(ctx.model.timing.send)
    raise Failed(SEND_TIMEOUT)


async def _to_group(ctx: Context, group_id: int, segments: list[Segment]) -> dict[str, Any]:
    model = ctx.model
    elements = _elements(segments, "group")
    group = model.group_of_bot(group_id)
    if group is None:
        await _send_timeout(ctx)
    assert group is not None
    me = group.members[model.self_id]
    sender = {"user_id": model.self_id, "nickname": model.nickname, "card": me.card}
    sender["role"] = me.role
    sent = model.store.add(
        "group", group_id, model.self_id, elements, sender, group_name=group.name
    )
    return {"message_id": sent.message_id}


async def _to_person(
    ctx: Context, user_id: int, group_id: int | None, segments: list[Segment]
) -> dict[str, Any]:
    """ob/action/msg/SendMsg.ts createContext: a friend directly; a non-friend as a temporary
    session through `group_id` (core/apis/msg.ts sendMsg → PrepareTempChat when they share it), or
    through a session that already exists (getTempChatInfo); otherwise a plain C2C send, which QQ
    never delivers (NapCat issue #600): it times out."""
    model = ctx.model
    elements = _elements(segments, "private")
    via: int | None = None
    if user_id not in model.friends:
        if group_id is not None:
            if not model.shares_group(user_id, group_id):
                await _send_timeout(ctx)
            via = model.temp_sessions[user_id] = group_id
        elif user_id in model.temp_sessions:
            via = model.temp_sessions[user_id]
        else:
            await _send_timeout(ctx)
    return _deliver(model, user_id, elements, via)


def _deliver(
    model: Model, user_id: int, elements: list[Segment], via: int | None = None
) -> dict[str, Any]:
    sender = {"user_id": model.self_id, "nickname": model.nickname, "card": ""}
    sent = model.store.add("private", user_id, model.self_id, elements, sender, temp_group=via)
    model.delivered.setdefault(user_id, []).append(sent)
    return {"message_id": sent.message_id}


def _context(params: dict[str, Any], mode: str) -> tuple[str, int, int | None]:
    """ob/action/msg/SendMsg.ts createContext, with its error wordings."""
    group_id, user_id = params.get("group_id"), params.get("user_id")
    if params.get("message_type") in ("group", "private"):
        mode = params["message_type"]
    if mode in ("group", "normal") and group_id:
        return "group", int(group_id), None
    if mode in ("private", "normal") and user_id:
        return "private", int(user_id), int(group_id) if group_id else None
    if mode == "private" and group_id:
        raise Failed("当前私聊发送,请指定 user_id 而不是 group_id")
    if mode == "group" and user_id:
        raise Failed("当前群聊发送,请指定 group_id 而不是 user_id")
    raise Failed("请指定正确的 group_id 或 user_id")


def sender_of(mode: str) -> Callable[[Context, dict[str, Any]], Awaitable[Any]]:
    """send_group_msg (ob/action/group/SendGroupMsg.ts drops user_id), send_private_msg
    (ob/action/msg/SendPrivateMsg.ts), send_msg (SendMsg.ts, by message_type or ids)."""

    async def send(ctx: Context, params: dict[str, Any]) -> Any:
        if mode == "group":
            params = {k: v for k, v in params.items() if k != "user_id"}
        chat, target, via = _context(params, mode)
        segments = _segments(params)
        if chat == "group":
            return await _to_group(ctx, target, segments)
        return await _to_person(ctx, target, via, segments)

    return send


async def upload_private_file(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/go-cqhttp/UploadPrivateFile.ts: the path is read on NapCat's machine, then sent
    C2C to a friend; a non-friend gets a temporary peer with no group (no PrepareTempChat)."""
    _readable({"data": {"file": p["file"]}}, in_message=False)
    user_id = int(p["user_id"])
    if user_id not in ctx.model.friends:
        await _send_timeout(ctx)
    file = napcat.file_segment(p["name"], f"/{time.time_ns():x}")
    _deliver(ctx.model, user_id, [file])
    return {"file_id": file["data"]["file_id"]}


# --- recall, get_msg, forwards, history --------------------------------------------------------


def _may_recall(model: Model, message: PeerMessage) -> bool:
    """QQ lets an admin recall ordinary members' messages, the owner admins' too; anyone their
    own (a plain member within two minutes)."""
    if message.recalled:
        return False
    if message.chat == "private" or model.bot_role(message.peer_id) is None:
        return message.user_id == model.self_id and time.time() - message.time < 120
    mine = model.bot_role(message.peer_id) or "member"
    if message.user_id == model.self_id:
        return mine != "member" or time.time() - message.time < OWN_RECALL_SECONDS
    group = model.groups[message.peer_id]
    theirs = group.role_of(message.user_id) or message.sender.get("role") or "member"
    return RANK[mine] > RANK[theirs]


async def delete_msg(ctx: Context, p: dict[str, Any]) -> None:
    """ob/action/msg/DeleteMsg.ts: an id NapCat never gave → 'Recall failed'; otherwise
    core/apis/msg.ts recallMsg waits 1 s for QQ to show the recall, and times out when QQ
    refused it."""
    raw = str(p["message_id"])
    message = ctx.model.store.by_id.get(int(raw)) if raw.lstrip("-").isdigit() else None
    if message is None:
        raise Failed("Recall failed")
    if not _may_recall(ctx.model, message):
        await asyncio.sleep(ctx.model.timing.recall)
        raise Failed(RECALL_TIMEOUT)
    message.recalled = True
    if message.chat == "group":  # ob/index.ts handleRecallMessage → emitGroupRecallMsg
        await ctx.emit(
            napcat.recalled(message.peer_id, message.user_id, ctx.model.self_id, message.message_id)
        )


async def get_msg(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/msg/GetMsg.ts: by short id or msgId; parsed with parseMultMsg (forwards inline)."""
    message = ctx.model.store.find(p["message_id"])
    if message is None:
        raise Failed("消息不存在")
    if message.recalled:
        raise Failed("消息不存在或已被撤回")
    return {**ob11(ctx.model, message), "emoji_likes_list": []}


async def get_forward_msg(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/go-cqhttp/GetForwardMsg.ts: a numeric id names the message carrying the bundle
    (its msgId or short id); a nested bundle's id is refused; a non-numeric one is taken as a
    resId and fetched from QQ, which finds nothing here."""
    forward_id = p.get("message_id") or p.get("id")
    if not forward_id:
        raise Failed("message_id is required")
    if not str(forward_id).isdigit():
        raise Failed("protocolFallbackLogic: 找不到相关的聊天记录")
    message = ctx.model.store.find(forward_id)
    if message is not None and not message.recalled:
        first = render(ctx.model, message, inline=True)[:1]
        if first and first[0]["type"] == "forward":
            return {"messages": first[0]["data"]["content"]}
    raise Failed("消息已过期或者为内层消息，无法获取转发消息")


async def get_group_msg_history(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/go-cqhttp/GetGroupMsgHistory.ts: without message_seq the latest `count`
    (getAioFirstViewLatestMsgs); with it, `count` messages ending at it, or starting at it when
    reverse_order (core/apis/msg.ts getMsgHistory: oldest first). Recalled ones are gone."""
    group_id, seq = int(p["group_id"]), p.get("message_seq")
    count = int(p["count"])
    history = ctx.model.store.in_group(group_id) if ctx.model.group_of_bot(group_id) else []
    if seq not in (None, "", "0"):
        start = ctx.model.store.find(seq)
        at = next((i for i, m in enumerate(history) if m is start), None)
        if at is None:
            history = []
        elif p["reverse_order"] or p["reverseOrder"]:
            history = history[at : at + count]
        else:
            history = history[max(0, at - count + 1) : at + 1]
    else:
        history = history[-count:] if count > 0 else []
    if not history:
        raise Failed(f"消息{'undefined' if seq is None else seq}不存在")
    return {"messages": [ob11(ctx.model, m, inline=p["parse_mult_msg"]) for m in history]}
