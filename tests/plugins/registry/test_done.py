"""/任務完結: marking a group's work finished (Art. 14)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from nonebug import App

from models.registry import Group
from tests import accounts
from tests.factories import (
    expect_group_send,
    expect_private_send,
    group_msg,
    make_bot,
)
from tests.plugins.registry.helpers import filed_group

LOCAL = ZoneInfo("Asia/Shanghai")  # the test organisation's street.timezone (the default)


# --- /任務完結 ------------------------------------------------------------------------------


async def test_done_marks_the_group_and_tells_leaders_and_department(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    before = datetime.now(UTC)
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任務完結 活動 結束", accounts.ADMIN))
        expect_group_send(ctx, texts.finished("活動 結束"))
        notice = texts.department_finished(accounts.GROUP, "XX社區", "活動 結束")
        expect_private_send(ctx, accounts.LEADER, notice)
        expect_private_send(ctx, accounts.DEPARTMENT, notice)
        expect_private_send(ctx, accounts.SUPERUSER, notice)

    group = await Group.get(group_id=accounts.GROUP)
    assert group.finished_at is not None
    assert before <= group.finished_at <= datetime.now(UTC)
    assert group.finished_reason == "活動 結束"
    assert notice == "【任務完結】XX社區 的群 700100 已標記任務完結。活動 結束"


async def test_done_a_second_time_says_it_is_already_finished(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/done", accounts.ADMIN))
        expect_group_send(ctx, texts.finished(""))
        notice = texts.department_finished(accounts.GROUP, "XX社區", "")
        for who in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, who, notice)
    first = (await Group.get(group_id=accounts.GROUP)).finished_at
    assert first is not None

    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任务完结 再來一次", accounts.ADMIN))
        expect_group_send(
            ctx, texts.ALREADY_FINISHED.format(when=f"{first.astimezone(LOCAL):%Y-%m-%d}")
        )

    group = await Group.get(group_id=accounts.GROUP)
    assert (group.finished_at, group.finished_reason) == (first, "")


async def test_already_finished_date_is_the_local_date(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    await Group.filter(group_id=accounts.GROUP).update(
        finished_at=datetime(2025, 3, 1, 20, 0, tzinfo=UTC)
    )
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任務完結", accounts.ADMIN))
        expect_group_send(ctx, texts.ALREADY_FINISHED.format(when="2025-03-02"))


async def test_done_with_a_reason_too_long_is_refused(app: App) -> None:
    from plugins.registry import texts

    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/任務完結 " + "長" * 201, accounts.ADMIN))
        expect_group_send(ctx, texts.REASON_TOO_LONG)

    assert (await Group.get(group_id=accounts.GROUP)).finished_at is None
