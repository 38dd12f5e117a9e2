"""A registered admin leaves the group (notice group_decrease): the row closes; the last one's
leaving is reported to the unit leader and the department."""

import pytest
from nonebug import App

from models.registry import RegisteredAdmin
from plugins.handover import store, texts
from tests import accounts
from tests.factories import expect_private_send, make_bot
from tests.plugins.realname.events import left
from tests.plugins.registry.helpers import filed_group

from .helpers import FIXED_NOW


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


async def test_the_last_admin_leaving_is_reported_and_their_row_closed(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, left(accounts.ADMIN))
        notice = texts.no_admin_notice(accounts.GROUP, "測試群", "XX社區", accounts.ADMIN)
        for person in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, person, notice)
    row = await RegisteredAdmin.get(user_id=accounts.ADMIN)
    assert (row.until, row.reason) == (FIXED_NOW, "退群")


async def test_one_of_two_admins_leaving_closes_the_row_and_tells_nobody(app: App) -> None:
    await filed_group(admins=(accounts.ADMIN, accounts.OWNER))
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, left(accounts.OWNER, "kick"))
    rows = await RegisteredAdmin.all().order_by("id")
    assert [(r.user_id, r.until, r.reason) for r in rows] == [
        (accounts.ADMIN, None, ""),
        (accounts.OWNER, FIXED_NOW, "退群"),
    ]


async def test_a_member_or_the_bot_leaving_changes_nothing(app: App) -> None:
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, left(accounts.MEMBER))
        ctx.receive_event(bot, left(accounts.SELF, "kick_me"))
    assert [(r.user_id, r.until) for r in await RegisteredAdmin.all()] == [(accounts.ADMIN, None)]


async def test_leaving_another_group_keeps_the_row_here(app: App) -> None:
    await filed_group()
    await filed_group(accounts.OTHER_GROUP)
    elsewhere = left(accounts.ADMIN).model_copy(update={"group_id": accounts.OTHER_GROUP})
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, elsewhere)
        notice = texts.no_admin_notice(accounts.OTHER_GROUP, "測試群", "XX社區", accounts.ADMIN)
        for person in (accounts.LEADER, accounts.DEPARTMENT, accounts.SUPERUSER):
            expect_private_send(ctx, person, notice)
    rows = await RegisteredAdmin.all().order_by("id").prefetch_related("group")
    assert [(r.group.group_id, r.until) for r in rows] == [
        (accounts.GROUP, None),
        (accounts.OTHER_GROUP, FIXED_NOW),
    ]
