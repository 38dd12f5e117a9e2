"""Backup and restore in process: records sealed on the test database's real SQLite file, copied
while it is written, restored into a database of the test's own once the copy's chain verifies."""

import asyncio
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from core import runtime
from models import backup_texts as texts
from models.backup import backup_sqlite, sqlite_file
from plugins.measures import anchoring
from plugins.measures.audit import verify
from plugins.measures.measure import Measure
from plugins.measures.restore import (
    AHEAD,
    BEHIND,
    DIFFERS,
    EMPTY,
    AuditFiles,
    LogNote,
    Refused,
    compare_log,
    restore,
)
from plugins.measures.service import carry_out

NOTE = Measure(kind="warning", article=10, action=None, target=60001, actor=1, reason="刷屏")


def live_db() -> Path:
    found = sqlite_file(runtime.settings().db_url)
    assert found is not None
    return found


def live_anchor() -> Path:
    return runtime.settings().audit_anchor_file


async def sealed(count: int) -> None:
    if not live_anchor().exists():
        await anchoring.start()
    for _ in range(count):
        await carry_out(None, NOTE)


def files(folder: Path) -> AuditFiles:
    return AuditFiles(runtime.settings().audit_key_file, folder / "audit-anchor.log", folder)


def rows(db: Path, sql: str = "SELECT id, reason, digest FROM measure_record ORDER BY id") -> Any:
    with closing(sqlite3.connect(db)) as conn, conn:
        return conn.execute(sql).fetchall()


def leftovers(folder: Path) -> list[str]:
    """Staged copies and partial files: their names start with a dot."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


async def yes(question: str) -> bool:
    return True


async def no(question: str) -> bool:
    return False


async def target_with_more_records(tmp_path: Path, more: int) -> Path:
    """A database and anchor file that went on past the backup: the deployment to restore into."""
    await sealed(more)
    target = tmp_path / "qungui.sqlite3"
    await asyncio.to_thread(backup_sqlite, live_db(), target)
    shutil.copy(live_anchor(), tmp_path / "audit-anchor.log")
    return target


async def test_a_backup_taken_while_connections_write_is_whole_and_verifies(
    tmp_path: Path,
) -> None:
    await sealed(3)
    writer = sqlite3.connect(live_db(), timeout=30)
    writer.execute("BEGIN IMMEDIATE")  # a write under way, not committed, while the copy is made
    writer.execute("UPDATE measure_record SET reason = '未提交' WHERE id = 1")
    try:
        held = await asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "held.sqlite3")
    finally:
        writer.rollback()
        writer.close()
    assert (held.records, held.head_id) == (3, 3)
    assert [r[1] for r in rows(held.path)] == ["刷屏"] * 3

    # Records sealed (and anchored) by the bot's own connection while the copy is taken.
    copying = asyncio.create_task(
        asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "during.sqlite3")
    )
    for _ in range(5):
        await carry_out(None, NOTE)
        await asyncio.sleep(0)
    during = await copying
    assert 3 <= during.records <= 8
    assert during.head_digest == rows(during.path)[-1][2]
    target = tmp_path / "restored"
    target.mkdir()
    lines = await restore(f"sqlite://{target / 'q.sqlite3'}", during.path, files(target), yes)
    assert lines[0].startswith(f"audit ok: {during.records} records")


async def test_a_good_backup_replaces_the_database_and_the_old_one_is_kept(
    tmp_path: Path,
) -> None:
    await sealed(3)
    good = await asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "good.backup")
    target = await target_with_more_records(tmp_path, 2)
    old_log = (tmp_path / "audit-anchor.log").read_text("utf-8")

    lines = await restore(f"sqlite://{target}", good.path, files(tmp_path), yes)

    assert rows(target) == rows(good.path)
    assert [r[0] for r in rows(target)] == [1, 2, 3]
    assert [r[0] for r in rows(tmp_path / "qungui.sqlite3.before-restore")] == [1, 2, 3, 4, 5]
    kept_log = tmp_path / "audit-anchor.log.before-restore"
    assert kept_log.read_text("utf-8") == old_log
    assert lines[-1] == texts.anchor_ahead(tmp_path / "audit-anchor.log", 2, 5, kept_log)
    table = [r[0] for r in rows(target, "SELECT line FROM audit_anchor ORDER BY seq")]
    assert (tmp_path / "audit-anchor.log").read_text("utf-8").splitlines() == table
    verdict = await verify(
        f"sqlite://{target}", runtime.settings().audit_key_file, tmp_path / "audit-anchor.log", None
    )
    assert verdict.ok, verdict.line
    assert leftovers(tmp_path) == []


async def test_on_a_new_machine_the_anchor_file_is_built_from_the_backup(tmp_path: Path) -> None:
    await sealed(2)
    good = await asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "good.backup")
    fresh = tmp_path / "new" / "data"
    lines = await restore(f"sqlite://{fresh / 'qungui.sqlite3'}", good.path, files(fresh), yes)
    assert lines[1] == texts.restored(good.path, str(fresh / "qungui.sqlite3"), None)
    assert lines[2] == texts.anchor_rebuilt(fresh / "audit-anchor.log")
    assert len(rows(fresh / "qungui.sqlite3")) == 2
    assert not (fresh / "audit-anchor.log.before-restore").exists()


EDITS = [
    ("UPDATE measure_record SET reason = '改過' WHERE id = 2", "record 2 was altered"),
    ("DELETE FROM measure_record WHERE id = 2", "record 2 was removed"),
    ("DELETE FROM measure_record WHERE id = 3", "record 3 was removed (shown by anchor line"),
    ("UPDATE audit_anchor SET line = replace(line, 'count=1', 'count=9')", "line 2 of the anchor"),
]


@pytest.mark.parametrize(("edit", "named"), EDITS)
async def test_an_edited_backup_is_refused_and_the_database_left_as_it_was(
    tmp_path: Path, edit: str, named: str
) -> None:
    await sealed(3)
    edited = await asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "edited.backup")
    rows(edited.path, edit)
    target = await target_with_more_records(tmp_path, 1)
    before = rows(target), (tmp_path / "audit-anchor.log").read_bytes()

    with pytest.raises(Refused) as refused:
        await restore(f"sqlite://{target}", edited.path, files(tmp_path), yes)

    assert refused.value.code == 1
    assert named in str(refused.value)
    assert texts.refused(edited.path) in str(refused.value)
    assert (rows(target), (tmp_path / "audit-anchor.log").read_bytes()) == before
    assert not (tmp_path / "qungui.sqlite3.before-restore").exists()
    assert leftovers(tmp_path) == []


def not_ours(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (a)")


async def test_a_bad_backup_file_is_refused_naming_it(tmp_path: Path) -> None:
    await sealed(2)
    good = await asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "good.backup")
    target = await target_with_more_records(tmp_path, 1)
    before = rows(target)
    junk, cut, other = tmp_path / "junk.bin", tmp_path / "cut.backup", tmp_path / "other.sqlite3"
    junk.write_bytes(b"\x00not sqlite\xff" * 500)
    cut.write_bytes(good.path.read_bytes()[: good.size // 2])
    not_ours(other)
    cases = [
        (junk, texts.unreadable(junk, "")),
        (cut, texts.unreadable(cut, "")),
        (other, texts.not_ours(other)),
        (tmp_path / "none.backup", texts.missing(tmp_path / "none.backup")),
    ]
    for path, said in cases:
        with pytest.raises(Refused) as refused:
            await restore(f"sqlite://{target}", path, files(tmp_path), yes)
        assert refused.value.code == 2
        assert str(refused.value).startswith(said.rstrip("：")), str(refused.value)
        assert "\n" not in str(refused.value)
    assert rows(target) == before
    assert leftovers(tmp_path) == []


async def test_a_restore_not_confirmed_changes_nothing(tmp_path: Path) -> None:
    await sealed(1)
    good = await asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "good.backup")
    target = await target_with_more_records(tmp_path, 1)
    before = rows(target)
    with pytest.raises(Refused) as refused:
        await restore(f"sqlite://{target}", good.path, files(tmp_path), no)
    assert (refused.value.code, str(refused.value)) == (2, texts.NOT_CONFIRMED)
    assert rows(target) == before
    assert leftovers(tmp_path) == []


HOLD = "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM sqlite_master'); print('open', flush=True); time.sleep(60)"


@contextmanager
def held_open_elsewhere(db: Path) -> Iterator[None]:
    """Another process with the database open, as the running bot has it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.kill()
        holder.wait(10)


async def test_a_database_another_process_holds_open_is_not_replaced(tmp_path: Path) -> None:
    await sealed(1)
    good = await asyncio.to_thread(backup_sqlite, live_db(), tmp_path / "good.backup")
    target = await target_with_more_records(tmp_path, 1)
    with held_open_elsewhere(target), pytest.raises(Refused) as refused:
        await restore(f"sqlite://{target}", good.path, files(tmp_path), yes)
    assert (refused.value.code, str(refused.value)) == (2, texts.sqlite_in_use(target))
    assert len(rows(target)) == 2


def test_how_the_anchor_file_stands_to_the_backup() -> None:
    a, b, c = "line-1", "line-2", "line-3"
    assert compare_log([a, b], [a, b]) is None
    assert compare_log([], []) is None
    assert compare_log([], [a]) == LogNote(EMPTY)
    assert compare_log([a, b, c], [a]) == LogNote(AHEAD, lines=2, head_id=0)
    assert compare_log([a], [a, b, c]) == LogNote(BEHIND, lines=2)
    assert compare_log([a, c], [a, b]) == LogNote(DIFFERS, seq=2)
