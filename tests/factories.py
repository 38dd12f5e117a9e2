"""OneBot v11 events as NapCat sends them, and the replies the bot is expected to make."""

import base64
import itertools
import time
from pathlib import Path
from typing import Any, Literal

import pytest
from nonebot.adapters.onebot.v11 import (
    Bot,
    GroupMessageEvent,
    Message,
    MessageSegment,
    PrivateMessageEvent,
)
from nonebot.adapters.onebot.v11.event import Sender
from nonebot.adapters.onebot.v11.exception import ActionFailed
from nonebot.matcher import Matcher
from nonebug.mixin.call_api import ApiContext

from tests import accounts

_ids = itertools.count(1000)


def message(text: str, *mentions: int) -> Message:
    """`text`, then each mention: `/交接管理員 @新管理員` is message("/交接管理員 ", 40003)."""
    out = Message(MessageSegment.text(text))
    for m in mentions:
        out.append(MessageSegment.at(m))
    return out


def group_msg(
    text: str | Message,
    user_id: int = accounts.MEMBER,
    *,
    group_id: int = accounts.GROUP,
    role: Literal["owner", "admin", "member"] = "member",
    card: str = "",
) -> GroupMessageEvent:
    msg = text if isinstance(text, Message) else message(text)
    return GroupMessageEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="message",
        sub_type="normal",
        user_id=user_id,
        message_type="group",
        message_id=next(_ids),
        message=msg,
        original_message=msg,
        raw_message=str(msg),
        font=0,
        sender=Sender(user_id=user_id, nickname=f"u{user_id}", card=card, role=role),
        to_me=False,
        group_id=group_id,
    )


def private_msg(text: str, user_id: int) -> PrivateMessageEvent:
    msg = message(text)
    return PrivateMessageEvent(
        time=int(time.time()),
        self_id=accounts.SELF,
        post_type="message",
        sub_type="friend",
        user_id=user_id,
        message_type="private",
        message_id=next(_ids),
        message=msg,
        original_message=msg,
        raw_message=str(msg),
        font=0,
        sender=Sender(user_id=user_id, nickname=f"u{user_id}"),
        to_me=True,
    )


def expect_group_send(ctx: ApiContext, text: str, group_id: int = accounts.GROUP) -> None:
    ctx.should_call_api(
        "send_group_msg",
        {"group_id": group_id, "message": Message(MessageSegment.text(text))},
        {"message_id": next(_ids)},
    )


def expect_private_send(ctx: ApiContext, user_id: int, text: str) -> None:
    ctx.should_call_api(
        "send_private_msg",
        {"user_id": user_id, "message": Message(MessageSegment.text(text))},
        {"message_id": next(_ids)},
    )


def group_info(
    group_id: int = accounts.GROUP, name: str = "測試群", members: int = 30
) -> dict[str, Any]:
    return {
        "group_id": group_id,
        "group_name": name,
        "member_count": members,
        "max_member_count": 500,
    }


def expect_group_info(ctx: ApiContext, group_id: int = accounts.GROUP, members: int = 30) -> None:
    ctx.should_call_api(
        "get_group_info",
        {"group_id": group_id, "no_cache": True},
        group_info(group_id, members=members),
    )


def member(user_id: int, card: str = "", role: str = "member") -> dict[str, Any]:
    """A member as `get_group_member_info` answers for them."""
    return {
        "group_id": accounts.GROUP,
        "user_id": user_id,
        "nickname": f"u{user_id}",
        "card": card,
        "role": role,
        "join_time": 1_700_000_000,
        "last_sent_time": 1_700_000_100,
    }


def expect_member(ctx: ApiContext, user_id: int, card: str = "", role: str = "member") -> None:
    ctx.should_call_api(
        "get_group_member_info",
        {"group_id": accounts.GROUP, "user_id": user_id, "no_cache": True},
        member(user_id, card, role),
    )


def make_bot(ctx: Any) -> Bot:
    return ctx.create_bot(base=Bot, self_id=str(accounts.SELF))


def mark_for_nonebug(matcher: type[Matcher], monkeypatch: pytest.MonkeyPatch) -> type[Matcher]:
    """nonebug marks the matchers in NoneBot's table for its bookkeeping; the duties' matchers sit
    behind the gate (core.dispatch), out of that table, so they get the same mark here."""
    state = {**matcher._default_state, "__nonebug_matcher__": matcher}
    monkeypatch.setattr(matcher, "_default_state", state)
    return matcher


def inline_file(message: Any, kind: str = "file") -> tuple[str, bytes]:
    """The name and bytes of the one file (or image) segment a private message carries inline
    (`base64://…`, as NapCat in another container can read it)."""
    (segment,) = message
    assert segment.type == kind, segment
    source = str(segment.data["file"])
    assert source.startswith("base64://"), source[:40]
    return str(segment.data.get("name", "")), base64.b64decode(source.removeprefix("base64://"))


class InlineFile:
    """Stands for a private message in `should_call_api` that must carry the file at `path`
    inline, under its own name; compared when the call is made (the file exists by then)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __eq__(self, other: object) -> bool:
        name, data = inline_file(other)
        return name == self.path.name and data == self.path.read_bytes()

    __hash__ = None  # type: ignore[assignment]


def expect_gone(ctx: ApiContext, group_id: int, user_id: int) -> None:
    """The read-back after a removal NapCat answered ok: the member is no longer there
    (NapCat's wording, ob/action/group/GetGroupMemberInfo.ts)."""
    ctx.should_call_api(
        "get_group_member_info",
        {"group_id": group_id, "user_id": user_id, "no_cache": True},
        exception=ActionFailed(retcode=1200, message=f"群({group_id})成员{user_id}不存在"),
    )


def expect_role(ctx: ApiContext, group_id: int, user_id: int, role: str) -> None:
    """The read-back after a change of admin rights: the member's role as it now is."""
    ctx.should_call_api(
        "get_group_member_info",
        {"group_id": group_id, "user_id": user_id, "no_cache": True},
        {**member(user_id, role=role), "group_id": group_id},
    )


def bot_role(role: str, group_id: int = accounts.GROUP) -> None:
    """The test bot's own role in a group, as the platform would have told it."""
    from adapters import events

    events._accounts[f"fake:{accounts.SELF}"].roles[group_id] = role  # type: ignore[assignment]
