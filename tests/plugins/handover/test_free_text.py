"""/交接管理員: the reason is posted to the group and kept masked."""

import pytest
from nonebug import App

from models.handover import Handover
from plugins.handover import store, texts
from tests import accounts
from tests.factories import expect_member, group_msg, make_bot, message
from tests.plugins.registry.helpers import filed_group
from tests.redaction import MASKED, SECRET, assert_not_stored, scanning_duties_off

from .helpers import CARD_OK, DEADLINE, FIXED_NOW, expect_mention


@pytest.fixture(autouse=True)
def _fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "now", lambda: FIXED_NOW)


async def test_a_handover_reason_is_posted_and_kept_masked(app: App) -> None:
    await filed_group()
    await scanning_duties_off()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        opened = message("/交接管理員 ", accounts.MEMBER) + f" {SECRET}"
        ctx.receive_event(bot, group_msg(opened, accounts.ADMIN))
        expect_member(ctx, accounts.MEMBER, CARD_OK)
        expect_mention(ctx, accounts.MEMBER, texts.opened(MASKED, DEADLINE, replaced=False))
    assert (await Handover.get()).reason == MASKED
    await assert_not_stored()
