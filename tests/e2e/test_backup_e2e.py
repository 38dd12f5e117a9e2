"""`manage.py backup` and `manage.py restore` as processes beside a real bot, on SQLite and (where
QUNGUI_TEST_PG_URL names a server) PostgreSQL through pg_dump and pg_restore."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from tests import accounts
from tests.e2e import pg
from tests.e2e.process import TOKEN, BotProcess, new_peer
from tests.peer import Peer, PeerMember, at, text

pytestmark = pytest.mark.e2e


async def connected_peer(bot: BotProcess) -> Peer:
    peer = new_peer(bot.url, TOKEN)
    peer.add_group(
        accounts.GROUP,
        "XX社區工作群",
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
    )
    await peer.connect()
    return peer


async def say(peer: Peer, *message: object) -> None:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.ADMIN, list(message))  # type: ignore[arg-type]
    await peer.wait_for("send_group_msg", after=start)


async def warn(peer: Peer, reason: str) -> None:
    await say(peer, *text("/警告 "), at(accounts.MEMBER), *text(f" {reason}"))


def out(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr


def sql(db: Path, statement: str) -> list[tuple[int, str]]:
    """Closed after (the restore refuses a database another process holds open)."""
    with closing(sqlite3.connect(db)) as conn, conn:
        return conn.execute(statement).fetchall()


def hidden(folder: Path) -> list[str]:
    """What a backup or restore left behind it: names of its own start with a dot."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def records(bot: BotProcess, db: Path | None = None) -> list[tuple[int, str]]:
    return sql(db or bot.db_file, "SELECT id, reason FROM measure_record ORDER BY id")


async def test_sqlite_backup_beside_the_running_bot_and_a_restore_that_verifies_first(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    bot = BotProcess(data)
    bot.start()
    try:
        peer = await connected_peer(bot)
        await say(peer, *text("/備案 內部 XX社區"))
        for reason in ("一", "二", "三"):
            await warn(peer, reason)
        backup = tmp_path / "qungui.backup"
        made = bot.manage("backup", str(backup))
        assert made.returncode == 0, out(made)
        assert "處置記錄 3 條，鏈頭 #3" in made.stdout
        assert hidden(tmp_path) == []

        running = bot.manage("restore", str(backup), "--yes")
        assert running.returncode == 2, out(running)
        assert "機器人仍在運行" in running.stderr
        await warn(peer, "四")  # after the backup: lost by the restore, and said so
        await peer.close()
    finally:
        bot.stop()
    assert [r[0] for r in records(bot)] == [1, 2, 3, 4]

    unasked = bot.manage("restore", str(backup))  # no --yes, and no terminal to ask on
    assert (unasked.returncode, "--yes" in unasked.stderr) == (2, True)

    tampered = tmp_path / "tampered.backup"
    shutil.copy(backup, tampered)
    sql(tampered, "UPDATE measure_record SET reason = '改過' WHERE id = 2")
    before = records(bot)
    refused = bot.manage("restore", str(tampered), "--yes")
    assert refused.returncode == 1, out(refused)
    assert "record 2 was altered" in refused.stderr
    assert "資料庫未改動" in refused.stderr
    assert records(bot) == before
    assert not (data / "qungui.sqlite3.before-restore").exists()
    assert hidden(data) == []

    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    for bad in (junk, tmp_path / "missing.backup"):
        done = bot.manage("restore", str(bad), "--yes")
        assert (done.returncode, str(bad) in done.stderr) == (2, True), out(done)
        assert "Traceback" not in done.stderr
    assert records(bot) == before

    restored = bot.manage("restore", str(backup), "--yes")
    assert restored.returncode == 0, out(restored)
    assert "audit ok: 3 records" in restored.stdout
    assert "比備份多" in restored.stdout  # the anchor file had lines for record 4
    assert [r[0] for r in records(bot)] == [1, 2, 3]
    assert len(records(bot, data / "qungui.sqlite3.before-restore")) == 4
    assert (data / "audit-anchor.log.before-restore").exists()
    assert hidden(data) == []  # no staged copy left beside the database
    assert bot.manage("audit", "verify").returncode == 0

    # The bot goes on from the restored chain, and the audit with it.
    bot.start()
    try:
        peer = await connected_peer(bot)
        await warn(peer, "五")
        await peer.close()
    finally:
        bot.stop()
    assert records(bot)[-1] == (4, "五")
    verified = bot.manage("audit", "verify")
    assert verified.returncode == 0, out(verified)
    assert "audit ok: 4 records" in verified.stdout


def psql(url: str, sql: str) -> list[str]:
    return ["\t".join(row) for row in pg.psql(url, sql)]


async def test_postgres_backup_and_a_restore_verified_in_a_scratch_database_first(
    tmp_path: Path, pg_url: str
) -> None:
    bot = BotProcess(tmp_path, QUNGUI_DB_URL=pg_url)
    bot.start()
    try:
        peer = await connected_peer(bot)
        await say(peer, *text("/備案 內部 XX社區"))
        for reason in ("一", "二"):
            await warn(peer, reason)
        good = tmp_path / "good.dump"
        made = bot.manage("backup", str(good))
        assert made.returncode == 0, out(made)
        assert "處置記錄 2 條，鏈頭 #2" in made.stdout
        assert pg_url.rsplit("/", 1)[0] not in out(made)  # the server's URL is never printed
        running = bot.manage("restore", str(good), "--yes")
        assert (running.returncode, "機器人仍在運行" in running.stderr) == (2, True), out(running)
        await warn(peer, "三")
        await peer.close()
    finally:
        bot.stop()

    psql(pg_url, "UPDATE measure_record SET reason = '改過' WHERE id = 1")
    bad = tmp_path / "edited.dump"
    assert bot.manage("backup", str(bad)).returncode == 0  # a backup copies; restore judges

    restored = bot.manage("restore", str(good), "--yes")
    assert restored.returncode == 0, out(restored)
    assert "audit ok: 2 records" in restored.stdout
    rows = "SELECT id || ':' || reason FROM measure_record ORDER BY id"
    assert psql(pg_url, rows) == ["1:一", "2:二"]
    assert any(name.endswith(".before-restore.dump") for name in os.listdir(tmp_path))
    assert bot.manage("audit", "verify").returncode == 0

    refused = bot.manage("restore", str(bad), "--yes")
    assert refused.returncode == 1, out(refused)
    assert "record 1 was altered" in refused.stderr
    assert psql(pg_url, rows) == ["1:一", "2:二"]

    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"PGDMP" + b"\0" * 64)  # looks like a dump, is not one
    broken = bot.manage("restore", str(junk), "--yes")
    assert (broken.returncode, str(junk) in broken.stderr) == (2, True), out(broken)
    assert psql(pg_url, rows) == ["1:一", "2:二"]
    scratch = "SELECT datname FROM pg_database WHERE datname LIKE '%\\_restore\\_%'"
    assert psql(pg.SERVER, scratch) == []

    # The restored sequence and anchor table carry on: the next record is #3, and it verifies.
    bot.start()
    try:
        peer = await connected_peer(bot)
        await warn(peer, "四")
        await peer.close()
    finally:
        bot.stop()
    assert psql(pg_url, rows)[-1] == "3:四"
    verified = bot.manage("audit", "verify")
    assert (verified.returncode, "audit ok: 3 records" in verified.stdout) == (0, True)
