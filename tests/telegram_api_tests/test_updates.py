"""getUpdates as Telegram serves it: offsets, the remembered allowed_updates, the long poll and
its 409, the webhook in the way."""

import asyncio
import time

import httpx
import pytest
from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.exception import NetworkError

from tests import accounts
from tests.telegram_api import TelegramApi
from tests.telegram_api_updates import (
    CONFLICT,
    DEFAULT_ALLOWED,
    SET_WEBHOOK_CONFLICT,
    WEBHOOK_CONFLICT,
)
from tests.telegram_world import GROUP


async def _poll(api: TelegramApi, **params: object) -> httpx.Response:
    async with httpx.AsyncClient(base_url=f"{api.url}bot{api.token}/", timeout=60) as client:
        return await client.post("getUpdates", json=params)


async def _until_waiting(api: TelegramApi) -> None:
    for _ in range(500):  # a poll registers as it reaches the fake; nothing to wait on but it
        if api.updates.waiting:
            return
        await asyncio.sleep(0.01)
    raise TimeoutError("no poll is waiting")


async def test_without_an_offset_nothing_is_confirmed_and_an_offset_confirms_what_is_before(
    api: TelegramApi, bot: Bot
) -> None:
    for text in ("一", "二", "三"):
        api.group_message(GROUP, accounts.MEMBER, text)
    first = await bot.get_updates()
    again = await bot.get_updates(offset=first[0].update_id)  # the adapter's second fetch
    assert [u.update_id for u in again] == [u.update_id for u in first]
    assert len(first) == 3
    after = await bot.get_updates(offset=first[1].update_id + 1)
    assert [u.message.text for u in after if u.message] == ["三"]
    assert len(await bot.get_updates()) == 1  # the first two are forgotten for good


async def test_update_ids_rise_by_one_from_a_number_of_telegrams_choosing(api: TelegramApi) -> None:
    api.group_message(GROUP, accounts.MEMBER, "a")
    api.group_message(GROUP, accounts.MEMBER, "b")
    ids = [u["update_id"] for u in (await _poll(api)).json()["result"]]
    assert ids[1] == ids[0] + 1
    assert ids[0] > 2_000_000


async def test_a_negative_offset_keeps_only_the_last_ones(api: TelegramApi) -> None:
    for text in "abcd":
        api.group_message(GROUP, accounts.MEMBER, text)
    last = (await _poll(api, offset=-1)).json()["result"]
    assert [u["message"]["text"] for u in last] == ["d"]
    assert len((await _poll(api, offset=0, limit=10)).json()["result"]) == 1


async def test_the_same_offset_again_at_once_gets_one_update(api: TelegramApi) -> None:
    for text in "abc":
        api.group_message(GROUP, accounts.MEMBER, text)
    assert len((await _poll(api)).json()["result"]) == 3
    assert len((await _poll(api)).json()["result"]) == 1  # Client.cpp: within 0.5 s, limit 1


async def test_member_updates_are_not_even_stored_until_asked_for_and_the_choice_is_kept(
    api: TelegramApi,
) -> None:
    assert api.updates.allowed == DEFAULT_ALLOWED
    api.joins(GROUP, accounts.STRANGER)
    kinds = [next(iter(set(u) - {"update_id"})) for u in (await _poll(api)).json()["result"]]
    assert kinds == ["message"]  # the join's service message; its chat_member was dropped
    assert "chat_member" in api.updates.dropped[0]
    await _poll(api, offset=-1, allowed_updates=["chat_member", "message"])
    api.leaves(GROUP, accounts.STRANGER)
    pending = (await _poll(api, offset=0, timeout=0)).json()["result"]  # no allowed_updates: kept
    assert {"chat_member", "message"} == {k for u in pending for k in u if k != "update_id"}
    await _poll(api, offset=-1, allowed_updates=[])  # empty: the default again
    assert api.updates.allowed == DEFAULT_ALLOWED


async def test_an_idle_poll_ends_empty_after_the_cap_not_the_timeout(api: TelegramApi) -> None:
    started = time.monotonic()
    assert (await _poll(api, timeout=30)).json() == {"ok": True, "result": []}
    assert 0.4 < time.monotonic() - started < 5  # poll_cap=0.5 in these tests


async def test_a_waiting_poll_is_answered_as_soon_as_something_happens(
    api: TelegramApi, bot: Bot
) -> None:
    api.updates.poll_cap = 20
    waiting = asyncio.create_task(bot.get_updates(timeout=20))
    await _until_waiting(api)
    started = time.monotonic()
    api.private_message(accounts.MEMBER, "在嗎")
    (update,) = await asyncio.wait_for(waiting, 5)
    assert update.message is not None
    assert update.message.text == "在嗎"
    assert time.monotonic() - started < 1


async def test_a_second_poll_ends_the_waiting_one_with_409(api: TelegramApi, bot: Bot) -> None:
    api.updates.poll_cap = 20
    first = asyncio.create_task(_poll(api, timeout=20))
    await _until_waiting(api)
    second = asyncio.create_task(bot.get_updates(timeout=20))
    answer = await asyncio.wait_for(first, 5)
    assert answer.status_code == 409
    assert answer.json() == {"ok": False, "error_code": 409, "description": CONFLICT}
    third = asyncio.create_task(_poll(api, timeout=1))
    with pytest.raises(NetworkError, match="409"):  # the adapter: an "unexpected" status
        await asyncio.wait_for(second, 10)
    assert (await third).status_code == 200


async def test_polling_while_a_webhook_is_set_is_a_conflict(api: TelegramApi, bot: Bot) -> None:
    api.updates.poll_cap = 20
    waiting = asyncio.create_task(_poll(api, timeout=20))
    await _until_waiting(api)
    assert await bot.set_webhook(url="https://example.org/telegram") is True
    ended = await asyncio.wait_for(waiting, 5)
    assert (ended.status_code, ended.json()["description"]) == (409, SET_WEBHOOK_CONFLICT)
    answer = await _poll(api)
    assert (answer.status_code, answer.json()["description"]) == (409, WEBHOOK_CONFLICT)
    assert await bot.delete_webhook() is True
    assert api.calls_of("deleteWebhook")[-1].status == 200
    assert (await _poll(api)).status_code == 200


async def test_a_webhook_must_be_https_and_dropping_pending_updates_drops_them(
    api: TelegramApi, bot: Bot
) -> None:
    async with httpx.AsyncClient(base_url=f"{api.url}bot{api.token}/") as client:
        plain = await client.post("setWebhook", json={"url": "http://example.org/"})
        api.group_message(GROUP, accounts.MEMBER, "a")
        deleted = await client.post("deleteWebhook", json={"drop_pending_updates": True})
    assert plain.json()["description"] == (
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
    )
    assert deleted.json() == {
        "ok": True,
        "result": True,
        "description": "Webhook is already deleted",
    }
    assert (await _poll(api)).json()["result"] == []
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("", 0)


async def test_updates_older_than_a_day_are_gone(api: TelegramApi) -> None:
    api.group_message(GROUP, accounts.MEMBER, "昨天")
    api.clock.shift(86_400 + 1)
    assert (await _poll(api)).json()["result"] == []
