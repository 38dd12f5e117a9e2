"""The health page's reading of the accounts: live or not, last event, lanes, pause."""

from datetime import timedelta

from nonebot.adapters.onebot.v11 import Bot
from nonebug import App

from adapters import events
from core import accounts, health, node
from models.cluster import Node
from tests import accounts as people
from tests.factories import group_msg


async def test_an_account_shows_its_last_event_groups_and_pause(app: App) -> None:
    await node.start()
    async with app.test_api() as ctx:
        bot = ctx.create_bot(base=Bot, self_id=str(people.SELF))
        await node.connected("qq", bot.self_id)
        assert await accounts.admits(bot, group_msg("你好"))
        events.account_of(bot).limiter.send.pause(30)
        await accounts.refresh()
        (shown,) = await health.accounts_health()
    assert (shown.bot_id, shown.node, shown.alive, shown.groups) == (
        str(people.SELF),
        node.name(),
        True,
        3,  # the test groups it owns (tests/conftest.py) and the one it spoke in
    )
    assert shown.last_event_at is not None
    assert 25 < shown.paused_for <= 30


async def test_an_account_of_a_dead_process_shows_down() -> None:
    await node.start()
    await node.connected("qq", "99998")
    await Node.filter(name=node.name()).update(heartbeat_at=node.now() - timedelta(hours=1))
    (shown,) = await health.accounts_health()
    assert (shown.bot_id, shown.alive, shown.last_event_at, shown.paused_for) == (
        "99998",
        False,
        None,
        0.0,
    )
