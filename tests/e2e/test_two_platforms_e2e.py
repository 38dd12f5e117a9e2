"""One bot process, two platforms: NapCat (the strict peer) and the fake Bot API together. Each
group is filed on its own platform and keeps its own platform's records; the department's
/全街報告, asked on QQ, lists the groups of both.
"""

import asyncio
import base64
import io
from collections.abc import AsyncIterator

import pytest
from openpyxl import load_workbook

from tests import accounts
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Peer, PeerMember
from tests.telegram_api import TelegramApi
from tests.telegram_world import GROUP as TG_GROUP

pytestmark = pytest.mark.e2e


@pytest.fixture
async def qq_peer(telegram_bot_process: BotProcess) -> AsyncIterator[Peer]:
    """NapCat connected to the same process that polls the fake Bot API."""
    peer = new_peer(telegram_bot_process.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
    )
    await peer.connect()
    yield peer
    await peer.close()


async def test_both_platforms_filed_in_one_process_and_one_street_report(
    telegram_api: TelegramApi, telegram_bot_process: BotProcess, qq_peer: Peer
) -> None:
    await telegram_api.wait_call("getUpdates", timeout=30)
    telegram_api.world.users[accounts.OWNER].started = True
    start = len(telegram_api.calls)
    telegram_api.group_message(TG_GROUP, accounts.OWNER, "/備案 內部 XX社區")
    await telegram_api.wait_call("sendMessage", lambda p: int(p["chat_id"]) == TG_GROUP, 20, start)
    begin = len(qq_peer.calls)
    await qq_peer.group_message(accounts.GROUP, accounts.OWNER, "/備案 內部 XX社區")
    await qq_peer.wait_for("send_group_msg", after=begin)
    filed = telegram_bot_process.query('SELECT platform, group_id FROM "group" ORDER BY platform')
    assert filed == [("qq", accounts.GROUP), ("telegram", TG_GROUP)]

    # The same account number in both groups is two people: a harmful word on Telegram is a
    # Telegram record, and nothing happens to the QQ member of that number.
    telegram_api.put(TG_GROUP, accounts.MEMBER, "member")
    sent = telegram_api.group_message(TG_GROUP, accounts.MEMBER, "你個傻逼")
    await telegram_api.wait_call(
        "deleteMessage", lambda p: int(p["message_id"]) == sent["message_id"], 20
    )
    await asyncio.sleep(0.5)
    records = telegram_bot_process.query(
        "SELECT platform, group_id, target FROM measure_record WHERE action = 'recall'"
    )
    assert records == [("telegram", TG_GROUP, accounts.MEMBER)]
    assert not [c for c in qq_peer.calls if c.action in ("delete_msg", "set_group_ban")]

    # The department asks on QQ; the workbook lists both groups, each with its platform.
    begin = len(qq_peer.calls)
    await qq_peer.private_message(accounts.DEPARTMENT, "/全街報告")
    sent_file = await qq_peer.wait_for(
        "send_private_msg",
        lambda call: any(s["type"] == "file" for s in call.params["message"]),
        after=begin,
        within=30,
    )
    (segment,) = [s for s in sent_file.params["message"] if s["type"] == "file"]
    data = base64.b64decode(str(segment["data"]["file"]).removeprefix("base64://"))
    book = load_workbook(io.BytesIO(data))
    rows = list(book["總表"].iter_rows(values_only=True))
    assert rows[0][-1] == "平台"
    assert sorted((row[0], row[-1]) for row in rows[1:]) == [
        (TG_GROUP, "Telegram"),
        (accounts.GROUP, "QQ"),
    ]
