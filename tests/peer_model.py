"""What the test peer knows of QQ, as NapCat would see it: groups and their members (the bot among
them, with its own role), friends, every message it carried, group files, pending requests.

Ids follow NapCat's (NapNeko/NapCatQQ; `ob/` is packages/napcat-onebot/, `core/` napcat-core/):
a message has QQ's long `msgId` and the short `message_id` OneBot sees, made as
napcat-common/src/message-unique.ts createUniqueMsgId makes it.
"""

import hashlib
import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Literal

Segment = dict[str, Any]
Role = Literal["owner", "admin", "member"]
RANK = {"owner": 3, "admin": 2, "member": 1}

GROUP_CHAT, C2C_CHAT = 2, 1  # core ChatType: KCHATTYPEGROUP, KCHATTYPEC2C


def _month_ago() -> int:
    return int(time.time()) - 86400 * 30


@dataclass
class PeerMember:
    user_id: int
    nickname: str
    card: str = ""
    role: str = "member"
    join_time: int = field(default_factory=_month_ago)
    last_sent_time: int = field(default_factory=lambda: int(time.time()))
    shut_up_timestamp: int = 0
    title: str = ""
    is_robot: bool = False


@dataclass
class PeerFile:
    """A file in a group's file list. `file_id` is the id get_group_root_files gives and the only
    one delete_group_file takes (ob/helper/data.ts file → encodeModelId); the message's `file`
    segment carries QQ's `file_uuid`, the group_upload notice an encoded message reference."""

    file_id: str
    name: str
    size: int
    uploader: int
    uploader_name: str
    file_uuid: str = field(default_factory=lambda: f"/{secrets.token_hex(16)}")
    notice_id: str = field(default_factory=lambda: secrets.token_hex(16))
    upload_time: int = field(default_factory=lambda: int(time.time()))
    busid: int = 102


@dataclass
class PeerGroup:
    group_id: int
    name: str
    members: dict[int, PeerMember] = field(default_factory=dict)
    max_members: int = 500
    files: dict[str, PeerFile] = field(default_factory=dict)  # by file_id
    # Cards changed in QQ that NapCat's member cache does not know yet: user → the old card.
    stale_cards: dict[int, str] = field(default_factory=dict)
    refused_forever: set[int] = field(default_factory=set)  # kicked with reject_add_request

    def role_of(self, user_id: int) -> str | None:
        member = self.members.get(user_id)
        return member.role if member else None


@dataclass
class PeerMessage:
    """A message the peer carried (pushed to the bot, or sent by it), as NapCat's store keeps it."""

    message_id: int  # the short id (message_id, real_id, message_seq)
    msg_id: str  # QQ's msgId
    seq: int  # real_seq
    chat: Literal["group", "private"]
    peer_id: int  # the group, or the other person of a private chat
    user_id: int  # the sender
    segments: list[Segment]
    time: int
    sender: dict[str, Any]
    group_name: str = ""
    temp_group: int | None = None  # a temporary session through this group
    recalled: bool = False


@dataclass
class JoinRequest:
    """A group notify (core GroupNotify) as get_group_system_msg lists it."""

    seq: str  # the flag; request_id is +seq (ob/action/system/GetSystemMsg.ts)
    group_id: int
    user_id: int
    nickname: str
    comment: str
    checked: bool = False
    actor: int = 0


@dataclass
class FriendRequest:
    flag: str  # the request's reqTime (ob/index.ts onBuddyReqChange)
    user_id: int
    comment: str
    handled: bool = False


@dataclass
class Timing:
    """NapCat's waits, in seconds. Where NapCat waits long, the default is shorter so the suite
    stays quick; set the NapCat figure to see the bot live with the real one."""

    recall: float = 1.0  # core/apis/msg.ts recallMsg: callNormalEventV2(…, 1, 1000)
    send: float = 1.0  # core/apis/msg.ts sendMsg: baseTimeout 10 s (ob/config/config.ts)
    member_lookup: float = 1.0  # core/apis/group.ts getGroupMemberEx: 2.5 s, three tries
    card_check: float = 1.0  # ob/action/group/SetGroupCard.ts: sleep(1000), three checks

    @classmethod
    def napcat(cls) -> "Timing":
        """NapCat's own figures (a non-member's lookup: three tries of 2.5 s)."""
        return cls(recall=1.0, send=10.0, member_lookup=7.5, card_check=1.0)


def short_id(msg_id: str, chat_type: int, peer_uid: str) -> int:
    # napcat-common/src/message-unique.ts createUniqueMsgId: md5 of the key, first bit cleared
    digest = bytearray(hashlib.md5(f"{msg_id}|{chat_type}|{peer_uid}".encode()).digest())
    digest[0] &= 0x7F
    return int.from_bytes(digest[:4], "big")


def uid_of(user_id: int) -> str:
    """A stand-in for QQ's uid of an account (NapCat keys private chats by uid)."""
    return f"u_{user_id}"


class Store:
    """Messages by short id and by msgId; what NapCat's MessageUnique and QQ's history hold.

    One store is one account's: its own msgIds (minted by that account's QQ client, core/apis/msg.ts
    generateMsgUniqueId) and its own MessageUnique (napcat-common/src/message-unique.ts, one per
    NapCat process). Accounts sharing a QQ world start their serials apart (`first_serial`) so two
    clients never mint the same msgId (tests/peer_world.py)."""

    def __init__(self, first_serial: int = 1) -> None:
        self.by_id: dict[int, PeerMessage] = {}
        self.by_msg_id: dict[str, PeerMessage] = {}
        self._serial = itertools.count(first_serial)
        self._seq: dict[int, itertools.count[int]] = {}

    def new_msg_id(self) -> str:
        # QQ's msgId: time in the high bits, as NT QQ makes them (19 digits)
        return str((int(time.time()) << 32) | (next(self._serial) & 0xFFFFFFFF))

    def add(
        self,
        chat: Literal["group", "private"],
        peer_id: int,
        user_id: int,
        segments: list[Segment],
        sender: dict[str, Any],
        *,
        seq: int | None = None,
        **extra: Any,
    ) -> PeerMessage:
        """`seq`: QQ's msgSeq when the caller knows it (a group's, the same for every account in
        it); otherwise this store's next one for the chat."""
        msg_id = self.new_msg_id()
        chat_type, peer_uid = (
            (GROUP_CHAT, str(peer_id)) if chat == "group" else (C2C_CHAT, uid_of(peer_id))
        )
        if seq is None:
            seq = next(self._seq.setdefault(peer_id, itertools.count(100)))
        message = PeerMessage(
            message_id=short_id(msg_id, chat_type, peer_uid),
            msg_id=msg_id,
            seq=seq,
            chat=chat,
            peer_id=peer_id,
            user_id=user_id,
            segments=segments,
            time=extra.pop("at_time", None) or int(time.time()),
            sender=sender,
            **extra,
        )
        self.by_id[message.message_id] = message
        self.by_msg_id[msg_id] = message
        return message

    def find(self, message_id: Any) -> PeerMessage | None:
        """By short id, or by msgId (ob/action/msg/GetMsg.ts tries both)."""
        key = str(message_id)
        if key in self.by_msg_id:
            return self.by_msg_id[key]
        return self.by_id.get(int(key)) if key.lstrip("-").isdigit() else None

    def in_group(self, group_id: int) -> list[PeerMessage]:
        """The group's history, oldest first, without what was recalled."""
        return [
            m
            for m in self.by_id.values()
            if m.chat == "group" and m.peer_id == group_id and not m.recalled
        ]


class Model:
    """Everything the peer knows; a reconnecting peer keeps it."""

    def __init__(self, self_id: int, nickname: str = "qungui") -> None:
        self.self_id = self_id
        self.nickname = nickname
        self.groups: dict[int, PeerGroup] = {}
        self.friends: set[int] = set()
        self.temp_sessions: dict[int, int] = {}  # user → the group a temporary session runs via
        self.store = Store()
        self.forwards: dict[str, list[dict[str, Any]]] = {}  # bundles the test registered
        self.inner_msg_ids: dict[str, str] = {}  # "bundle#index" → that inner message's msgId
        self.join_requests: list[JoinRequest] = []
        self.friend_requests: list[FriendRequest] = []
        self.issued_file_ids: set[str] = set()  # ids a file list has given out
        self.delivered: dict[int, list[PeerMessage]] = {}  # private messages, by recipient
        self.timing = Timing()

    def group_of_bot(self, group_id: int) -> PeerGroup | None:
        group = self.groups.get(group_id)
        return group if group is not None and self.self_id in group.members else None

    def bot_role(self, group_id: int) -> str | None:
        group = self.groups.get(group_id)
        return group.role_of(self.self_id) if group else None

    def above(self, group_id: int, target: int) -> bool:
        """QQ lets the bot manage someone only from above: owner over admins and members, admin
        over members."""
        group = self.groups.get(group_id)
        mine, theirs = self.bot_role(group_id), group.role_of(target) if group else None
        return mine is not None and theirs is not None and RANK[mine] > RANK[theirs]

    def shares_group(self, user_id: int, group_id: int) -> bool:
        group = self.group_of_bot(group_id)
        return group is not None and user_id in group.members
