"""The OneBot v11 side of the platform port: action names, segments, members, refusals."""

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from nonebot.adapters.onebot.v11 import Bot, Message, MessageSegment
from nonebot.adapters.onebot.v11.exception import ActionFailed, NetworkError
from nonebug import App

from adapters import events
from adapters.actions import (
    MAX_MUTE_SECONDS,
    Action,
    AnswerJoin,
    DeleteGroupFile,
    Done,
    Kick,
    Mute,
    Recall,
    Refused,
    SendGroup,
    SendPrivate,
    SetAdmin,
    SetCard,
    Unmute,
    Why,
)
from adapters.message import Mention, Text
from adapters.onebot import NO_ANSWER, OneBotPlatform, to_call, to_member, to_message
from adapters.pacing import Lane, Limiter
from adapters.port import GroupInfo, Member
from tests.adapters.conftest import install
from tests.factories import make_bot

HELLO = (Text("你好"),)


@pytest.mark.parametrize(
    ("action", "api", "params"),
    [
        (Recall(1, 123), "delete_msg", {"message_id": 123}),
        (
            Mute(700100, 50001, 600),
            "set_group_ban",
            {"group_id": 700100, "user_id": 50001, "duration": 600},
        ),
        (
            Unmute(700100, 50001),
            "set_group_ban",
            {"group_id": 700100, "user_id": 50001, "duration": 0},
        ),
        (
            Kick(700100, 50001),
            "set_group_kick",
            {"group_id": 700100, "user_id": 50001, "reject_add_request": False},
        ),
        (
            Kick(700100, 50001, refuse_future=True),
            "set_group_kick",
            {"group_id": 700100, "user_id": 50001, "reject_add_request": True},
        ),
        (
            SetCard(700100, 50001, "XX社區-張三"),
            "set_group_card",
            {"group_id": 700100, "user_id": 50001, "card": "XX社區-張三"},
        ),
        (
            SetAdmin(700100, 40003, True),
            "set_group_admin",
            {"group_id": 700100, "user_id": 40003, "enable": True},
        ),
        (
            SetAdmin(700100, 40001, False),
            "set_group_admin",
            {"group_id": 700100, "user_id": 40001, "enable": False},
        ),
        (
            AnswerJoin("flag-1", "add", True),
            "set_group_add_request",
            {"flag": "flag-1", "sub_type": "add", "approve": True, "reason": ""},
        ),
        (
            AnswerJoin("flag-2", "invite", False, "黑名單帳號"),
            "set_group_add_request",
            {"flag": "flag-2", "sub_type": "invite", "approve": False, "reason": "黑名單帳號"},
        ),
        (
            DeleteGroupFile(700100, "/a1b2-c3d4"),
            "delete_group_file",
            {"group_id": 700100, "file_id": "/a1b2-c3d4"},
        ),
        (
            SendGroup(700100, (Mention(50001), Text(" 請改名片"))),
            "send_group_msg",
            {
                "group_id": 700100,
                "message": Message([MessageSegment.at(50001), MessageSegment.text(" 請改名片")]),
            },
        ),
        (
            SendPrivate(40001, HELLO),
            "send_private_msg",
            {"user_id": 40001, "message": Message(MessageSegment.text("你好"))},
        ),
    ],
)
def test_to_call(action: Action, api: str, params: dict[str, Any]) -> None:
    assert to_call(action) == (api, params)


def test_to_call_refuses_what_it_does_not_know() -> None:
    with pytest.raises(TypeError):
        to_call("delete_msg")  # type: ignore[arg-type]


def test_user_text_with_cq_code_stays_one_text_segment() -> None:
    card = "[CQ:at,qq=1] &#91;假&#93; [CQ:image,file=http://x/y.png]"
    out = to_message((Text(card),))
    assert len(out) == 1
    assert out[0].type == "text"
    assert out[0].data["text"] == card
    assert not [s for s in out if s.type in ("at", "image")]


def test_to_message_keeps_order_of_parts() -> None:
    out = to_message((Text("甲"), Mention(1), Text("乙")))
    assert [(s.type, dict(s.data)) for s in out] == [
        ("text", {"text": "甲"}),
        ("at", {"qq": "1"}),
        ("text", {"text": "乙"}),
    ]


@pytest.mark.parametrize("seconds", [0, -1, 30 * 24 * 3600, 30 * 24 * 3600 + 1, 10**9])
def test_mute_refuses_zero_and_thirty_days_or_more(seconds: int) -> None:
    with pytest.raises(ValueError, match="30 days"):
        Mute(700100, 50001, seconds)


@pytest.mark.parametrize("seconds", [1, 600, MAX_MUTE_SECONDS])
def test_mute_accepts_under_thirty_days(seconds: int) -> None:
    assert Mute(700100, 50001, seconds).seconds == seconds
    assert MAX_MUTE_SECONDS < 30 * 24 * 3600


NAPCAT_MEMBER: dict[str, Any] = {
    "group_id": 700100,
    "user_id": 50001,
    "nickname": "小明",
    "card": "XX社區-王小明",
    "sex": "unknown",
    "age": 0,
    "area": "",
    "level": "1",
    "qq_level": 0,
    "join_time": 1_700_000_000,
    "last_sent_time": 1_700_086_400,
    "title_expire_time": 0,
    "unfriendly": False,
    "card_changeable": True,
    "is_robot": False,
    "shut_up_timestamp": 0,
    "role": "admin",
    "title": "",
}


def test_to_member_reads_a_napcat_member() -> None:
    member = to_member(NAPCAT_MEMBER)
    assert member == Member(
        user_id=50001,
        nickname="小明",
        card="XX社區-王小明",
        role="admin",
        join_time=datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC),
        last_sent_time=datetime(2023, 11, 15, 22, 13, 20, tzinfo=UTC),
    )
    assert member.shown_name == "XX社區-王小明"


def test_to_member_tolerates_missing_and_odd_fields() -> None:
    data = {
        "user_id": "50002",  # some implementations send strings
        "nickname": None,
        "card": None,
        "role": "superadmin",
        "join_time": 0,
    }
    member = to_member(data)
    assert member == Member(user_id=50002, nickname="", card="", role="member")
    assert member.join_time is None
    assert member.last_sent_time is None


def test_shown_name_falls_back_to_the_nickname() -> None:
    member = to_member({**NAPCAT_MEMBER, "card": "", "role": "owner"})
    assert (member.shown_name, member.role) == ("小明", "owner")


# --- Calls through a bot under nonebug ------------------------------------------------------


SEND_TIMEOUT = (
    "Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg "
    "ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{}\n"
)


async def test_a_group_send_refused_for_risk_pauses_sending_only(
    app: App, limiter: Limiter
) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        ctx.should_call_api(
            "send_group_msg",
            {"group_id": 700100, "message": Message(MessageSegment.text("你好"))},
            exception=ActionFailed(status="failed", retcode=1200, wording=SEND_TIMEOUT),
        )
        outcome = await events.platform_for(bot).perform(SendGroup(700100, HELLO), key=700100)

    assert isinstance(outcome, Refused)
    assert outcome.why is Why.RISK
    assert outcome.retcode == 1200
    assert outcome.for_risk
    assert not outcome.ok
    refused_at = time.monotonic()

    async def granted(lane: Lane) -> float:
        await lane.acquire(700100)
        return time.monotonic() - refused_at

    sent, managed = await asyncio.gather(granted(limiter.send), granted(limiter.manage))
    assert sent >= 0.25, sent
    assert managed < 0.2, managed


async def test_a_hundred_everyday_refusals_pause_nothing(app: App, limiter: Limiter) -> None:
    """NapCat answers every failure with 1200 (ob/action/OneBotAction.ts websocketHandle)."""
    everyday: list[tuple[str, dict[str, Any], Action, str]] = [
        ("delete_msg", {"message_id": 5}, Recall(1, 5), "Recall failed"),
        (
            "set_group_kick",
            {"group_id": 700100, "user_id": 50009, "reject_add_request": False},
            Kick(700100, 50009),
            "get Uid Error",
        ),
        (
            "delete_group_file",
            {"group_id": 700100, "file_id": "x"},
            DeleteGroupFile(700100, "x"),
            "Invalid file_id",
        ),
        (
            "send_private_msg",
            {"user_id": 40001, "message": Message(MessageSegment.text("你好"))},
            SendPrivate(40001, HELLO),
            SEND_TIMEOUT,
        ),
    ]
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        platform = events.platform_for(bot)
        for api, params, action, wording in everyday:
            for _ in range(100):
                ctx.should_call_api(
                    api, params, exception=ActionFailed(retcode=1200, wording=wording)
                )
                outcome = await platform.perform(action, key=700100)
                assert isinstance(outcome, Refused)
                assert not outcome.for_risk, (api, outcome)
    start = time.monotonic()
    await asyncio.gather(limiter.send.acquire(1), limiter.manage.acquire(1))
    assert time.monotonic() - start < 0.15


async def test_another_refusal_does_not_pause(app: App, limiter: Limiter) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        ctx.should_call_api(
            "set_group_kick",
            {"group_id": 700100, "user_id": 50001, "reject_add_request": False},
            exception=ActionFailed(status="failed", retcode=102, message="權限不足"),
        )
        outcome = await events.platform_for(bot).perform(Kick(700100, 50001), key=700100)

    assert outcome == Refused(Why.NOT_PERMITTED, "權限不足", 102)
    assert isinstance(outcome, Refused)
    assert not outcome.for_risk
    start = time.monotonic()
    await limiter.manage.acquire(700100)
    assert time.monotonic() - start < 0.15


async def test_a_network_error_is_a_refusal_without_an_answer(app: App, limiter: Limiter) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        ctx.should_call_api(
            "send_group_msg",
            {"group_id": 700100, "message": Message(MessageSegment.text("你好"))},
            exception=NetworkError("WebSocket call api timeout"),
        )
        ctx.should_call_api(
            "get_group_info", {"group_id": 700100, "no_cache": True}, exception=TimeoutError()
        )
        platform = events.platform_for(bot)
        sent = await platform.perform(SendGroup(700100, HELLO), key=700100)
        info = await platform.group(700100)

    assert isinstance(sent, Refused)
    assert sent.retcode == NO_ANSWER == -1
    assert sent.why is Why.NO_ANSWER
    assert "NetworkError" in sent.message
    assert isinstance(info, Refused)
    assert info.retcode == NO_ANSWER


async def test_a_done_action_carries_the_answer(app: App, limiter: Limiter) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        ctx.should_call_api(
            "send_private_msg",
            {"user_id": 40001, "message": Message(MessageSegment.text("你好"))},
            {"message_id": 42},
        )
        outcome = await events.platform_for(bot).perform(SendPrivate(40001, HELLO))

    assert outcome == Done({"message_id": 42})
    assert outcome.ok


async def test_member_group_and_members_are_read(app: App, limiter: Limiter) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        install(bot, limiter)
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": 700100, "user_id": 50001, "no_cache": True},
            NAPCAT_MEMBER,
        )
        ctx.should_call_api(
            "get_group_member_info",
            {"group_id": 700100, "user_id": 50009, "no_cache": True},
            exception=ActionFailed(
                status="failed", retcode=1200, message="群(700100)成员50009不存在"
            ),
        )
        ctx.should_call_api(
            "get_group_member_list",
            {"group_id": 700100, "no_cache": True},
            [NAPCAT_MEMBER, {**NAPCAT_MEMBER, "user_id": 50002, "card": "", "role": "member"}],
        )
        ctx.should_call_api(
            "get_group_info",
            {"group_id": 700100, "no_cache": True},
            {"group_id": 700100, "group_name": "測試群", "member_count": 31},
        )
        platform = events.platform_for(bot)
        member = await platform.member(700100, 50001)
        missing = await platform.member(700100, 50009)
        everyone = await platform.members(700100)
        group = await platform.group(700100)

    assert isinstance(member, Member)
    assert member.card == "XX社區-王小明"
    assert missing == Refused(Why.NOT_MEMBER, "群(700100)成员50009不存在", 1200)
    assert isinstance(everyone, list)
    assert [(m.user_id, m.shown_name, m.role) for m in everyone] == [
        (50001, "XX社區-王小明", "admin"),
        (50002, "小明", "member"),
    ]
    assert group == GroupInfo(700100, "測試群", 31, 0)


async def test_one_limiter_per_bot_account(app: App, limiter: Limiter) -> None:
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        first = events.platform_for(bot)
        second = events.platform_for(bot)
        other = events.platform_for(ctx.create_bot(base=Bot, self_id="88888"))

    assert isinstance(first, OneBotPlatform)
    assert isinstance(second, OneBotPlatform)
    assert isinstance(other, OneBotPlatform)
    assert first.limiter is second.limiter
    assert other.limiter is not first.limiter
