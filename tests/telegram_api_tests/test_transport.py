"""The fake's HTTP face: tokens, unknown methods, every way parameters come, the call record."""

import httpx
import pytest
from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.exception import ActionFailed, ApiNotAvailable, NetworkError

from tests import accounts
from tests.telegram_api import TelegramApi
from tests.telegram_api_state import ApiError
from tests.telegram_api_tests.conftest import adapter_bot
from tests.telegram_world import GROUP


def _client(api: TelegramApi, token: str | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=f"{api.url}bot{token or api.token}/")


async def test_get_me_is_the_bot_with_its_bot_only_fields(api: TelegramApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (api.bot.id, api.bot.username, True)
    assert me.can_read_all_group_messages is False  # privacy mode is on by default


async def test_a_wrong_token_is_401_and_a_garbled_one_says_so(api: TelegramApi) -> None:
    async with _client(api, "7000000001:wrong") as client:
        answer = await client.post("getMe")
    assert answer.status_code == 401
    assert answer.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    with pytest.raises(ActionFailed, match="Unauthorized: invalid token specified"):
        await adapter_bot(api, token="not-a-token").get_me()


async def test_an_unknown_method_is_404_and_a_real_unmodelled_one_is_noted(
    api: TelegramApi, bot: Bot
) -> None:
    async with _client(api) as client:
        answer = await client.post("getWeather")
    assert (answer.status_code, answer.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    with pytest.raises(ApiNotAvailable):
        await bot.send_chat_action(chat_id=GROUP, action="typing")
    assert [c.method for c in api.unmodelled] == ["sendChatAction"]
    async with httpx.AsyncClient(base_url=api.url) as client:
        assert (await client.post("getMe")).status_code == 404  # no /bot<token>/ at all


async def test_method_names_are_read_in_any_case(api: TelegramApi) -> None:
    async with _client(api) as client:
        answer = await client.post("GETME")
    assert answer.json()["result"]["id"] == api.bot.id


async def test_the_adapters_string_encoded_values_are_decoded_in_the_record(
    api: TelegramApi, bot: Bot
) -> None:
    await bot.send_message(chat_id=GROUP, text="123", disable_notification=True)
    call = api.calls_of("sendMessage")[-1]
    assert call.raw["chat_id"] == str(GROUP)
    assert call.raw["disable_notification"] == "true"
    assert call.params["chat_id"] == GROUP
    assert call.params["disable_notification"] is True
    assert call.params["text"] == "123"  # text stays text
    assert call.status == 200
    assert call.answer["text"] == "123"


async def test_json_numbers_forms_and_query_strings_all_carry_parameters(api: TelegramApi) -> None:
    async with _client(api) as client:
        by_json = await client.post("sendMessage", json={"chat_id": GROUP, "text": "a"})
        by_form = await client.post("sendMessage", data={"chat_id": str(GROUP), "text": "b"})
        by_query = await client.get("sendMessage", params={"chat_id": GROUP, "text": "c"})
    ids = [a.json()["result"]["message_id"] for a in (by_json, by_form, by_query)]
    assert ids == [1, 2, 3]


async def test_a_multipart_upload_is_a_document_with_the_uploads_name(
    api: TelegramApi, bot: Bot
) -> None:
    sent = await bot.send_document(chat_id=GROUP, document=("週報.xlsx", b"PK\x03\x04"))
    assert sent.document is not None
    assert sent.document.file_name == "週報.xlsx"
    assert sent.document.file_size == 4
    call = api.calls_of("sendDocument")[-1]
    assert call.params["document"] == "attach://週報.xlsx"
    assert call.files["週報.xlsx"] == ("週報.xlsx", b"PK\x03\x04")
    again = await bot.send_document(chat_id=GROUP, document=sent.document.file_id)
    assert again.document is not None
    assert again.document.file_unique_id == sent.document.file_unique_id


async def test_a_send_naming_no_file_is_refused(api: TelegramApi) -> None:
    async with _client(api) as client:
        missing = await client.post("sendDocument", json={"chat_id": GROUP, "document": "x"})
        none = await client.post("sendDocument", json={"chat_id": GROUP})
    assert missing.json()["description"] == "Bad Request: wrong file identifier/HTTP URL specified"
    assert none.json()["description"] == "Bad Request: there is no document in the request"


async def test_a_tests_own_answer_wins(api: TelegramApi, bot: Bot) -> None:
    api.answers["getchat"] = lambda call: ApiError(400, "Bad Request: chat not found")
    with pytest.raises(ActionFailed, match="chat not found"):
        await bot.get_chat(chat_id=GROUP)


async def test_wait_call_waits_for_an_answered_call_matching_the_params(
    api: TelegramApi, bot: Bot
) -> None:
    api.private_message(accounts.MEMBER, "hi")
    await bot.send_message(chat_id=GROUP, text="to the group")
    await bot.send_message(chat_id=accounts.MEMBER, text="to you")
    call = await api.wait_call("sendmessage", lambda p: p["chat_id"] == accounts.MEMBER)
    assert call.answer["chat"]["type"] == "private"
    with pytest.raises(TimeoutError, match="no sendMessage call"):
        await api.wait_call("sendMessage", lambda p: p["chat_id"] == 1, timeout=0.2)


async def test_flood_control_is_429_with_retry_after_and_the_adapter_calls_it_a_network_error(
    api: TelegramApi, bot: Bot
) -> None:
    api.flood(GROUP, count=2, per=60, retry_after=7)
    await bot.send_message(chat_id=GROUP, text="1")
    await bot.send_message(chat_id=GROUP, text="2")
    async with _client(api) as client:
        answer = await client.post("sendMessage", json={"chat_id": GROUP, "text": "3"})
    assert answer.status_code == 429
    assert answer.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    with pytest.raises(NetworkError, match="429"):  # adapter.py: only 400-403 are ActionFailed
        await bot.send_message(chat_id=GROUP, text="4")
    api.private_message(accounts.MEMBER, "hi")
    await bot.send_message(chat_id=accounts.MEMBER, text="another chat is not held up")
