"""What each duty says it does on a platform (pure), platform labels and typed group numbers."""

from dataclasses import replace

import pytest

from adapters.actions import MAX_MUTE_SECONDS
from adapters.onebot import QQ
from adapters.onebot_events import NAME as QQ_NAME
from adapters.telegram import TELEGRAM
from adapters.telegram_events import NAME as TELEGRAM_NAME
from plugins.registry.abilities import NOTICES, RECALL_LEFT_TO_ADMINS, limits
from plugins.registry.duties import DUTIES
from plugins.registry.parse import Decision, parse_decision
from plugins.registry.platforms import GroupRef, group_ref, label, parse_group_ref

KEYS = [d.key for d in DUTIES]


@pytest.mark.parametrize("duty", [*KEYS, NOTICES])
def test_qq_does_every_duty_in_full(duty: str) -> None:
    assert limits(duty, QQ) == ()


def test_telegram_s_lines_follow_its_missing_capabilities() -> None:
    realname, clearance, confidential, content, privacy = (limits(k, TELEGRAM) for k in KEYS)
    assert any("群名片" in line for line in realname)
    assert any("私聊申請人" in line for line in realname)
    assert clearance == (
        "沒有成員名單：每週檢查只計機器人入群後見過（入群或發言）的成員。",
        "沒有群名片：不因名片列入名單，也不點名改名片；沉默與閒置照常檢查。",
    )
    assert confidential == (
        "轉發的訊息逐條到達，逐條檢查。",
        "沒有群檔案：檢查訊息所附文件的檔名與說明文字。",
    )
    assert content == ()  # recall and mute as on QQ
    assert privacy == ()
    assert "私聊機器人一次" in limits(NOTICES, TELEGRAM)[0]


def test_each_missing_capability_alone_says_its_line() -> None:
    no_recall = replace(QQ, recall_others=False)
    for duty in ("confidential", "content", "privacy"):
        assert limits(duty, no_recall) == (RECALL_LEFT_TO_ADMINS,)
    assert limits("clearance", replace(QQ, set_card=False)) == (
        "沒有群名片：不因名片列入名單，也不點名改名片；沉默與閒置照常檢查。",
    )
    short = replace(QQ, mute_max_seconds=7 * 86400)
    assert limits("content", short) == ("禁言最長 7 天。",)
    assert limits("content", replace(QQ, mute_max_seconds=MAX_MUTE_SECONDS)) == ()


def test_an_unknown_duty_has_nothing_to_say() -> None:
    assert limits("astrology", TELEGRAM) == ()


def test_platform_labels_come_from_one_mapping() -> None:
    assert (label(QQ_NAME), label(TELEGRAM_NAME)) == ("QQ", "Telegram")
    assert label("wecom") == "wecom"  # a platform without a label shows its name


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("700100", GroupRef(700100)),
        ("-1001700100", GroupRef(-1001700100)),
        ("tg:-1001700100", GroupRef(-1001700100, TELEGRAM_NAME)),
        ("Telegram：-1001700100", GroupRef(-1001700100, TELEGRAM_NAME)),
        ("qq:700100", GroupRef(700100, QQ_NAME)),
        ("QQ:700100", GroupRef(700100, QQ_NAME)),
        ("wx:700100", None),  # an unknown platform
        ("1234", None),  # too short for a group
        ("-12", None),
        ("用途", None),
        ("700100號", None),
    ],
)
def test_parse_group_ref(word: str, expected: GroupRef | None) -> None:
    assert parse_group_ref(word) == expected


def test_a_typed_group_is_shown_back_with_its_platform() -> None:
    assert group_ref(TELEGRAM_NAME, -1001700100) == "tg:-1001700100"
    assert group_ref(QQ_NAME, 700100) == "qq:700100"


def test_decisions_take_telegram_numbers_and_prefixes() -> None:
    assert parse_decision(("-1001700100",), None, needs_reason=False) == Decision(-1001700100, "")
    assert parse_decision(("tg:-1001700100", "用途", "不明"), None, needs_reason=True) == Decision(
        -1001700100, "用途 不明", TELEGRAM_NAME
    )
    # in a Telegram group, a reason alone decides that group
    assert parse_decision(("用途不明",), -1001700100, needs_reason=True) == Decision(
        -1001700100, "用途不明"
    )
