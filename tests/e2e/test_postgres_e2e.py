"""The same bot on PostgreSQL (through asyncpg): migrations, records, a crash, the audit.

Runs where QUNGUI_TEST_PG_URL names a server (`.ci/run` starts one: see .ci/postgres.sh).
"""

from pathlib import Path

import pytest

from tests import accounts
from tests.e2e.pg import psql
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import PeerMember, at, text

pytestmark = pytest.mark.e2e


async def test_postgres_keeps_records_through_a_crash_and_the_audit_catches_an_edit(
    tmp_path: Path, pg_url: str
) -> None:
    bot = BotProcess(tmp_path, QUNGUI_DB_URL=pg_url)
    bot.start()
    peer = new_peer(bot.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
    )
    try:
        await peer.connect()
        start = len(peer.calls)
        await peer.group_message(accounts.GROUP, accounts.ADMIN, "/備案 群眾 XX社區 居民服務")
        await peer.wait_for("send_group_msg", after=start)
        assert psql(pg_url, 'SELECT status FROM "group"') == [["待批准"]]

        start = len(peer.calls)
        await peer.group_message(
            accounts.GROUP, accounts.ADMIN, [*text("/警告 "), at(accounts.MEMBER), *text(" 一")]
        )
        await peer.wait_for("send_group_msg", after=start)

        peer.held.add("set_group_ban")
        start = len(peer.calls)
        await peer.group_message(
            accounts.GROUP, accounts.ADMIN, [*text("/禁言 "), at(accounts.MEMBER), *text(" 1h")]
        )
        await peer.wait_for("set_group_ban", after=start)
        bot.kill()
        await peer.close()

        bot.start()
        again = new_peer(bot.url, TOKEN)
        await again.connect()
        await again.close()
        rows = psql(pg_url, "SELECT id, action, status FROM measure_record ORDER BY id")
        assert rows == [["1", "warning", "done"], ["2", "mute", "unconfirmed"]]
        assert bot.manage("audit", "verify").returncode == 0

        bot.stop()
        psql(pg_url, "UPDATE measure_record SET target = 1 WHERE id = 1")
        edited = bot.manage("audit", "verify")
        assert edited.returncode == 1
        assert "record 1 was altered" in edited.stdout
    finally:
        bot.stop()
