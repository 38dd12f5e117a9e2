"""The fake Bot API on a port of its own, and the real adapter's Bot pointed at it."""

from collections.abc import AsyncIterator

import pytest
from nonebot.adapters.telegram import Adapter, Bot
from nonebot.adapters.telegram.config import AdapterConfig, BotConfig
from nonebot.drivers import httpx as httpx_driver

from tests.telegram_api import TelegramApi
from tests.telegram_world import populate


class _HttpClient(httpx_driver.Mixin):
    """The httpx driver's client half: all the adapter's `_call_api` needs of a driver."""


def adapter_bot(api: TelegramApi, token: str | None = None) -> Bot:
    """nonebot-adapter-telegram's own Bot, calling the fake exactly as in production."""
    adapter = Adapter.__new__(Adapter)
    adapter.driver = _HttpClient()  # type: ignore[assignment]
    adapter.adapter_config = AdapterConfig()
    config = BotConfig(token=token or api.token, api_server=api.url)
    return Bot(adapter, Bot.get_bot_id_by_token(config.token), config=config)


@pytest.fixture
async def api() -> AsyncIterator[TelegramApi]:
    async with TelegramApi(poll_cap=0.5) as fake:
        populate(fake)
        yield fake
    assert not fake.faults, fake.faults[0]


@pytest.fixture
def bot(api: TelegramApi) -> Bot:
    return adapter_bot(api)
