"""The content duty in a Telegram group: recall, then the ladder (warning, mute, mute, removal)
through the Bot API, and an admin's message left to a person where Telegram would refuse."""

import pytest
from nonebug import App

from adapters import telegram_people
from core import runtime
from models.measures import MeasureRecord, RecordStatus
from plugins.content import texts
from plugins.content.categories import by_key
from plugins.measures.escalation import Level, recipients
from plugins.measures.evidence import digest, reference
from plugins.scanner.redact import mask_term
from tests import telegram as tg
from tests.tg_calls import (
    ANY_TEXT,
    OWNER_AND_ADMIN,
    expect,
    expect_admins,
    expect_member,
    expect_mention,
    expect_mute,
    expect_removal,
    expect_send,
    filed_tg_group,
    on_telegram,
    refuse,
    telegram_world,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.usefixtures("telegram_world")

WORDS = "你个傻逼"


def leaders_notice(raw: dict[str, object], outcomes: list[str], number: int) -> str:
    message_id = raw["message"]["message_id"]  # type: ignore[index]
    return texts.leaders_notice(
        category=by_key()["vulgar"],
        group_id=tg.GROUP,
        unit="XX社區",
        user_id=tg.MEMBER,
        message_id=message_id,
        evidence=reference(message_id, mask_term("傻逼"), digest([WORDS])),
        outcomes=outcomes,
        exempt=False,
        rung=texts.rung_line(number, 30),
        report_to=[],
    )


async def test_harmful_messages_climb_the_ladder_to_a_removal_on_telegram(app: App) -> None:
    await filed_tg_group()
    posts = [tg.group_message(WORDS, tg.MEMBER) for _ in range(4)]
    rungs = [
        (None, ["撤回", "予以警告"], "警告（已執行）"),
        (3600, ["撤回", "禁言1小時"], "禁言1小時（已執行）"),
        (86400, ["撤回", "禁言1天"], "禁言1天（已執行）"),
        ("kick", ["撤回", "移出本群"], "移出本群（已執行）"),
    ]
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        for number, (raw, (step, done, outcome)) in enumerate(
            zip(posts, rungs, strict=True), start=1
        ):
            ctx.receive_event(bot, tg.event(raw))
            message_id = raw["message"]["message_id"]
            expect(ctx, "delete_message", chat_id=tg.GROUP, message_id=message_id)
            if isinstance(step, int):
                expect_mute(ctx, tg.MEMBER, step)
            elif step == "kick":
                expect_removal(ctx, tg.MEMBER)
            said = texts.group_notice(by_key()["vulgar"], done, [])
            expect_mention(ctx, tg.MEMBER, said, name="用戶")
            notice = leaders_notice(raw, ["撤回（已執行）", outcome], number)
            for leader in on_telegram(recipients(runtime.org(), "XX社區", [Level.STREET])):
                expect_send(ctx, leader, notice)  # (the street leader has no Telegram account)

    rows = await MeasureRecord.all().order_by("id")
    assert [(r.platform, r.action, r.status) for r in rows] == [
        ("telegram", "recall", RecordStatus.DONE),
        ("telegram", "warning", RecordStatus.DONE),
        ("telegram", "recall", RecordStatus.DONE),
        ("telegram", "mute", RecordStatus.DONE),
        ("telegram", "recall", RecordStatus.DONE),
        ("telegram", "mute", RecordStatus.DONE),
        ("telegram", "recall", RecordStatus.DONE),
        ("telegram", "kick", RecordStatus.DONE),
    ]
    assert {r.group_id for r in rows} == {tg.GROUP}


async def test_a_telegram_admin_s_message_is_left_to_a_person(app: App) -> None:
    """The bot had not met the chat's admins (Telegram's messages carry no role): it asks
    Telegram who the sender is; the deletion Telegram refuses is left to a person: the group's
    owner (found among the administrators) and the sender are asked privately."""
    await filed_tg_group(admins=(tg.OWNER,))
    telegram_people.forget()
    raw = tg.group_message(WORDS, tg.ADMIN)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(raw))
        expect_member(ctx, tg.ADMIN, "administrator")  # the sender's role, for the duty's roles
        message_id = raw["message"]["message_id"]
        refused = "Bad Request: message can't be deleted"
        refuse(ctx, "delete_message", refused, chat_id=tg.GROUP, message_id=message_id)
        expect_admins(ctx, *OWNER_AND_ADMIN)
        expect_send(ctx, tg.OWNER, ANY_TEXT)
        expect_send(ctx, tg.ADMIN, ANY_TEXT)
        # The ladder's first rung, a warning, needs no call; the recall is left to a person.
        said = texts.group_notice(by_key()["vulgar"], ["予以警告"], ["撤回"])
        expect_mention(ctx, tg.ADMIN, said, name="用戶")
    recall = await MeasureRecord.filter(action="recall").get()
    assert recall.status == RecordStatus.REFERRED


async def test_a_clean_message_makes_no_bot_api_call(app: App) -> None:
    await filed_tg_group()
    raw = tg.group_message("今天開會", tg.MEMBER)
    async with app.test_matcher() as ctx:
        bot = tg.make_bot(ctx)
        ctx.receive_event(bot, tg.event(raw))
    assert not await MeasureRecord.exists()
