"""/保留, /取消保留, /清理設定, and the sightings the weekly check reads."""

from datetime import timedelta

import pytest
from nonebot.adapters.onebot.v11 import Message, MessageSegment
from nonebug import App

from core import runtime
from models.clearance import ClearanceSetting, Exemption, MemberSeen
from models.measures import MeasureRecord, RecordStatus
from plugins.clearance import seen, texts
from plugins.registry import texts as registry_texts
from tests import accounts
from tests.factories import expect_group_send, group_msg, make_bot, message
from tests.plugins.registry.helpers import filed_group

from .people import AT

ADMINS_ONLY = registry_texts.refused(["群組管理員", "單位分管負責人", "黨群工作部"])


def expect_mention(ctx, user_id: int, text: str) -> None:  # type: ignore[no-untyped-def]
    ctx.should_call_api(
        "send_group_msg",
        {
            "group_id": accounts.GROUP,
            "message": Message([MessageSegment.at(user_id), MessageSegment.text(text)]),
        },
        {"message_id": 1},
    )


async def test_keep_and_unkeep_are_on_record(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        keep = message("/保留 ", accounts.STRANGER) + " 駐點社工 每月來一次"
        ctx.receive_event(bot, group_msg(keep, accounts.ADMIN))
        expect_mention(ctx, accounts.STRANGER, texts.KEPT)
        ctx.receive_event(
            bot, group_msg(message("/keep ", accounts.STRANGER) + " 又一次", accounts.ADMIN)
        )
        expect_group_send(ctx, texts.ALREADY_KEPT)
        ctx.receive_event(bot, group_msg(message("/保留 ", accounts.MEMBER), accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_KEEP)  # a reason is required
        ctx.receive_event(
            bot, group_msg(message("/保留 ", accounts.SELF) + " 機器人", accounts.ADMIN)
        )
        expect_group_send(ctx, texts.NOT_SELF)
        ctx.receive_event(
            bot, group_msg(message("/保留 ", accounts.MEMBER) + " 自己", accounts.MEMBER)
        )
        expect_group_send(ctx, ADMINS_ONLY)
    row = await Exemption.get()
    assert (row.user_id, row.reason, row.added_by, row.lifted_at) == (
        accounts.STRANGER,
        "駐點社工 每月來一次",
        accounts.ADMIN,
        None,
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg(message("/取消保留 ", accounts.STRANGER), accounts.LEADER))
        expect_mention(ctx, accounts.STRANGER, texts.UNKEPT)
        ctx.receive_event(bot, group_msg(message("/unkeep ", accounts.STRANGER), accounts.ADMIN))
        expect_group_send(ctx, texts.NOT_KEPT)
    await row.refresh_from_db()
    assert row.lifted_by == accounts.LEADER
    assert row.lifted_at is not None
    records = await MeasureRecord.all().order_by("id")
    assert [(r.action, r.target, r.actor, r.article, r.reason, r.status) for r in records] == [
        (
            "clearance_keep",
            accounts.STRANGER,
            accounts.ADMIN,
            4,
            "駐點社工 每月來一次",
            RecordStatus.DONE,
        ),
        ("clearance_unkeep", accounts.STRANGER, accounts.LEADER, 4, "", RecordStatus.DONE),
    ]


async def test_settings_are_shown_changed_and_reset(app: App) -> None:
    group = await filed_group()
    default = texts.settings_shown("週一 09:00", False, 90, False, 60, False)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/清理設定", accounts.ADMIN))
        expect_group_send(ctx, default)
        ctx.receive_event(bot, group_msg("/清理设定 时间 周三 15:30", accounts.ADMIN))
        shown = texts.settings_shown("週三 15:30", True, 90, False, 60, False)
        expect_group_send(ctx, f"{texts.SETTINGS_SAVED}\n{shown}")
        ctx.receive_event(bot, group_msg("/sweep_settings 沉默天數 120", accounts.ADMIN))
        shown = texts.settings_shown("週三 15:30", True, 120, True, 60, False)
        expect_group_send(ctx, f"{texts.SETTINGS_SAVED}\n{shown}")
        ctx.receive_event(bot, group_msg("/清理設定 時間 週八 15:30", accounts.ADMIN))
        expect_group_send(ctx, texts.USAGE_SETTINGS)
        ctx.receive_event(bot, group_msg("/清理設定 沉默天數 30", accounts.MEMBER))
        expect_group_send(ctx, ADMINS_ONLY)
    setting = await ClearanceSetting.get(group=group)
    assert (setting.weekday, setting.hour, setting.minute, setting.silent_days) == (2, 15, 30, 120)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/清理設定 預設", accounts.ADMIN))
        expect_group_send(ctx, f"{texts.SETTINGS_SAVED}\n{default}")


async def test_a_grade_schedule_applies_to_groups_without_their_own(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = runtime.current()
    graded = current.settings.model_copy(
        update={"qungui_clearance_schedule_by_grade": {"三級": "週五 17:00"}}
    )
    monkeypatch.setattr(runtime, "_current", runtime.Runtime(graded, current.org, current.rulebook))
    await filed_group()  # internal, 30 members, quiet: 三級
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/清理設定", accounts.ADMIN))
        expect_group_send(ctx, texts.settings_shown("週五 17:00", False, 90, False, 60, False))


async def test_sightings_are_batched_and_written_once_a_minute(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("早上好", accounts.STRANGER))
        ctx.receive_event(bot, group_msg("機器人自己的話", accounts.SELF))
    assert await MemberSeen.all().count() == 0  # nothing written until the flush
    pending = await seen.in_group("qq", accounts.GROUP)
    assert set(pending) == {accounts.STRANGER}
    assert await seen.flush() == 1
    row = await MemberSeen.get()
    assert (row.group_id, row.user_id, row.last_at) == (
        accounts.GROUP,
        accounts.STRANGER,
        pending[accounts.STRANGER],
    )
    assert await seen.flush() == 0  # written: forgotten
    later = AT + timedelta(days=400)
    seen.seen("qq", accounts.GROUP, accounts.STRANGER, later)
    seen.seen("qq", accounts.GROUP, accounts.STRANGER, later - timedelta(days=1))  # older: ignored
    assert (await seen.in_group("qq", accounts.GROUP))[accounts.STRANGER] == later
    await seen.flush()
    assert [(r.user_id, r.last_at) for r in await MemberSeen.all()] == [(accounts.STRANGER, later)]
