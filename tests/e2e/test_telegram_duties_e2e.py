"""The duties in a Telegram group, end to end: bot.py polling the fake Bot API (tests/telegram_api.py)
over real HTTP, with its real SQLite file. The issue's "done when" for Telegram, one test each:
filing, confidential markers (text, caption, document name), the harmful-content ladder, join
requests decided by a private answer, and a handover that promotes the new admin.
"""

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import accounts
from tests import telegram as tg
from tests.e2e.process import BotProcess
from tests.telegram_api import Call, TelegramApi
from tests.telegram_api_inject import RIGHTS
from tests.telegram_world import GROUP

pytestmark = pytest.mark.e2e

PLATFORM = "telegram"
ON_ROSTER = 50010  # 趙六 of XX社區 (the roster lists his QQ number; on Telegram he answers)
OFF_ROSTER = 50030


def _in(chat_id: int) -> Callable[[dict[str, Any]], bool]:
    return lambda params: int(params["chat_id"]) == chat_id


def _deleting(chat_id: int, message_id: int) -> Callable[[dict[str, Any]], bool]:
    return lambda p: (int(p["chat_id"]), int(p["message_id"])) == (chat_id, message_id)


async def _until(check: Callable[[], Any], within: float = 15.0) -> Any:
    deadline = time.monotonic() + within
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time allowed"
        await asyncio.sleep(0.1)
    return found


async def _polling(api: TelegramApi) -> None:
    """The bot polls with the member updates asked for (adapters/telegram_edge.py)."""
    await api.wait_call("getUpdates", lambda p: "chat_member" in p.get("allowed_updates", []), 30)


def _started(api: TelegramApi) -> None:
    """The group's admins and the department's Telegram account once wrote to the bot, as the
    README asks: Telegram lets a bot write only to people who did (403 otherwise)."""
    api.add_user(tg.DEPARTMENT, "黨群工作部")
    for person in (accounts.OWNER, accounts.ADMIN, tg.DEPARTMENT):
        api.world.users[person].started = True


async def _file(api: TelegramApi, bot: BotProcess, filer: int = accounts.OWNER) -> Call:
    await _polling(api)
    _started(api)
    start = len(api.calls)
    api.group_message(GROUP, filer, "/備案 內部 XX社區 社區日常工作")
    reply = await api.wait_call("sendMessage", _in(GROUP), 20, after=start)
    await _until(lambda: bot.query('SELECT status FROM "group" WHERE platform = ?', PLATFORM))
    return reply


async def test_filing_a_telegram_group(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess
) -> None:
    reply = await _file(telegram_api, telegram_bot_process)
    assert "已備案" in reply.params["text"]
    assert "parse_mode" not in reply.params  # the bot's words are never read as markup
    assert telegram_bot_process.query('SELECT platform, group_id, status FROM "group"') == [
        (PLATFORM, GROUP, "已備案")
    ]
    admins = telegram_bot_process.query("SELECT user_id FROM registered_admin")
    assert admins == [(accounts.OWNER,)]
    # The command menu offers what Telegram takes: the Latin aliases, named in Chinese.
    menu = (await telegram_api.wait_call("setMyCommands", timeout=10)).params["commands"]
    assert {"command": "register", "description": "/備案"} in menu
    assert {"command": "handover", "description": "/交接管理員"} in menu


async def test_a_confidential_marker_in_text_caption_and_document_name_is_deleted(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess
) -> None:
    await _file(telegram_api, telegram_bot_process)
    marked = [
        telegram_api.group_message(GROUP, accounts.MEMBER, "會議材料（機密★1年）如下"),
        telegram_api.document_message(GROUP, accounts.MEMBER, "請看（秘密★10年）附件"),
        telegram_api.document_message(
            GROUP, accounts.MEMBER, "附件", file_name="（絕密★長期）名單.xlsx"
        ),
    ]
    for message in marked:
        await telegram_api.wait_call("deleteMessage", _deleting(GROUP, message["message_id"]), 20)
    # Telegram lets a sender edit a sent message: an innocent one edited into a marked one
    # is deleted as surely (the edit is an update of its own).
    innocent = telegram_api.group_message(GROUP, accounts.MEMBER, "會議改到下午三點")
    await asyncio.sleep(1)
    telegram_api.edit(GROUP, innocent["message_id"], "會議材料（機密★1年）見附件")
    await telegram_api.wait_call("deleteMessage", _deleting(GROUP, innocent["message_id"]), 20)
    marked.append(innocent)
    left = telegram_api.messages(GROUP)
    assert not any(m["message_id"] in left for m in marked)
    recalls = "SELECT action, status, platform FROM measure_record WHERE action = 'recall'"
    done = [("recall", "done", PLATFORM)] * 4
    assert await _until(lambda: telegram_bot_process.query(recalls) == done)
    sent = " ".join(str(c.params.get("text", "")) for c in telegram_api.calls_of("sendMessage"))
    assert "機密★" not in sent  # a removed message is never posted again
    assert "名單.xlsx" not in sent


async def test_the_warn_mute_kick_ladder(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess
) -> None:
    await _file(telegram_api, telegram_bot_process)
    mutes: list[Call] = []
    for word in ("你個傻逼", "草 泥 馬", "傻*逼", "你個傻逼啊"):
        start = len(telegram_api.calls)
        sent = telegram_api.group_message(GROUP, accounts.MEMBER, word)
        await telegram_api.wait_call(
            "deleteMessage", _deleting(GROUP, sent["message_id"]), 20, start
        )
        # the group is told (the street's leaders have QQ accounts only: no QQ bot runs here)
        await telegram_api.wait_call("sendMessage", _in(GROUP), 20, after=start)
        if muted := telegram_api.calls_of("restrictChatMember")[len(mutes) :]:
            mutes += muted
            # Telegram refuses a muted member's messages: the next comes once the mute is over
            telegram_api.clock.shift(int(muted[-1].params["until_date"]) - time.time() + 1)
    # until_date counts from when the bot made the call, a moment before the fake saw it
    minutes = [round((int(c.params["until_date"]) - c.at) / 60) for c in mutes]
    assert minutes == [60, 24 * 60]
    assert all(not c.params["permissions"]["can_send_messages"] for c in mutes)
    bans = [
        c.method for c in telegram_api.calls if c.method in ("banChatMember", "unbanChatMember")
    ]
    assert bans == ["banChatMember", "unbanChatMember"]  # removed, not banned for ever
    assert telegram_api.member_status(GROUP, accounts.MEMBER) == "left"
    rungs = (
        "SELECT action, status FROM measure_record "
        "WHERE action IN ('warning', 'mute', 'kick') ORDER BY id"
    )
    climbed = [("warning", "done"), ("mute", "done"), ("mute", "done"), ("kick", "done")]
    assert await _until(lambda: telegram_bot_process.query(rungs) == climbed)


async def _roster(bot: BotProcess, tmp_path: Path, *rows: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("單位,姓名,帳號,狀態,備註\n" + "".join(f"{r}\n" for r in rows), "utf-8")
    imported = await asyncio.to_thread(bot.manage, "roster", "import", str(roster))
    assert imported.returncode == 0, imported.stderr


async def _auto_approve(api: TelegramApi, admin: int = accounts.OWNER) -> None:
    start = len(api.calls)
    api.group_message(GROUP, admin, "/實名設定 自動審核 開")
    await api.wait_call("sendMessage", _in(GROUP), 20, after=start)


async def test_a_join_request_is_decided_by_the_private_answer(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess, tmp_path: Path
) -> None:
    await _file(telegram_api, telegram_bot_process)
    await _roster(telegram_bot_process, tmp_path, "XX社區,趙六,50010,在崗,")
    await _auto_approve(telegram_api)
    telegram_api.add_user(ON_ROSTER, "小趙")
    telegram_api.add_user(OFF_ROSTER, "路人乙")

    # Someone on the roster: asked privately, answers with his unit and name, is let in.
    start = len(telegram_api.calls)
    telegram_api.join_request(GROUP, ON_ROSTER)
    asked = await telegram_api.wait_call("sendMessage", _in(ON_ROSTER), 20, after=start)
    assert "姓名" in asked.params["text"]
    telegram_api.private_message(ON_ROSTER, "XX社区-赵六")
    approved = await telegram_api.wait_call("approveChatJoinRequest", after=start, timeout=20)
    assert (int(approved.params["chat_id"]), int(approved.params["user_id"])) == (GROUP, ON_ROSTER)
    assert telegram_api.member_status(GROUP, ON_ROSTER) == "member"
    bound = telegram_bot_process.query(
        "SELECT b.platform, b.user_id, p.name FROM account_binding b "
        "JOIN roster_person p ON p.id = b.person_id"
    )
    assert bound == [(PLATFORM, ON_ROSTER, "趙六")]

    # Someone off it: asked, answers, is declined and told why.
    start = len(telegram_api.calls)
    telegram_api.join_request(GROUP, OFF_ROSTER)
    await telegram_api.wait_call("sendMessage", _in(OFF_ROSTER), 20, after=start)
    telegram_api.private_message(OFF_ROSTER, "XX社區-孫七")
    declined = await telegram_api.wait_call("declineChatJoinRequest", after=start, timeout=20)
    assert int(declined.params["user_id"]) == OFF_ROSTER
    assert telegram_api.member_status(GROUP, OFF_ROSTER) == "left"
    assert not telegram_api.calls_of("approveChatJoinRequest")[1:]
    answers = (
        "SELECT action, target, status FROM measure_record WHERE action LIKE 'join_%' ORDER BY id"
    )
    decided = [("join_approve", ON_ROSTER, "done"), ("join_refuse", OFF_ROSTER, "done")]
    assert await _until(lambda: telegram_bot_process.query(answers) == decided)
    # The roster's names never reach the group.
    in_group = " ".join(
        str(c.params["text"]) for c in telegram_api.calls_of("sendMessage") if _in(GROUP)(c.params)
    )
    assert "趙六" not in in_group


async def test_a_handover_promotes_the_new_admin(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess, tmp_path: Path
) -> None:
    # The README asks for the right to add admins too: the bot may then give the ones it holds.
    telegram_api.put(GROUP, telegram_api.bot.id, "administrator", **dict.fromkeys(RIGHTS, True))
    await _file(telegram_api, telegram_bot_process, filer=accounts.ADMIN)
    await _roster(
        telegram_bot_process,
        tmp_path,
        f"XX社區,李四,{accounts.ADMIN},調離,調往街道",
        "XX社區,趙六,50010,在崗,",
    )
    await _auto_approve(telegram_api, accounts.ADMIN)
    telegram_api.add_user(ON_ROSTER, "小趙")
    start = len(telegram_api.calls)
    telegram_api.join_request(GROUP, ON_ROSTER)
    await telegram_api.wait_call("sendMessage", _in(ON_ROSTER), 20, after=start)
    telegram_api.private_message(ON_ROSTER, "XX社區-趙六")
    await telegram_api.wait_call("approveChatJoinRequest", after=start, timeout=20)

    start = len(telegram_api.calls)
    text = "/交接管理員 小趙 調崗"
    telegram_api.group_message(
        GROUP, accounts.ADMIN, text, entities=[telegram_api.text_mention(text, "小趙", ON_ROSTER)]
    )
    prompt = await telegram_api.wait_call("sendMessage", _in(GROUP), 20, after=start)
    assert "/確認交接" in prompt.params["text"]
    assert any(e["type"] == "text_mention" for e in prompt.params.get("entities", []))

    start = len(telegram_api.calls)
    telegram_api.group_message(GROUP, ON_ROSTER, "/確認交接")
    promoted = await telegram_api.wait_call(
        "promoteChatMember", lambda p: int(p["user_id"]) == ON_ROSTER, 20, after=start
    )
    assert promoted.params["can_delete_messages"] is True
    assert promoted.params["can_restrict_members"] is True
    assert telegram_api.member_status(GROUP, ON_ROSTER) == "administrator"
    demoted = await telegram_api.wait_call(
        "promoteChatMember", lambda p: int(p["user_id"]) == accounts.ADMIN, 20, after=start
    )
    assert demoted.params["can_delete_messages"] is False
    admins = await _until(
        lambda: (
            telegram_bot_process.query("SELECT user_id FROM registered_admin WHERE until IS NULL")
            == [(ON_ROSTER,)]
        )
    )
    assert admins
