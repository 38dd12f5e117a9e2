"""The log of a real bot process keeps nothing it removed: at INFO no message text, card,
nickname, join answer or ID number reaches it, only ids and categories; at DEBUG it may, and the
bot says so once at start-up.
"""

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from core.logs import TEXT_LOGGED
from core.script import to_simplified
from tests import accounts
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Call, Peer, PeerMember, text

pytestmark = pytest.mark.e2e

MARKED = "機密★1年"
ID_NUMBER = "110101199003077571"
NICKNAME = "暱稱甲乙丙"
CARD = "XX社區-名片丁戊"
NEW_CARD = "名片己庚辛"
ANSWER = "答案壬癸子"
GROUP_NAME = "群名丑寅卯"
SECRETS = (MARKED, ID_NUMBER, NICKNAME, CARD, NEW_CARD, ANSWER, GROUP_NAME)


def _recalled(message_id: int) -> Callable[[Call], bool]:
    return lambda call: call.params.get("message_id") == message_id


async def _settled(peer: Peer, quiet: float = 0.5, within: float = 15.0) -> None:
    """Until the bot has made no call for `quiet` seconds: every event has been handled."""
    for _ in range(int(within / quiet)):
        seen = len(peer.calls)
        await asyncio.sleep(quiet)
        if len(peer.calls) == seen:
            return
    raise TimeoutError(f"the bot kept calling for {within}s")


async def _a_bad_day(process: BotProcess) -> None:
    """Every way people's words reach the bot, with the words it must not keep."""
    peer = new_peer(process.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        GROUP_NAME,
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(accounts.MEMBER, NICKNAME, CARD),
    )
    # A quoted message NapCat answers in a shape the adapter cannot read: it logs the error.
    peer.answers["get_msg"] = lambda params: {"message_id": "x", "message": f"{MARKED} {ID_NUMBER}"}
    await peer.connect()
    try:
        start = len(peer.calls)
        await peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區 社區日常工作")
        await peer.wait_for("send_private_msg", after=start)
        marked = await peer.group_message(accounts.GROUP, accounts.MEMBER, f"通知：{MARKED}，勿傳")
        numbered = await peer.group_message(
            accounts.GROUP, accounts.MEMBER, text(f"身份證號 {ID_NUMBER}")
        )
        await peer.wait_for("delete_msg", _recalled(marked))
        await peer.wait_for("delete_msg", _recalled(numbered))
        quoting = [{"type": "reply", "data": {"id": "4242"}}, *text("回覆 原文如上")]
        await peer.group_message(accounts.GROUP, accounts.MEMBER, quoting)
        await peer.card_change(accounts.GROUP, accounts.MEMBER, f"{NEW_CARD}{ID_NUMBER}")
        # NapCat tells of the card only when the member next speaks (ob/index.ts)
        await peer.group_message(accounts.GROUP, accounts.MEMBER, "好的")
        await peer.join_request(accounts.GROUP, 55555555, f"問題：姓名\n答案：{ANSWER}", "f1")
        await peer.private_message(accounts.MEMBER, f"私聊 {MARKED} {ID_NUMBER}")
        broken = {"post_type": "message", "message_type": "group", "text": f"{MARKED}{ID_NUMBER}"}
        await peer.send_raw(json.dumps(broken, ensure_ascii=False))
        await peer.wait_for("get_msg")
        await _settled(peer)
    finally:
        await peer.close()
        process.stop()


def _leaks(log: str) -> list[str]:
    return [form for s in SECRETS for form in {s, to_simplified(s)} if form in log]


async def test_at_info_the_log_keeps_ids_and_no_text(tmp_path: Path) -> None:
    process = BotProcess(tmp_path, LOG_LEVEL="INFO")
    process.start()
    await _a_bad_day(process)
    log = process.log.read_text("utf-8")
    assert _leaks(log) == []
    assert TEXT_LOGGED not in log
    assert f"[message.group.normal]: group_id={accounts.GROUP} user_id={accounts.MEMBER}" in log
    assert f"[notice.group_card]: group_id={accounts.GROUP} user_id={accounts.MEMBER}" in log
    assert "[request.group.add]: group_id=" in log
    assert "Failed to parse event. Raw: （DEBUG 以下不記）" in log
    assert "Error when getting message reply info: （DEBUG 以下不記）" in log


async def test_at_debug_the_log_may_keep_text_and_the_bot_says_so(tmp_path: Path) -> None:
    process = BotProcess(tmp_path, LOG_LEVEL="DEBUG")
    process.start()
    await _a_bad_day(process)
    log = process.log.read_text("utf-8")
    warned = [line for line in log.splitlines() if TEXT_LOGGED in line]
    assert len(warned) == 1
    assert "[WARNING]" in warned[0]
    assert MARKED in log
    assert ID_NUMBER in log
    assert TOKEN not in log  # NoneBot's dump of its settings is cut at every level
