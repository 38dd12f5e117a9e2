"""A deployment from before the audit key: its plain SHA-256 records survive migration 0004,
are pinned by the first anchor line, and the keyed records chain on from them."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests import accounts
from tests.e2e.process import ROOT, BotProcess, new_peer
from tests.peer import at, text

pytestmark = pytest.mark.e2e

TO_0003 = """
import asyncio, sys
from tortoise import Tortoise
from tortoise.migrations.api.migrate import migrate
from models.db import ensure_sqlite_folder, tortoise_config

async def main() -> None:
    ensure_sqlite_folder(sys.argv[1])
    await migrate(config=tortoise_config(sys.argv[1]), target="models.0003_handover_clearance")
    await Tortoise.close_connections()

asyncio.run(main())
"""


def run(bot: BotProcess, *args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, env=bot.env, check=True, timeout=60)


def old_record_sql(record_id: int) -> str:
    """A record as the code before 0004 wrote it (its digests are made right below)."""
    return (
        "INSERT INTO measure_record (id, created_at, platform, group_id, unit, actor, target,"
        " action, article, category, reason, evidence, detail, prev_digest, digest, status,"
        " platform_answer, finished_at, outcome_digest) VALUES"
        f" ({record_id}, '2025-06-0{record_id} 08:00:00.123456+00:00', 'qq', {accounts.GROUP},"
        f" 'XX社區', {accounts.ADMIN}, {accounts.MEMBER}, 'warning', 10, '', '舊', '', '{{}}',"
        f" '', 'old-{record_id}', 'done', '', '2025-06-0{record_id} 08:00:01+00:00', '')"
    )


async def test_records_from_before_the_key_verify_and_the_chain_goes_on_keyed(
    tmp_path: Path,
) -> None:
    bot = BotProcess(tmp_path)
    url = f"sqlite://{bot.db_file}"
    run(bot, "-c", TO_0003, url)
    for record_id in (1, 2):
        bot.query(old_record_sql(record_id))
    bot.start()  # `manage.py migrate` first: 0004 marks the two records plain
    bot.stop()
    assert bot.query("SELECT id, scheme FROM measure_record") == [(1, 1), (2, 1)]
    # Their digests as the old code made them (plain SHA-256), not as inserted above.
    run(bot, "-m", "tests.e2e.tamper", url, "1")
    (tmp_path / "audit-anchor.log").unlink()  # as if the first start with the key were now
    bot.query("DELETE FROM audit_anchor")

    bot.start()
    peer = new_peer(bot.url, "e2e-secret-token")
    peer.add_group(accounts.GROUP, "XX社區工作群")
    await peer.connect()
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.SUPERUSER, "/備案 內部 XX社區")
    await peer.wait_for("send_group_msg", after=start)
    start = len(peer.calls)
    await peer.group_message(
        accounts.GROUP, accounts.SUPERUSER, [*text("/警告 "), at(accounts.MEMBER), *text(" 新")]
    )
    await peer.wait_for("send_group_msg", after=start)
    await peer.close()
    bot.stop()

    assert bot.query("SELECT id, scheme, status FROM measure_record ORDER BY id") == [
        (1, 1, "done"),
        (2, 1, "done"),
        (3, 2, "done"),
    ]
    first = (tmp_path / "audit-anchor.log").read_text("utf-8").splitlines()[0]
    assert " seq=1 start count=2 head=2 " in first
    verified = bot.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "audit ok: 3 records" in verified.stdout

    # A keyed record recomputed plain, after the first anchor: named.
    run(bot, "-m", "tests.e2e.tamper", url, "1")
    rewritten = bot.manage("audit", "verify")
    assert rewritten.returncode == 1
    assert "record 3 is not sealed with the audit key" in rewritten.stdout
