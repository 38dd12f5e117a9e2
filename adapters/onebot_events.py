"""OneBot v11 events (as NapCat sends them) read as the platform-neutral views."""

import hashlib
import json

from nonebot.adapters import Event, Message
from nonebot.adapters.onebot.v11 import Event as OneBotEvent
from nonebot.adapters.onebot.v11 import (
    FriendRequestEvent,
    GroupAdminNoticeEvent,
    GroupDecreaseNoticeEvent,
    GroupIncreaseNoticeEvent,
    GroupMessageEvent,
    GroupRequestEvent,
    GroupUploadNoticeEvent,
    MessageEvent,
    NoticeEvent,
)
from nonebot.adapters.onebot.v11 import Message as OneBotMessage

from adapters.port import Role
from adapters.views import (
    Args,
    CardChange,
    FriendRequest,
    JoinRequest,
    MemberChange,
    Posted,
    Quoted,
    Segments,
    Sender,
    Upload,
    when,
)

NAME = "qq"  # the platform's name in every record (OneBot v11 as NapCat speaks it: QQ)
LABEL = "QQ"  # as people read it


def reads(event: Event) -> bool:
    return isinstance(event, OneBotEvent)


def reads_message(message: Message) -> bool:
    return isinstance(message, OneBotMessage)


def _role(value: object) -> Role:
    return value if value in ("owner", "admin") else "member"


def sender_of(event: Event) -> Sender | None:
    if isinstance(event, GroupMessageEvent):
        return Sender(NAME, event.user_id, event.group_id, _role(event.sender.role))
    if isinstance(event, MessageEvent):
        return Sender(NAME, event.user_id, None, None)
    return None


def group_of(event: Event) -> int | None:
    group_id = getattr(event, "group_id", None)
    return int(group_id) if isinstance(group_id, int) else None


def stable_key(event: Event) -> str | None:
    """A group message as every account in the group receives it, digested: group, sender, QQ's
    own send time (msgTime, the same for every account) and what it says. The message id is left
    out: each account numbers messages its own way (NapCat's MessageUnique is per account). Two
    identical messages from one person in one second count as one. Notices and requests carry
    the time each NapCat made them, which can differ between accounts: None (the account chosen
    for the group handles them alone)."""
    if not isinstance(event, GroupMessageEvent):
        return None
    said = [
        [s.type, str(s.data.get("text", s.data.get("qq", s.data.get("id", ""))))]
        for s in event.original_message
        if s.type in ("text", "at", "face")
    ]
    facts = [NAME, event.group_id, event.user_id, event.time, said]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()


def is_edit(event: Event) -> bool:
    return False  # QQ messages cannot be edited once sent


def quoted_by(event: Event) -> Quoted | None:
    """The message `event` replies to, or None.

    The OneBot adapter fetches the quoted message (`event.reply`) and takes the reply segment out
    of `event.message`; when that fetch failed, the id is still in `original_message`.
    """
    if not isinstance(event, MessageEvent):
        return None
    if event.reply is not None:
        texts = [str(s.data.get("text", "")) for s in event.reply.message if s.type == "text"]
        return Quoted(event.reply.message_id, event.reply.sender.user_id, "".join(texts))
    for segment in event.original_message:
        ident = str(segment.data.get("id", ""))
        if segment.type == "reply" and ident.lstrip("-").isdigit():
            return Quoted(int(ident), None, "")
    return None


def as_received(event: Event) -> Segments:
    """The message as the platform sent it: the OneBot adapter takes a quoted reply's segment
    out of `event.message` (nonebot/adapters/onebot/v11/bot.py, `_check_reply`); the original
    keeps it, so a scan sees the quote."""
    message = event.original_message if isinstance(event, MessageEvent) else event.get_message()
    return [{"type": s.type, "data": dict(s.data)} for s in message]


def quote_fetched(event: Event) -> tuple[str, dict[str, Segments]] | None:
    """The quoted message the adapter already fetched (its id, and it in get_msg's shape);
    None when there is none or the fetch failed (the id stays in `original_message`)."""
    if not isinstance(event, MessageEvent) or event.reply is None:
        return None
    segments = [{"type": s.type, "data": dict(s.data)} for s in event.reply.message]
    return str(event.reply.message_id), {"message": segments}


def parse_args(message: Message) -> Args:
    """Words split on white space; `@someone` segments become mentions (never markup)."""
    words: list[str] = []
    mentions: list[int] = []
    for segment in message:
        if segment.type == "text":
            words.extend(str(segment.data.get("text", "")).split())
        elif segment.type == "at" and str(segment.data.get("qq", "")).isdigit():
            mentions.append(int(segment.data["qq"]))
    return Args(tuple(words), tuple(mentions))


def own_role_change(event: Event) -> tuple[str, int, Role | None] | None:
    """The account's own role in a group, as a notice changes it (its id, the group, the role):
    a group_admin notice about the bot itself (an owner gave or took its rights by hand), or the
    bot removed (None)."""
    if isinstance(event, GroupAdminNoticeEvent) and event.user_id == event.self_id:
        return str(event.self_id), event.group_id, "admin" if event.sub_type == "set" else "member"
    if isinstance(event, GroupDecreaseNoticeEvent) and event.user_id == event.self_id:
        return str(event.self_id), event.group_id, None
    return None


def self_left(event: Event) -> bool:
    return isinstance(event, GroupDecreaseNoticeEvent) and event.user_id == event.self_id


def friend_request_of(event: Event) -> FriendRequest | None:
    if not isinstance(event, FriendRequestEvent):
        return None
    return FriendRequest(NAME, str(event.self_id), event.user_id, event.flag)


def join_request_of(event: Event) -> JoinRequest | None:
    """A request to join a group (OneBot request/group/add); None for anything else.

    A request/group/invite is the bot itself being invited somewhere: not a join request.
    """
    if not isinstance(event, GroupRequestEvent) or event.sub_type != "add":
        return None
    return JoinRequest(
        NAME,
        str(event.self_id),
        event.group_id,
        event.user_id,
        event.comment or "",
        event.flag,
        event.sub_type,
    )


def member_joined(event: Event) -> MemberChange | None:
    if not isinstance(event, GroupIncreaseNoticeEvent):
        return None
    operator = event.operator_id or None
    return MemberChange(NAME, str(event.self_id), event.group_id, event.user_id, operator)


def member_left(event: Event) -> MemberChange | None:
    if not isinstance(event, GroupDecreaseNoticeEvent):
        return None
    operator = event.operator_id or None
    return MemberChange(NAME, str(event.self_id), event.group_id, event.user_id, operator)


def card_changed(event: Event) -> CardChange | None:
    """NapCat's notice group_card (card_new, card_old); other implementations do not send it."""
    if not isinstance(event, NoticeEvent) or event.notice_type != "group_card":
        return None
    try:  # NapCat has sent the numbers as strings in some versions
        group_id, user_id = int(getattr(event, "group_id", "")), int(getattr(event, "user_id", ""))
    except (TypeError, ValueError):
        return None
    return CardChange(
        NAME,
        str(event.self_id),
        group_id,
        user_id,
        str(getattr(event, "card_new", None) or ""),
        str(getattr(event, "card_old", None) or ""),
    )


def posted_of(event: Event) -> Posted | None:
    """A message posted in a group; None for anything else (NapCat's message_sent included)."""
    if not isinstance(event, GroupMessageEvent):
        return None
    return Posted(
        NAME,
        event.group_id,
        event.user_id,
        event.message_id,
        when(event.time),
        event.user_id == event.self_id,
        _role(event.sender.role),
    )


def upload_of(event: Event) -> Upload | None:
    """A group file upload (NapCat sends it beside a message carrying a `file` segment)."""
    if not isinstance(event, GroupUploadNoticeEvent):
        return None
    return Upload(
        NAME,
        event.group_id,
        event.user_id,
        event.file.id,
        event.file.name,
        event.file.size,
        when(event.time),
        event.user_id == event.self_id,
    )
