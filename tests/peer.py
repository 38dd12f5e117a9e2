"""A OneBot v11 implementation for tests, speaking to the bot over a real reverse WebSocket.

It behaves as NapCat does where the duties care: it dials `/onebot/v11/ws` with the account,
role and token headers, sends events in NapCat's shape (message arrays, `real_id`, `group_name`…),
answers the bot's actions from a small model of its groups, and records every call. A test can
hold back or refuse any action to see what the bot does.
"""

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection

from tests import napcat
from tests.napcat import Segment, at, bundled, forward, message_text, text

__all__ = [
    "Call",
    "Peer",
    "PeerGroup",
    "PeerMember",
    "Refuse",
    "at",
    "bundled",
    "forward",
    "message_text",
    "text",
]


@dataclass
class Call:
    action: str
    params: dict[str, Any]


@dataclass
class Refuse:
    """Answer an action with `status: failed` (retcode 1200 is a refusal for risk)."""

    retcode: int
    wording: str = ""


@dataclass
class PeerMember:
    user_id: int
    nickname: str
    card: str = ""
    role: str = "member"
    join_time: int = field(default_factory=lambda: int(time.time()) - 86400 * 30)
    last_sent_time: int = field(default_factory=lambda: int(time.time()))


@dataclass
class PeerGroup:
    group_id: int
    name: str
    members: dict[int, PeerMember] = field(default_factory=dict)
    max_members: int = 500


Answer = Callable[[dict[str, Any]], Any]


class Peer:
    def __init__(self, url: str, self_id: int, token: str) -> None:
        self.url = url
        self.self_id = self_id
        self.token = token
        self.calls: list[Call] = []
        self.groups: dict[int, PeerGroup] = {}
        self.answers: dict[str, Answer] = {}
        self.held: set[str] = set()  # actions left unanswered (a platform that hangs)
        self.forwards: dict[str, list[dict[str, Any]]] = {}  # get_forward_msg answers, by id
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._new_call = asyncio.Event()
        self._ids = itertools.count(10_000)

    # --- the connection ---------------------------------------------------------------

    async def connect(self, attempts: int = 100) -> None:
        headers = {
            "X-Self-ID": str(self.self_id),
            "X-Client-Role": "Universal",
            "Authorization": f"Bearer {self.token}",
            "User-Agent": "NapCat.OneBot/4",
        }
        for attempt in range(attempts):
            try:
                self._ws = await websockets.connect(self.url, additional_headers=headers)
                break
            except OSError:
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(0.1)
        self._reader = asyncio.create_task(self._read())
        await self.send_event(
            {"post_type": "meta_event", "meta_event_type": "lifecycle", "sub_type": "connect"}
        )

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._ws is not None:
            await self._ws.close()

    async def send_raw(self, frame: str) -> None:
        assert self._ws is not None
        await self._ws.send(frame)

    async def send_event(self, event: dict[str, Any]) -> None:
        event = {"time": int(time.time()), "self_id": self.self_id, **event}
        await self.send_raw(json.dumps(event, ensure_ascii=False))

    async def _read(self) -> None:
        assert self._ws is not None
        async for frame in self._ws:
            request = json.loads(frame)
            call = Call(request["action"], request.get("params") or {})
            self.calls.append(call)
            self._new_call.set()
            if call.action in self.held:
                continue
            await self._ws.send(
                json.dumps(self._respond(call, request.get("echo")), ensure_ascii=False)
            )

    def _respond(self, call: Call, echo: Any) -> dict[str, Any]:
        try:
            data = (
                self.answers[call.action](call.params)
                if call.action in self.answers
                else self._model(call)
            )
        except LookupError as exc:
            data = Refuse(100, f"not found: {exc}")
        if isinstance(data, Refuse):
            return {
                "status": "failed",
                "retcode": data.retcode,
                "data": None,
                "message": data.wording,
                "wording": data.wording,
                "echo": echo,
            }
        return {
            "status": "ok",
            "retcode": 0,
            "data": data,
            "message": "",
            "wording": "",
            "echo": echo,
        }

    # --- answers from the model of groups -------------------------------------------------

    def _member_dict(self, group: PeerGroup, m: PeerMember) -> dict[str, Any]:
        return {
            "group_id": group.group_id,
            "user_id": m.user_id,
            "nickname": m.nickname,
            "card": m.card,
            "role": m.role,
            "join_time": m.join_time,
            "last_sent_time": m.last_sent_time,
            "level": "1",
            "title": "",
            "unfriendly": False,
            "card_changeable": True,
        }

    def _model(self, call: Call) -> Any:
        p = call.params
        match call.action:
            case "send_group_msg" | "send_private_msg" | "send_msg":
                return {"message_id": next(self._ids)}
            case "get_group_info":
                g = self.groups[int(p["group_id"])]
                return {
                    "group_id": g.group_id,
                    "group_name": g.name,
                    "member_count": len(g.members),
                    "max_member_count": g.max_members,
                }
            case "get_group_member_info":
                g = self.groups[int(p["group_id"])]
                return self._member_dict(g, g.members[int(p["user_id"])])
            case "get_group_member_list":
                g = self.groups[int(p["group_id"])]
                return [self._member_dict(g, m) for m in g.members.values()]
            case "get_login_info":
                return {"user_id": self.self_id, "nickname": "qungui"}
            case "get_forward_msg":  # NapCat's shape; an unknown id is refused
                return {"messages": self.forwards[str(p.get("id") or p.get("message_id"))]}
            case "set_group_kick":
                self.groups[int(p["group_id"])].members.pop(int(p["user_id"]), None)
                return None
            case "set_group_card":
                self.groups[int(p["group_id"])].members[int(p["user_id"])].card = p["card"]
                return None
        return None

    def add_group(self, group_id: int, name: str, *members: PeerMember) -> PeerGroup:
        self.groups[group_id] = PeerGroup(group_id, name, {m.user_id: m for m in members})
        return self.groups[group_id]

    def add_forward(self, forward_id: str, *messages: dict[str, Any]) -> Segment:
        """Register a bundle (messages made with `bundled`); nest one with a `forward` segment."""
        self.forwards[forward_id] = list(messages)
        return forward(forward_id)

    # --- events in NapCat's shape ---------------------------------------------------------

    async def group_message(
        self, group_id: int, user_id: int, message: list[Segment] | str, *, role: str | None = None
    ) -> int:
        segments = text(message) if isinstance(message, str) else message
        group = self.groups.get(group_id)
        member = group.members.get(user_id) if group else None
        sender = {
            "user_id": user_id,
            "nickname": member.nickname if member else f"u{user_id}",
            "card": member.card if member else "",
            "role": role or (member.role if member else "member"),
        }
        message_id = next(self._ids)
        name = group.name if group else ""
        await self.send_event(
            napcat.group_message(message_id, group_id, name, user_id, segments, sender)
        )
        return message_id

    async def group_upload(
        self, group_id: int, user_id: int, name: str, file_id: str, *, notice_first: bool = False
    ) -> int:
        """A file uploaded to the group, as NapCat reports it: a message carrying a `file`
        segment and a notice group_upload (the notice's file id differs from the segment's).
        """
        notice = napcat.group_upload(group_id, user_id, name, file_id)
        if notice_first:
            await self.send_event(notice)
        segment = napcat.file_segment(name, f"{file_id}.msg")
        message_id = await self.group_message(group_id, user_id, [segment])
        if not notice_first:
            await self.send_event(notice)
        return message_id

    async def private_message(self, user_id: int, content: str) -> int:
        message_id = next(self._ids)
        await self.send_event(napcat.private_message(message_id, user_id, content))
        return message_id

    async def join_request(self, group_id: int, user_id: int, comment: str, flag: str) -> None:
        """Someone asks to join (`comment`: NapCat's "問題：…\\n答案：…")."""
        await self.send_event(napcat.join_request(group_id, user_id, comment, flag))

    async def member_joins(self, group_id: int, new: PeerMember, operator_id: int = 0) -> None:
        self.groups[group_id].members[new.user_id] = new
        await self.send_event(napcat.member_joined(group_id, new.user_id, operator_id))

    async def card_change(self, group_id: int, user_id: int, card: str) -> None:
        """A member sets their card; NapCat tells with its own notice group_card."""
        member = self.groups[group_id].members[user_id]
        old, member.card = member.card, card
        await self.send_event(napcat.card_changed(group_id, user_id, card, old))

    # --- waiting for what the bot does ----------------------------------------------------

    async def wait_for(
        self,
        action: str,
        where: Callable[[Call], bool] = lambda _: True,
        *,
        after: int = 0,
        within: float = 10.0,
    ) -> Call:
        """The first call of `action` (from index `after` on) that matches `where`."""
        deadline = time.monotonic() + within
        while True:
            for call in self.calls[after:]:
                if call.action == action and where(call):
                    return call
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = [c.action for c in self.calls[after:]]
                raise TimeoutError(f"no {action} within {within}s; saw {seen}")
            self._new_call.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_call.wait(), remaining)

    def sent_texts(self, after: int = 0) -> list[str]:
        """The plain text of every message the bot sent (group or private)."""
        out = []
        for call in self.calls[after:]:
            if call.action in ("send_group_msg", "send_private_msg", "send_msg"):
                out.append(message_text(call.params["message"]))
        return out
