"""One QQ for several test peers: bot accounts sharing groups, each its own NapCat (issue #15).

NapCat runs one QQ login per process, so every account here is its own `Peer` with its own
reverse WebSocket (to the same bot process or another) and its own message store, while QQ's
groups are one: a kick, card or role change through one account is what every account sees.

Where it comes from in NapCat (NapNeko/NapCatQQ; `ob/` is packages/napcat-onebot/, `core/`
packages/napcat-core/):

- Short ids are per account. `MessageUnique` (napcat-common/src/message-unique.ts) is a module
  singleton, one per NapCat process; createUniqueMsgId hashes `msgId|chatType|peerUid`, and the
  msgId is minted by each account's own QQ client (core/apis/msg.ts generateMsgUniqueId asks the
  local msg service), so the same group message has a different message_id for each account.
- `time` and `real_seq` are QQ's: ob/api/msg.ts initializeMessage takes parseInt(msg.msgTime) and
  msg.msgSeq, the server's time and the group's sequence, the same for every account.
- A recall is QQ's: each account's NapCat sees the gray tip (ob/index.ts onMsgInfoListUpdate /
  onMsgRecall → handleRecallMessage) and reports group_recall under its own short id
  (emitRecallMsg: MessageUnique.getShortIdByMsgId in that process), with the same operator; after
  it, get_msg and history through any account find the message recalled.
- Group changes come to every member account as QQ system messages (ob/api/msg.ts
  parseSysMessage: type 33 group_increase, 34 group_decrease, 44 group_admin); the account kicked
  itself gets decreaseType 3, `kick_me` (groupChangDecreseType2String).
- A join request is a group notify (ob/index.ts onGroupNotifiesUpdated, flag = notify.seq) that QQ
  gives the owner and admins; handled through one account, it is handled for all.
- A message one account sends reaches the others as a message from that account (onRecvMsg);
  NapCat does not report the sender its own message (handleMsg: reportSelfMessage off).

Friends, private chats, friend requests, forwards' inner ids and NapCat's waits stay each
account's (Peer's own private_message, friend_request, join_request on an account are that
account's alone); groups, their files and the registered bundles are the world's.
"""

import asyncio
import contextlib
import itertools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests import napcat
from tests.napcat import Segment, text
from tests.peer import Call, Peer
from tests.peer_messages import ob11
from tests.peer_model import JoinRequest, PeerGroup, PeerMember, PeerMessage, Store

__all__ = ["Account", "QQMessage", "World"]

# Notices QQ gives every account in the group, not just the one whose action caused them.
GROUP_NOTICES = frozenset(
    "group_increase group_decrease group_admin group_ban group_card group_recall group_upload".split()
)
SENDS = frozenset({"send_group_msg", "send_msg"})  # the actions that can send to a group
SERIAL_SPACING = 1 << 24  # msgId serials per account before two accounts' could meet


@dataclass
class QQMessage:
    """One group message as QQ has it, and each account's copy (its own msgId and short id)."""

    group_id: int
    seq: int  # QQ's msgSeq, the group's: the same real_seq for every account
    copies: dict[int, PeerMessage] = field(default_factory=dict)  # self_id → that account's copy

    @property
    def ids(self) -> dict[int, int]:
        """self_id → the message_id that account's NapCat gives it."""
        return {self_id: copy.message_id for self_id, copy in self.copies.items()}

    @property
    def recalled(self) -> bool:
        return any(copy.recalled for copy in self.copies.values())


class _Calls(list[Call]):
    """An account's calls, each also logged in the world's order of arrival."""

    def __init__(self, world: "World", self_id: int) -> None:
        super().__init__()
        self._world, self._self_id = world, self_id

    def append(self, call: Call) -> None:
        super().append(call)
        self._world._log.append((self._self_id, call))
        self._world._new_call.set()


class Account(Peer):
    """A Peer living in a World: the world's groups and bundles, its own friends, store and
    connection. Group notices it pushes go to every account QQ would tell; a group message
    (`group_message`, `group_upload`) goes through the world to every member account."""

    def __init__(self, world: "World", url: str, self_id: int, token: str) -> None:
        super().__init__(url, self_id, token)
        self.world = world
        self.groups = world.groups
        self.model.forwards = world.forwards
        self.model.store = Store(first_serial=len(world.accounts) * SERIAL_SPACING + 1)
        self.calls = _Calls(world, self_id)

    async def push(self, event: dict[str, Any]) -> None:
        """To this account's bot only (dropped, into `missed`, while none is connected)."""
        await Peer.send_event(self, event)

    async def send_event(self, event: dict[str, Any]) -> None:
        if event.get("post_type") == "notice" and event.get("notice_type") in GROUP_NOTICES:
            await self.world.tell(int(event["group_id"]), event, origin=self)
        else:
            await self.push(event)

    async def group_message(
        self,
        group_id: int,
        user_id: int,
        message: list[Segment] | str,
        *,
        role: str | None = None,
        ms_time: bool = False,
    ) -> int:
        """Through the world, to every member account; this account's id of it. (A group this
        account is not in stays this account's own, as a lone Peer has it.)"""
        group = self.groups.get(group_id)
        if group is None or self.self_id not in group.members:
            return await super().group_message(
                group_id, user_id, message, role=role, ms_time=ms_time
            )
        ids = await self.world.group_message(group_id, user_id, message, role=role, ms_time=ms_time)
        return ids[self.self_id]

    async def _answer(self, call: Call) -> Any:
        data = await super()._answer(call)
        if call.action in SENDS and isinstance(data, dict):
            sent = self.model.store.by_id.get(data.get("message_id", -1))
            if sent is not None and sent.chat == "group" and sent.user_id == self.self_id:
                await self.world.spread(self, sent)
        return data


class World:
    """QQ, with several of the bot's accounts in it."""

    def __init__(self) -> None:
        self.groups: dict[int, PeerGroup] = {}
        self.forwards: dict[str, list[dict[str, Any]]] = {}  # bundles, as Peer.add_forward
        self.accounts: dict[int, Account] = {}
        self.messages: list[QQMessage] = []
        self._by_copy: dict[tuple[int, int], QQMessage] = {}  # (self_id, message_id) → message
        self._seqs: dict[int, int] = {}  # group → its last msgSeq
        self._log: list[tuple[int, Call]] = []
        self._new_call = asyncio.Event()
        self._flags = itertools.count(int(time.time() * 1_000_000))  # notify seqs: a time in µs

    def account(self, url: str, self_id: int, token: str) -> Account:
        """A bot account (a NapCat of its own) dialling `url`; connect it with `connect()`."""
        assert self_id not in self.accounts, f"account {self_id} is already in the world"
        account = Account(self, url, self_id, token)
        self.accounts[self_id] = account
        return account

    def add_group(
        self, group_id: int, name: str, *members: PeerMember, bots: Mapping[int, str] | None = None
    ) -> PeerGroup:
        """A group with these members and the bot accounts `bots` (self_id → role); without
        `bots`, every account made so far, as admin."""
        group = PeerGroup(group_id, name, {m.user_id: m for m in members})
        roles = dict.fromkeys(self.accounts, "admin") if bots is None else bots
        for self_id, role in roles.items():
            group.members.setdefault(self_id, PeerMember(self_id, "群規", role=role))
        self.groups[group_id] = group
        return group

    # --- who hears what ---------------------------------------------------------------------

    def members(self, group_id: int) -> list[Account]:
        """The accounts in the group now, connected or not, in the order they were made."""
        group = self.groups.get(group_id)
        return [a for a in self.accounts.values() if group and a.self_id in group.members]

    async def tell(
        self, group_id: int, event: dict[str, Any], *, origin: Account | None = None
    ) -> None:
        """A group notice to every account QQ tells: the members (after the change), the one it
        is about (who left or was kicked), and the account whose action caused it."""
        if event.get("notice_type") == "group_recall":
            self._recall_everywhere(origin, event)
        for account in self.accounts.values():
            hears = account is origin or account in self.members(group_id)
            if hears or event.get("user_id") == account.self_id:
                seen = self._as_seen_by(account, origin, event)
                if seen is not None:
                    await account.push(seen)

    def _recall_everywhere(self, origin: Account | None, event: dict[str, Any]) -> None:
        # QQ's recall is the message's: every account's copy is recalled (history, get_msg)
        message = self._by_copy.get((origin.self_id, event["message_id"])) if origin else None
        for copy in message.copies.values() if message else ():
            copy.recalled = True

    def _as_seen_by(
        self, account: Account, origin: Account | None, event: dict[str, Any]
    ) -> dict[str, Any] | None:
        if event.get("notice_type") == "group_recall":  # ob/index.ts emitRecallMsg
            if account is origin:
                return event
            message = self._by_copy.get((origin.self_id, event["message_id"])) if origin else None
            if message is None or account.self_id not in message.copies:
                return None  # a message this account's NapCat never had
            return {**event, "message_id": message.copies[account.self_id].message_id}
        kicked = event.get("notice_type") == "group_decrease" and event.get("sub_type") == "kick"
        if kicked and event.get("user_id") == account.self_id:
            return {**event, "sub_type": "kick_me"}  # ob/api/msg.ts: decreaseType 3
        return event

    def _next_seq(self, group_id: int) -> int:
        self._seqs[group_id] = self._seqs.get(group_id, 99) + 1
        return self._seqs[group_id]

    def _keep(self, message: QQMessage) -> QQMessage:
        self.messages.append(message)
        for self_id, copy in message.copies.items():
            self._by_copy[(self_id, copy.message_id)] = message
        return message

    # --- messages ---------------------------------------------------------------------------

    async def group_message(
        self,
        group_id: int,
        user_id: int,
        message: list[Segment] | str,
        *,
        role: str | None = None,
        ms_time: bool = False,
    ) -> dict[int, int]:
        """A member speaks: one QQ message, the same time and seq, in every member account's
        store, pushed to each connected one under its own id. Returns self_id → message_id. A
        card changed since the member last spoke is told first (group_card), as Peer does."""
        segments = text(message) if isinstance(message, str) else message
        group = self.groups[group_id]
        member = group.members.get(user_id)
        if member is not None and user_id in group.stale_cards:
            old = group.stale_cards.pop(user_id)
            await self.tell(group_id, napcat.card_changed(group_id, user_id, member.card, old))
        if member is not None:
            member.last_sent_time = int(time.time())
        sender = {
            "user_id": user_id,
            "nickname": member.nickname if member else f"u{user_id}",
            "card": member.card if member else "",
            "role": role or (member.role if member else "member"),
        }
        # ob/api/msg.ts initializeMessage: time is QQ's msgTime, real_seq the group's msgSeq
        at_time = int(time.time() * 1000) if ms_time else int(time.time())
        seq = self._next_seq(group_id)
        kept = QQMessage(group_id, seq)
        for account in self.members(group_id):
            kept.copies[account.self_id] = account.model.store.add(
                "group",
                group_id,
                user_id,
                segments,
                sender,
                group_name=group.name,
                at_time=at_time,
                seq=seq,
            )
        self._keep(kept)
        for account in self.members(group_id):
            if account.self_id != user_id:  # ob/index.ts handleMsg: reportSelfMessage is off
                await account.push(ob11(account.model, kept.copies[account.self_id], inline=False))
        return kept.ids

    async def spread(self, origin: Account, sent: PeerMessage) -> QQMessage:
        """What `origin` sent to a group, as the other member accounts receive it (ob/index.ts
        onRecvMsg there; origin's own NapCat reports it to nobody: reportSelfMessage is off)."""
        known = self._by_copy.get((origin.self_id, sent.message_id))
        if known is not None:
            return known
        sent.seq = self._next_seq(sent.peer_id)  # the group's seq, not the account's own count
        kept = QQMessage(sent.peer_id, sent.seq, {origin.self_id: sent})
        for account in self.members(sent.peer_id):
            if account is not origin:
                kept.copies[account.self_id] = account.model.store.add(
                    "group",
                    sent.peer_id,
                    sent.user_id,
                    sent.segments,
                    dict(sent.sender),
                    group_name=sent.group_name,
                    at_time=sent.time,
                    seq=sent.seq,
                )
        self._keep(kept)
        for self_id, copy in kept.copies.items():
            if self_id != origin.self_id:
                account = self.accounts[self_id]
                await account.push(ob11(account.model, copy, inline=False))
        return kept

    def message(self, self_id: int, message_id: int) -> QQMessage:
        """The QQ message that `self_id`'s NapCat calls `message_id`."""
        return self._by_copy[(self_id, int(message_id))]

    async def recall(self, ids: Mapping[int, int], operator_id: int) -> None:
        """Someone in QQ (the sender, an admin) recalls the message: every account is told, each
        under its own id."""
        message = self.message(*next(iter(ids.items())))
        for copy in message.copies.values():
            copy.recalled = True
        for self_id, copy in message.copies.items():
            event = napcat.recalled(message.group_id, copy.user_id, operator_id, copy.message_id)
            await self.accounts[self_id].push(event)

    def recalls(self, message: QQMessage | Mapping[int, int]) -> int:
        """How many delete_msg calls, across accounts, named this message by the id their own
        account gives it (another account's id names nothing there: 'Recall failed')."""
        ids = message.ids if isinstance(message, QQMessage) else dict(message)
        named = {(self_id, str(message_id)) for self_id, message_id in ids.items()}
        return sum(
            1
            for self_id, call in self._log
            if call.action == "delete_msg"
            and (self_id, str(call.params.get("message_id"))) in named
        )

    # --- what QQ tells every account in a group ---------------------------------------------

    async def member_joins(
        self, group_id: int, new: PeerMember, operator_id: int = 0, sub_type: str = "approve"
    ) -> None:
        self.groups[group_id].members[new.user_id] = new
        await self.tell(
            group_id, napcat.member_joined(group_id, new.user_id, operator_id, sub_type)
        )

    async def member_leaves(
        self, group_id: int, user_id: int, operator_id: int | None = None, sub_type: str = "leave"
    ) -> None:
        self.groups[group_id].members.pop(user_id, None)
        operator = user_id if operator_id is None else operator_id
        await self.tell(group_id, napcat.member_left(group_id, user_id, operator, sub_type))

    async def admin_change(self, group_id: int, user_id: int, enabled: bool) -> None:
        """The owner makes or unmakes an admin by hand (ob/api/msg.ts parseSysMessage type 44,
        in every member account)."""
        self.groups[group_id].members[user_id].role = "admin" if enabled else "member"
        await self.tell(group_id, napcat.admin_changed(group_id, user_id, enabled))

    async def card_change(self, group_id: int, user_id: int, card: str) -> None:
        """A member sets their card: QQ has it at once, each NapCat tells when they next speak
        (as Peer.card_change; the groups are every account's)."""
        await next(iter(self.accounts.values())).card_change(group_id, user_id, card)

    async def join_request(
        self, group_id: int, user_id: int, comment: str, flag: str | None = None
    ) -> str:
        """Someone asks to join: one notify, the same flag, for every owner and admin account
        (kept whether or not its bot hears it); handled through one, handled for all."""
        seq = flag or str(next(self._flags))  # ob/index.ts onGroupNotifiesUpdated: flag = seq
        request = JoinRequest(seq, group_id, user_id, f"u{user_id}", comment)
        for account in self.members(group_id):
            if account.model.bot_role(group_id) in ("owner", "admin"):
                account.model.join_requests.append(request)
                await account.push(napcat.join_request(group_id, user_id, comment, seq))
        return seq

    # --- what the bots did ------------------------------------------------------------------

    def calls(self) -> list[tuple[int, Call]]:
        """Every call across accounts, in the order they arrived: (self_id, call)."""
        return list(self._log)

    async def wait_for(
        self,
        action: str,
        where: Callable[[int, Call], bool] = lambda _id, _call: True,
        *,
        after: int = 0,
        within: float = 10.0,
    ) -> tuple[int, Call]:
        """The first call of `action` through any account (from index `after` of `calls()`)."""
        deadline = time.monotonic() + within
        while True:
            for self_id, call in self._log[after:]:
                if call.action == action and where(self_id, call):
                    return self_id, call
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = [(i, c.action) for i, c in self._log[after:]]
                raise TimeoutError(f"no {action} within {within}s; saw {seen}")
            self._new_call.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_call.wait(), remaining)
