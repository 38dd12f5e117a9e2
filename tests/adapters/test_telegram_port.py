"""The Telegram port: each action as the Bot API calls that carry it out, and refusals read."""

from typing import Any

import pytest
from nonebug import App

from adapters.actions import (
    AnswerJoin,
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
from adapters.events import platform_for
from adapters.message import Mention, Text
from adapters.telegram import FOREVER_UNDER, TELEGRAM, to_calls
from adapters.telegram_refusals import classify
from tests import telegram as tg

NOW = 1_800_000_000.0


def test_a_recall_names_its_chat() -> None:
    assert to_calls(Recall(tg.GROUP, 7), NOW) == [
        ("delete_message", {"chat_id": tg.GROUP, "message_id": 7})
    ]


def test_a_mute_silences_until_a_date_telegram_does_not_read_as_forever() -> None:
    [(api, params)] = to_calls(Mute(tg.GROUP, tg.MEMBER, 600), NOW)
    assert api == "restrict_chat_member"
    assert params["until_date"] == int(NOW) + 600
    assert not any(params["permissions"].values())
    [(_, short)] = to_calls(Mute(tg.GROUP, tg.MEMBER, 5), NOW)
    assert short["until_date"] - int(NOW) > FOREVER_UNDER  # under 30 s would be forever


def test_an_unmute_gives_every_right_back() -> None:
    [(api, params)] = to_calls(Unmute(tg.GROUP, tg.MEMBER), NOW)
    assert api == "restrict_chat_member"
    assert all(params["permissions"].values())
    assert "until_date" not in params


def test_a_removal_bans_then_lifts_the_ban_unless_future_joins_are_refused() -> None:
    kick = to_calls(Kick(tg.GROUP, tg.MEMBER), NOW)
    assert [api for api, _ in kick] == ["ban_chat_member", "unban_chat_member"]
    assert kick[1][1]["only_if_banned"] is True  # without it, unban removes a current member
    refuse = to_calls(Kick(tg.GROUP, tg.MEMBER, refuse_future=True), NOW)
    assert [api for api, _ in refuse] == ["ban_chat_member"]


def test_admin_rights_are_promotion_and_demotion() -> None:
    [(api, up)] = to_calls(SetAdmin(tg.GROUP, tg.ADMIN, True), NOW)
    assert api == "promote_chat_member"
    assert all(
        up[right] for right in ("can_delete_messages", "can_restrict_members", "can_invite_users")
    )
    [(_, down)] = to_calls(SetAdmin(tg.GROUP, tg.ADMIN, False), NOW)
    assert not any(v for k, v in down.items() if k.startswith("can_"))


def test_a_join_request_is_answered_by_chat_and_person() -> None:
    flag = f"{tg.GROUP}:{tg.STRANGER}"
    assert to_calls(AnswerJoin(flag, "add", True), NOW) == [
        ("approve_chat_join_request", {"chat_id": tg.GROUP, "user_id": tg.STRANGER})
    ]
    assert to_calls(AnswerJoin(flag, "add", False, "不在名冊"), NOW) == [
        ("decline_chat_join_request", {"chat_id": tg.GROUP, "user_id": tg.STRANGER})
    ]
    assert to_calls(AnswerJoin("not-a-flag", "add", True), NOW) == []


def test_text_goes_without_parse_mode_and_mentions_as_entities() -> None:
    markup = "<b>粗</b> *斜* [連結](http://x)"
    [(api, params)] = to_calls(SendGroup(tg.GROUP, (Text(markup),)), NOW)
    assert (api, params) == ("send_message", {"chat_id": tg.GROUP, "text": markup})
    [(_, mentioned)] = to_calls(SendGroup(tg.GROUP, (Text("請 "), Mention(tg.MEMBER))), NOW)
    assert mentioned["text"] == f"請 @{tg.MEMBER}"
    [entity] = mentioned["entities"]
    assert (entity["type"], entity["offset"], entity["user"]["id"]) == (
        "text_mention",
        2,
        tg.MEMBER,
    )


def test_a_long_message_is_cut_into_ones_telegram_takes() -> None:
    lines = "\n".join(f"第{n}行：" + "字" * 50 for n in range(200))
    calls = to_calls(SendPrivate(tg.MEMBER, (Text(lines),)), NOW)
    assert len(calls) > 1
    assert all(len(p["text"].encode("utf-16-le")) // 2 <= 4096 for _, p in calls)
    assert "".join(p["text"] for _, p in calls) == lines  # nothing lost, nothing doubled


def test_what_telegram_has_not_is_no_call() -> None:
    assert to_calls(SetCard(tg.GROUP, tg.MEMBER, "XX社區-張三"), NOW) == []
    assert not TELEGRAM.set_card
    assert not TELEGRAM.list_members
    assert not TELEGRAM.join_answers


@pytest.mark.parametrize(
    ("method", "description", "why"),
    [
        ("delete_message", "Bad Request: message to delete not found", Why.GONE),
        ("delete_message", "Bad Request: message can't be deleted", Why.NOT_PERMITTED),
        (
            "restrict_chat_member",
            "Bad Request: user is an administrator of the chat",
            Why.NOT_PERMITTED,
        ),
        ("ban_chat_member", "Bad Request: can't remove chat owner", Why.NOT_PERMITTED),
        (
            "restrict_chat_member",
            "Bad Request: not enough rights to restrict/unrestrict chat member",
            Why.NOT_PERMITTED,
        ),
        ("send_message", "Forbidden: bot can't initiate conversation with a user", Why.UNREACHABLE),
        ("send_message", "Forbidden: bot was blocked by the user", Why.UNREACHABLE),
        ("send_message", "Bad Request: can't parse entities: unexpected end tag", Why.INVALID),
        ("approve_chat_join_request", "Bad Request: HIDE_REQUESTER_MISSING", Why.GONE),
        ("get_chat_member", "Bad Request: user not found", Why.NOT_MEMBER),
        ("send_message", 'Received unexpected 429 b\'{"ok":false,"error_code":429}\'', Why.RISK),
        ("send_message", "Bad Request: something new", Why.OTHER),
    ],
)
def test_refusals_read_as_the_reasons_qq_ones_do(method: str, description: str, why: Why) -> None:
    assert classify(method, description) is why


async def test_each_call_goes_out_and_a_refusal_stops_the_rest(app: App) -> None:
    from nonebot.adapters.telegram.exception import ActionFailed

    async with app.test_api() as ctx:
        bot = tg.make_bot(ctx)
        ban: dict[str, Any] = {"chat_id": tg.GROUP, "user_id": tg.MEMBER}
        tg.expect(ctx, "ban_chat_member", ban)
        tg.expect(ctx, "unban_chat_member", {**ban, "only_if_banned": True})
        assert await platform_for(bot).perform(Kick(tg.GROUP, tg.MEMBER)) == Done(True)
        refusal = ActionFailed("Bad Request: can't remove chat owner")
        tg.expect(ctx, "ban_chat_member", ban, None, exception=refusal)
        outcome = await platform_for(bot).perform(Kick(tg.GROUP, tg.MEMBER))
        assert isinstance(outcome, Refused)
        assert outcome.why is Why.NOT_PERMITTED  # and no unban was asked for
        card = await platform_for(bot).perform(SetCard(tg.GROUP, tg.MEMBER, "x"))
        assert isinstance(card, Refused)
        assert card.why is Why.UNSUPPORTED


async def test_the_command_menu_offers_the_latin_aliases(app: App) -> None:
    menu = [("register", "備案"), ("rules", "群規"), ("不是拉丁", "錯")]
    async with app.test_api() as ctx:
        bot = tg.make_bot(ctx)
        offered = [
            {"command": "register", "description": "/備案"},
            {"command": "rules", "description": "/群規"},
        ]
        tg.expect(ctx, "set_my_commands", {"commands": offered})
        assert await platform_for(bot).offer_commands(menu) == Done(True)
