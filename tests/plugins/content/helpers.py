"""What the content duty is expected to send, built from its own wording."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from nonebot.adapters.onebot.v11 import GroupMessageEvent, Message, MessageSegment

from core import runtime
from plugins.content import texts
from plugins.content.categories import by_key
from plugins.measures.evidence import digest, reference
from plugins.scanner.redact import mask_term as masked
from tests import accounts
from tests.factories import InlineFile, group_msg

WHEN = 1_780_000_000  # a fixed event time, so the report's file name is known
CHAIN = (accounts.LEADER, accounts.STREET_LEADER, 30002)  # unit, street, committee


def posted(
    text: str, user_id: int = accounts.MEMBER, group_id: int = accounts.GROUP
) -> GroupMessageEvent:
    event = group_msg(text, user_id, group_id=group_id)
    event.time = WHEN
    return event


def evidence(event: GroupMessageEvent, matched: str) -> str:
    return reference(event.message_id, masked(matched), digest([event.get_plaintext()]))


def expect_notice(ctx: Any, user_id: int, text: str, group_id: int = accounts.GROUP) -> None:
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": group_id,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )


def expect_private(ctx: Any, people: tuple[int, ...], text: str) -> None:
    for person in people:
        ctx.should_call_api(
            "send_private_msg",
            {"user_id": person, "message": Message(MessageSegment.text(text))},
            {"message_id": 1},
        )


def leaders(
    category: str,
    event: GroupMessageEvent,
    matched: str,
    outcomes: list[str],
    *,
    exempt: bool = False,
    rung: str | None = None,
) -> str:
    illegal = by_key()[category].kind == "illegal"
    return texts.leaders_notice(
        category=by_key()[category],
        group_id=event.group_id,
        unit="XX社區",
        user_id=event.user_id,
        message_id=event.message_id,
        evidence=evidence(event, matched),
        outcomes=outcomes,
        exempt=exempt,
        rung=rung,
        report_to=["公安分局", "區委網信辦"] if illegal else [],
    )


def report_path(group_id: int, record_id: int) -> Path:
    local = datetime.fromtimestamp(WHEN, UTC).astimezone(ZoneInfo("Asia/Shanghai"))
    name = texts.report_file_name(f"{local:%Y%m%d-%H%M%S}", group_id, record_id)
    return (runtime.settings().qungui_data_dir / "reports").resolve() / name


def expect_report(ctx: Any, record_id: int, group_id: int = accounts.GROUP) -> Path:
    ctx.should_call_api(
        "get_group_info",
        {"group_id": group_id, "no_cache": True},
        {"group_id": group_id, "group_name": "測試群", "member_count": 30, "max_member_count": 500},
    )
    path = report_path(group_id, record_id)
    ctx.should_call_api(
        "send_private_msg",
        {"user_id": accounts.STREET_LEADER, "message": InlineFile(path)},
        {"message_id": 1},
    )
    return path
