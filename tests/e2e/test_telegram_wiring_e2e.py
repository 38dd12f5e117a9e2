"""bot.py runs a Telegram bot beside OneBot: it polls the Bot API (the fake, tests/telegram_api.py)
as nonebot-adapter-telegram does, asking for the member and join-request updates the duties need
(adapters/telegram_edge.py), and hears what users write to it.
"""

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import accounts
from tests.e2e.process import ROOT, BotProcess
from tests.telegram_api import TelegramApi
from tests.telegram_world import GROUP

pytestmark = pytest.mark.e2e

WANTED = {"message", "my_chat_member", "chat_member", "chat_join_request"}
HAS_PORT = (ROOT / "adapters" / "telegram.py").exists()


async def test_the_bot_checks_its_token_drops_the_webhook_and_polls_for_member_updates(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess
) -> None:
    poll = await telegram_api.wait_call("getUpdates", timeout=30)
    methods = [call.method for call in telegram_api.calls]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    assert WANTED <= set(poll.params["allowed_updates"])
    assert poll.params["timeout"] == 30
    assert telegram_api.updates.allowed >= WANTED  # Telegram now keeps them for the bot


async def test_a_member_update_reaches_the_bot_and_is_confirmed(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess
) -> None:
    """Without allowed_updates Telegram would not even store it (api.updates.dropped)."""
    await telegram_api.wait_call("getUpdates", lambda p: "chat_member" in p["allowed_updates"], 30)
    start = len(telegram_api.calls)
    telegram_api.joins(GROUP, accounts.STRANGER)
    (joined,) = [u for u in telegram_api.updates.stored if "chat_member" in u.json()]
    confirmed = await telegram_api.wait_call(
        "getUpdates", lambda p: p.get("offset", 0) > joined.update_id, timeout=15, after=start
    )
    assert confirmed.status == 200
    assert telegram_api.updates.dropped == []
    assert "Traceback" not in _parsing_errors(telegram_bot_process.log)


def _parsing_errors(log: Path) -> str:
    return "\n".join(
        line for line in log.read_text("utf-8").splitlines() if "parsing event" in line
    )


async def test_what_users_write_is_logged_without_their_words(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess
) -> None:
    await telegram_api.wait_call("getUpdates", timeout=30)
    body = telegram_api.private_message(accounts.MEMBER, "我的身份證號 110101199001011234")
    ids = f"chat_id={accounts.MEMBER} user_id={accounts.MEMBER} message_id={body['message_id']}"
    log = await _logged(telegram_bot_process.log, f"[message.private]: {ids}")
    assert "110101199001011234" not in log


async def _logged(log: Path, line: str, within: float = 15.0) -> str:
    """The log once it has `line`."""
    deadline = time.monotonic() + within
    while line not in (text := await asyncio.to_thread(log.read_text, "utf-8")):
        assert time.monotonic() < deadline, f"never logged: {line}"
        await asyncio.sleep(0.1)
    return text


def test_a_bad_telegram_bots_stops_the_bot_in_one_line_without_the_token(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('TELEGRAM_BOTS=[{"api_server": "123:secret"}]\n', "utf-8")
    process = BotProcess(tmp_path)
    assert process.manage("migrate").returncode == 0
    done = subprocess.run(
        [sys.executable, str(ROOT / "bot.py")],
        cwd=tmp_path,
        env=process.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    said = done.stdout + done.stderr
    assert done.returncode == 2
    assert "設定 TELEGRAM_BOTS 有誤" in said
    assert "secret" not in said
    assert "Traceback" not in said


def test_telegram_bots_only_in_the_environment_is_warned_of(tmp_path: Path) -> None:
    process = BotProcess(tmp_path, TELEGRAM_BOTS='[{"token": "1:x"}]')
    process.start()
    process.stop()
    log = process.log.read_text("utf-8")
    assert "環境變數 TELEGRAM_BOTS 未被讀取" in log
    assert "Telegram | Start poll" not in log  # NoneBot indeed did not read it


@pytest.mark.skipif(not HAS_PORT, reason="needs the Telegram platform port (adapters/telegram.py)")
async def test_a_private_rules_command_is_answered(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess
) -> None:
    await telegram_api.wait_call("getUpdates", timeout=30)
    telegram_api.private_message(accounts.MEMBER, "/群規")
    reply = await telegram_api.wait_call(
        "sendMessage", lambda p: p["chat_id"] == accounts.MEMBER, timeout=15
    )
    assert reply.status == 200
    assert reply.params["text"]
