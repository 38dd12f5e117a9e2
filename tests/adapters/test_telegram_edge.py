"""The Telegram adapter's hooks, through nonebot-adapter-telegram's own Bot.call_api against the
fake Bot API: the poll asks for member updates, and a document's name outlives the parsing."""

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from nonebot.adapters.telegram import Bot
from nonebot.adapters.telegram.event import (
    ChatMemberUpdatedEvent,
    Event,
    GroupMessageEvent,
    PrivateMessageEvent,
)
from nonebot.adapters.telegram.model import Update
from nonebot.internal.adapter.bot import Bot as BaseBot

from adapters import telegram_edge
from tests import accounts
from tests.telegram_api import TelegramApi
from tests.telegram_api_tests.conftest import adapter_bot
from tests.telegram_world import GROUP, populate


@pytest.fixture
async def api() -> AsyncIterator[TelegramApi]:
    async with TelegramApi(poll_cap=0.3) as fake:
        populate(fake)
        yield fake


@pytest.fixture
def hooked(api: TelegramApi) -> Iterator[Bot]:
    """The adapter's Bot with the edge's hooks installed (and removed after: they are global)."""
    telegram_edge.forget()
    telegram_edge.install()
    yield adapter_bot(api)
    BaseBot._calling_api_hook.discard(telegram_edge.ask_for_updates)
    BaseBot._called_api_hook.discard(telegram_edge.keep_documents)
    telegram_edge.forget()


def _parsed(update: Update) -> Event:
    """What the adapter's poll does with each update (adapter.py `poll`, `__handle_update`)."""
    return Event.parse_event(update.model_dump(by_alias=True, exclude_none=True))


async def _drain(bot: Bot) -> list[Update]:
    """Every pending update, confirming each batch as the adapter's poll does."""
    updates: list[Update] = []
    while batch := await bot.get_updates(offset=updates[-1].update_id + 1 if updates else None):
        updates += batch
    return updates


def test_allowed_updates_are_added_unless_the_caller_named_some() -> None:
    data: dict[str, Any] = {"offset": None, "timeout": 30, "allowed_updates": None}
    telegram_edge.with_allowed_updates(data)
    assert data["allowed_updates"] == list(telegram_edge.ALLOWED_UPDATES)
    own = {"allowed_updates": ["message"]}
    telegram_edge.with_allowed_updates(own)
    assert own == {"allowed_updates": ["message"]}


async def test_the_adapters_own_poll_asks_for_member_and_join_updates(
    api: TelegramApi, hooked: Bot
) -> None:
    await hooked.get_updates(offset=None, timeout=0)
    sent = api.calls_of("getUpdates")[-1].params["allowed_updates"]
    assert {"message", "chat_member", "my_chat_member", "chat_join_request"} <= set(sent)
    api.joins(GROUP, accounts.STRANGER)  # stored only now that Telegram was asked for it
    (update,) = await hooked.get_updates(timeout=0)
    assert isinstance(_parsed(update), ChatMemberUpdatedEvent)


async def test_other_bots_and_other_calls_are_left_alone() -> None:
    data: dict[str, Any] = {"allowed_updates": None}
    await telegram_edge.ask_for_updates(object(), "get_updates", data)  # type: ignore[arg-type]
    assert data == {"allowed_updates": None}
    await telegram_edge.keep_documents(object(), None, "get_updates", {}, [{"message": {}}])  # type: ignore[arg-type]
    assert telegram_edge.document_name(GROUP, 1) is None


async def test_a_documents_name_is_kept_though_the_adapters_event_drops_it(
    api: TelegramApi, hooked: Bot
) -> None:
    sent = api.document_message(
        GROUP, accounts.MEMBER, "請查收", file_name="會議紀要.docx", mime_type="application/msword"
    )
    (update,) = await hooked.get_updates(timeout=0)
    event = _parsed(update)
    assert isinstance(event, GroupMessageEvent)
    assert event.message["document", 0].data == {"file": sent["document"]["file_id"]}
    assert event.telegram_model.message is not None
    assert event.telegram_model.message.document is None  # deleted before the model is made
    assert telegram_edge.document_name(GROUP, event.message_id) == "會議紀要.docx"
    kept = telegram_edge.document(GROUP, event.message_id)
    assert kept is not None
    assert (kept.mime_type, kept.file_size) == ("application/msword", len(b"%PDF-1.4 fake"))
    assert telegram_edge.document_name(GROUP + 1, event.message_id) is None  # ids are per chat


async def test_a_replied_documents_name_is_kept_and_forward_origin_needs_no_keeping(
    api: TelegramApi, hooked: Bot
) -> None:
    original = api.document_message(GROUP, accounts.ADMIN, file_name="名單.xlsx")
    origin = api.origin_user(accounts.OWNER)
    api.group_message(
        GROUP, accounts.MEMBER, "轉發", reply_to=original["message_id"], forward_origin=origin
    )
    for update in await hooked.get_updates(timeout=0):
        event = _parsed(update)
    assert telegram_edge.document_name(GROUP, original["message_id"]) == "名單.xlsx"
    assert isinstance(event, GroupMessageEvent)
    assert event.reply_to_message is not None
    assert getattr(event, "forward_origin")["sender_user"]["id"] == accounts.OWNER  # noqa: B009


def test_the_kept_documents_are_bounded_newest_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(telegram_edge, "REMEMBERED", 2)
    telegram_edge.forget()
    chat = {"id": GROUP, "type": "supergroup", "title": "群"}
    for message_id in (1, 2, 3):
        document = {"file_id": "f", "file_unique_id": "u", "file_name": f"{message_id}.pdf"}
        message = {"message_id": message_id, "date": 0, "chat": chat, "document": document}
        telegram_edge.keep_raw([{"update_id": message_id, "message": message}])
    names = [telegram_edge.document_name(GROUP, i) for i in (1, 2, 3)]
    assert names == [None, "2.pdf", "3.pdf"]
    telegram_edge.forget()


def test_models_are_read_too_when_a_hook_made_them() -> None:
    telegram_edge.forget()
    chat = {"id": GROUP, "type": "supergroup", "title": "群"}
    document = {"file_id": "f", "file_unique_id": "u", "file_name": "a.pdf"}
    message = {"message_id": 7, "date": 0, "chat": chat, "document": document}
    telegram_edge.keep_raw([Update.model_validate({"update_id": 1, "message": message})])
    assert telegram_edge.document_name(GROUP, 7) == "a.pdf"
    telegram_edge.forget()


async def test_an_events_log_line_has_its_ids_and_never_the_words(
    api: TelegramApi, hooked: Bot
) -> None:
    await hooked.get_updates(timeout=0)  # asks for chat_member from now on
    api.private_message(accounts.MEMBER, "身份證 110101199001011234")
    api.joins(GROUP, accounts.LEADER, by=accounts.ADMIN)
    events = [_parsed(u) for u in await _drain(hooked)]
    private = next(e for e in events if isinstance(e, PrivateMessageEvent))
    member = next(e for e in events if isinstance(e, ChatMemberUpdatedEvent))
    line = telegram_edge.log_string(private)
    assert line == (
        f"[message.private]: chat_id={accounts.MEMBER} user_id={accounts.MEMBER}"
        f" message_id={private.message_id}"
    )
    assert telegram_edge.log_string(member) == (
        f"[notice.chat_member.updated]: chat_id={GROUP} user_id={accounts.ADMIN}"
        f" target_id={accounts.LEADER}"
    )


def test_telegram_bots_is_checked_as_the_adapter_reads_it_without_showing_tokens() -> None:
    assert telegram_edge.bots_problem({}) is None
    assert telegram_edge.bots_problem({"telegram_bots": []}) is None
    good = [{"token": "1:secret", "api_server": "http://127.0.0.1:1/"}]
    assert telegram_edge.bots_problem({"telegram_bots": good}) is None
    problem = telegram_edge.bots_problem({"telegram_bots": [{"api_server": "1:secret"}]})
    assert problem is not None
    assert problem.startswith("設定 TELEGRAM_BOTS 有誤：")
    assert "token" in problem
    assert "secret" not in problem
    assert telegram_edge.bots_problem({"telegram_bots": "1:secret"}) is not None


def test_telegram_bots_only_in_the_environment_is_noticed() -> None:
    assert telegram_edge.unread_bots({"TELEGRAM_BOTS": "[]"}, {})
    assert not telegram_edge.unread_bots({"TELEGRAM_BOTS": "[]"}, {"telegram_bots": []})
    assert not telegram_edge.unread_bots({}, {})
