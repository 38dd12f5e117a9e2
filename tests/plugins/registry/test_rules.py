"""duty_on: the switch every duty plugin's matchers obey."""

import pytest
from nonebug import App

from plugins.registry import store
from plugins.registry.rules import duty_on
from tests import accounts
from tests.factories import group_msg, make_bot, private_msg
from tests.plugins.registry.helpers import filed_group


async def test_a_duty_is_on_in_a_filed_group_until_switched_off(app: App) -> None:
    rule = duty_on("confidential")
    async with app.test_api() as ctx:
        bot = make_bot(ctx)
        event = group_msg("hello")
        assert not await rule(bot, event)  # not filed yet
        group = await filed_group()
        store.forget_cache()
        assert await rule(bot, event)
        await store.switch(group, "confidential", False, accounts.ADMIN)
        assert not await rule(bot, event)
        assert await duty_on("privacy")(bot, event)
        assert not await rule(bot, private_msg("hello", accounts.MEMBER))


def test_an_unknown_duty_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown duty"):
        duty_on("astrology")


async def test_an_unfiled_group_is_remembered_as_such_until_it_is_filed() -> None:
    from models.registry import GroupType
    from plugins.registry.duties import DUTIES

    assert await store.enabled_duties("qq", accounts.GROUP) == frozenset()
    await store.file_group(
        platform="qq",
        group_id=accounts.GROUP,
        name="工作群",
        unit_name="XX社區",
        group_type=GroupType.INTERNAL,
        purpose="測試",
        filer=accounts.ADMIN,
        member_count=5,
    )
    assert await store.enabled_duties("qq", accounts.GROUP) == {d.key for d in DUTIES}
