"""A OneBot v11 implementation for tests, as strict as NapCat, over a real reverse WebSocket.

It dials `/onebot/v11/ws` as NapCat does (ob/network/websocket-client.ts), pushes events in
NapCat's shape, and answers the bot's actions from its model of QQ (tests/peer_model.py) the way
NapCat answers them (tests/peer_messages.py, tests/peer_groups.py, tests/peer_rules.py): failures
with retcode 1200 and NapCat's wording, ok where NapCat says ok although QQ did nothing, NapCat's
waits before a timeout. Nothing is pushed while no bot is connected, and nothing is replayed
later: it is in the history (get_group_msg_history) and the system messages instead.

A test can still answer an action its own way (`answers`), or never (`held`).
"""

import asyncio
import contextlib
import inspect
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection

from tests import napcat, peer_groups, peer_messages
from tests.napcat import Segment, at, bundled, forward, message_text, reply, text
from tests.peer_messages import Context, ob11
from tests.peer_model import (
    FriendRequest,
    JoinRequest,
    Model,
    PeerFile,
    PeerGroup,
    PeerMember,
    PeerMessage,
    Timing,
)
from tests.peer_rules import NAPCAT_ACTIONS, Failed, answer, check, unknown_action

__all__ = [
    "Call",
    "Peer",
    "PeerGroup",
    "PeerMember",
    "Refuse",
    "Timing",
    "at",
    "bundled",
    "forward",
    "message_text",
    "reply",
    "text",
]

MODELLED = {
    "send_group_msg": peer_messages.sender_of("group"),
    "send_private_msg": peer_messages.sender_of("private"),
    "send_msg": peer_messages.sender_of("normal"),
    "delete_msg": peer_messages.delete_msg,
    "get_msg": peer_messages.get_msg,
    "get_forward_msg": peer_messages.get_forward_msg,
    "get_group_msg_history": peer_messages.get_group_msg_history,
    "upload_private_file": peer_messages.upload_private_file,
    **{
        name: getattr(peer_groups, name)
        for name in (
            "get_login_info get_friend_list get_group_list get_group_info get_group_member_info"
            " get_group_member_list set_group_ban set_group_kick set_group_kick_members"
            " set_group_admin set_group_card get_group_root_files delete_group_file"
            " get_group_system_msg set_group_add_request set_friend_add_request"
        ).split()
    },
}


@dataclass
class Call:
    action: str
    params: dict[str, Any]


@dataclass
class Refuse:
    """A test's own refusal: `status: failed` with this retcode and wording (NapCat's is 1200)."""

    retcode: int = 1200
    wording: str = ""


Answer = Callable[[dict[str, Any]], Any]


class Peer:
    def __init__(self, url: str, self_id: int, token: str) -> None:
        self.url = url
        self.self_id = self_id
        self.token = token
        self.model = Model(self_id)
        self.calls: list[Call] = []
        self.answers: dict[str, Answer] = {}  # a test's own answer to an action
        self.held: set[str] = set()  # actions left unanswered (a platform that hangs)
        self.unmodelled: list[Call] = []  # NapCat actions the peer answered ok without a model
        self.missed: list[dict[str, Any]] = []  # events that came while no bot was connected
        self._ws: ClientConnection | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._new_call = asyncio.Event()
        self._flags = itertools.count(int(time.time() * 1_000_000))

    # --- the model, as attributes tests read and share ----------------------------------------

    @property
    def groups(self) -> dict[int, PeerGroup]:
        return self.model.groups

    @groups.setter
    def groups(self, groups: dict[int, PeerGroup]) -> None:
        self.model.groups = groups

    @property
    def forwards(self) -> dict[str, list[dict[str, Any]]]:
        return self.model.forwards

    @property
    def friends(self) -> set[int]:
        return self.model.friends

    @property
    def timing(self) -> Timing:
        return self.model.timing

    # --- the connection -------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._ws is not None

    async def connect(self, attempts: int = 100) -> None:
        """Dial the bot (again, after `close`: a new connection on the same model)."""
        headers = {  # ob/network/websocket-client.ts tryConnect
            "X-Self-ID": str(self.self_id),
            "Authorization": f"Bearer {self.token}",
            "x-client-role": "Universal",
            "User-Agent": "OneBot/11",
        }
        for attempt in range(attempts):
            try:
                ws = await websockets.connect(self.url, additional_headers=headers)
                break
            except OSError:
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(0.1)
        self._ws = ws
        self._spawn(self._read(ws))
        await self.send_event(napcat.lifecycle_connect())

    async def close(self) -> None:
        ws, self._ws = self._ws, None
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if ws is not None:
            await ws.close()

    async def reconnect(self) -> None:
        await self.close()
        await self.connect()

    def _spawn(self, job: Any) -> None:
        task = asyncio.create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def send_raw(self, frame: str) -> None:
        assert self._ws is not None
        await self._ws.send(frame)

    async def send_event(self, event: dict[str, Any]) -> None:
        """Push an event; with no bot connected it is gone (NapCat never replays)."""
        event = {"time": napcat.now(), "self_id": self.self_id, **event}
        if self._ws is None:
            self.missed.append(event)
            return
        with contextlib.suppress(websockets.ConnectionClosed):
            await self._ws.send(json.dumps(event, ensure_ascii=False))

    async def _read(self, ws: ClientConnection) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for frame in ws:
                request = json.loads(frame)
                call = Call(request.get("action", ""), request.get("params") or {})
                self.calls.append(call)
                self._new_call.set()
                if call.action not in self.held:
                    self._spawn(self._serve(ws, call, request.get("echo")))
        if self._ws is ws:
            self._ws = None

    async def _serve(self, ws: ClientConnection, call: Call, echo: Any) -> None:
        """NapCat answers each action on its own (ob/network/websocket-client.ts handleMessage)."""
        try:
            response = answer("ok", 0, await self._answer(call), "", echo)
        except Failed as failed:
            response = answer("failed", failed.retcode, None, failed.message, echo)
        except Exception as exc:  # ob/action/OneBotAction.ts websocketHandle: any error → 1200
            response = answer("failed", 1200, None, str(exc) or "Error", echo)
        with contextlib.suppress(websockets.ConnectionClosed):
            await ws.send(json.dumps(response, ensure_ascii=False))

    async def _answer(self, call: Call) -> Any:
        if call.action in self.answers:
            data = self.answers[call.action](call.params)
            data = await data if inspect.isawaitable(data) else data
            if isinstance(data, Refuse):
                raise Failed(data.wording, data.retcode)
            return data
        if call.action not in NAPCAT_ACTIONS:
            raise unknown_action(call.action)
        handler = MODELLED.get(call.action)
        if handler is None:
            self.unmodelled.append(call)
            return None
        return await handler(Context(self.model, self.send_event), check(call.action, call.params))

    # --- the model: groups, friends, bundles ---------------------------------------------------

    def add_group(
        self, group_id: int, name: str, *members: PeerMember, bot_role: str = "admin"
    ) -> PeerGroup:
        """A group with these members and the bot, as `bot_role` unless a member is the bot."""
        group = PeerGroup(group_id, name, {m.user_id: m for m in members})
        group.members.setdefault(self.self_id, PeerMember(self.self_id, "群規", role=bot_role))
        self.groups[group_id] = group
        return group

    def add_friend(self, *user_ids: int) -> None:
        self.friends.update(user_ids)

    def add_forward(self, forward_id: str, *messages: dict[str, Any]) -> Segment:
        """Register a bundle (messages made with `bundled`) and return the segment that sends it;
        nest one by putting that segment in another's message. NapCat shows the bundle under the
        msgId of the message carrying it, not under `forward_id`."""
        self.forwards[forward_id] = list(messages)
        return forward(forward_id)

    def message(self, message_id: int) -> PeerMessage:
        return self.model.store.by_id[message_id]

    def history(self, group_id: int) -> list[PeerMessage]:
        return self.model.store.in_group(group_id)

    # --- events in NapCat's shape ---------------------------------------------------------

    async def group_message(
        self,
        group_id: int,
        user_id: int,
        message: list[Segment] | str,
        *,
        role: str | None = None,
        ms_time: bool = False,
    ) -> int:
        """A member speaks; returns the message's id. A card changed since the member last
        spoke is told first, with NapCat's group_card notice (ob/index.ts handleGroupEvent)."""
        segments = text(message) if isinstance(message, str) else message
        group = self.groups.get(group_id)
        member = group.members.get(user_id) if group else None
        if group is not None and member is not None and user_id in group.stale_cards:
            old = group.stale_cards.pop(user_id)
            await self.send_event(napcat.card_changed(group_id, user_id, member.card, old))
        if member is not None:
            member.last_sent_time = int(time.time())
        sender = {
            "user_id": user_id,
            "nickname": member.nickname if member else f"u{user_id}",
            "card": member.card if member else "",
            "role": role or (member.role if member else "member"),
        }
        at_time = int(time.time() * 1000) if ms_time else None
        posted = self.model.store.add(
            "group",
            group_id,
            user_id,
            segments,
            sender,
            group_name=group.name if group else "",
            at_time=at_time,
        )
        await self.send_event(ob11(self.model, posted, inline=False))
        return posted.message_id

    async def group_upload(
        self,
        group_id: int,
        user_id: int,
        name: str,
        file_id: str | None = None,
        *,
        notice_first: bool = False,
        size: int = 2048,
    ) -> int:
        """A file uploaded to the group: it joins the group's file list under `file_id` (the id
        get_group_root_files gives, the only one delete_group_file takes), and NapCat pushes a
        message with a `file` segment (QQ's file uuid) and a notice group_upload (an encoded
        message reference); they come in either order (ob/index.ts emitMsg)."""
        group = self.groups[group_id]
        member = group.members.get(user_id)
        file = PeerFile(  # a file list's id: file-uuid.ts, randomUUID without dashes
            file_id or uuid.uuid4().hex, name, size, user_id, member.nickname if member else ""
        )
        group.files[file.file_id] = file
        notice = napcat.group_upload(group_id, user_id, name, file.notice_id, size)
        if notice_first:
            await self.send_event(notice)
        segment = napcat.file_segment(name, file.file_uuid, size)
        message_id = await self.group_message(group_id, user_id, [segment])
        if not notice_first:
            await self.send_event(notice)
        return message_id

    async def private_message(
        self, user_id: int, content: str | list[Segment], *, via_group: int | None = None
    ) -> int:
        """Someone writes to the bot: a friend, or through a group (a temporary session, which
        lets the bot answer without group_id afterwards)."""
        segments = text(content) if isinstance(content, str) else content
        sender = {"user_id": user_id, "nickname": f"u{user_id}", "card": ""}
        posted = self.model.store.add(
            "private", user_id, user_id, segments, sender, temp_group=via_group
        )
        if via_group is not None:
            self.model.temp_sessions[user_id] = via_group
        event = ob11(self.model, posted, inline=False)
        await self.send_event({**event, "target_id": user_id})
        return posted.message_id

    async def join_request(
        self, group_id: int, user_id: int, comment: str, flag: str | None = None
    ) -> str:
        """Someone asks to join (`comment`: NapCat's "問題：…\\n答案：…"); kept in the group's
        system messages whether or not a bot hears it. Returns the flag (NapCat: notify seq)."""
        seq = flag or str(next(self._flags))
        self.model.join_requests.append(JoinRequest(seq, group_id, user_id, f"u{user_id}", comment))
        await self.send_event(napcat.join_request(group_id, user_id, comment, seq))
        return seq

    async def friend_request(self, user_id: int, comment: str, flag: str | None = None) -> str:
        flag = flag or str(int(time.time() * 1000))
        self.model.friend_requests.append(FriendRequest(flag, user_id, comment))
        await self.send_event(napcat.friend_request(user_id, comment, flag))
        return flag

    async def member_joins(
        self, group_id: int, new: PeerMember, operator_id: int = 0, sub_type: str = "approve"
    ) -> None:
        self.groups[group_id].members[new.user_id] = new
        await self.send_event(napcat.member_joined(group_id, new.user_id, operator_id, sub_type))

    async def member_leaves(
        self, group_id: int, user_id: int, operator_id: int | None = None, sub_type: str = "leave"
    ) -> None:
        self.groups[group_id].members.pop(user_id, None)
        operator = user_id if operator_id is None else operator_id
        await self.send_event(napcat.member_left(group_id, user_id, operator, sub_type))

    async def admin_change(self, group_id: int, user_id: int, enabled: bool) -> None:
        """The owner makes or unmakes an admin by hand; QQ tells with group_admin."""
        self.groups[group_id].members[user_id].role = "admin" if enabled else "member"
        await self.send_event(napcat.admin_changed(group_id, user_id, enabled))

    async def card_change(self, group_id: int, user_id: int, card: str) -> None:
        """A member sets their card. QQ has it at once (get_group_member_info shows it), but
        NapCat tells with group_card only when the member next speaks (ob/api/group.ts
        parseCardChangedEvent) - before the change to lazy notices this pushed one at once."""
        group = self.groups[group_id]
        member = group.members[user_id]
        group.stale_cards.setdefault(user_id, member.card)
        member.card = card
        if group.stale_cards[user_id] == card:
            del group.stale_cards[user_id]

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
        """The plain text of every message the bot tried to send (group or private)."""
        out = []
        for call in self.calls[after:]:
            if call.action in ("send_group_msg", "send_private_msg", "send_msg"):
                out.append(message_text(call.params["message"]))
        return out

    def delivered_to(self, user_id: int) -> list[str]:
        """The text of each private message that reached `user_id` (not merely attempted)."""
        return [message_text(m.segments) for m in self.model.delivered.get(user_id, [])]
