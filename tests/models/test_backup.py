"""The pure parts of backups: what a URL names, what reaches pg_dump, which pg_dump is taken."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from models import backup_texts as texts
from models.backup import BackupError, backup_sqlite, sqlite_file, swap_in
from models.backup_pg import PgTarget, check_dump, url_named
from models.pg_tools import first_error, newest, version_of

URL = "postgres://qungui:p%40ss%3Aword@db.example:5433/street?sslmode=require&maxsize=5"


def test_the_database_file_of_a_sqlite_url() -> None:
    assert sqlite_file("sqlite://data/qungui.sqlite3") == Path("data/qungui.sqlite3")
    assert sqlite_file("sqlite:///srv/q/db.sqlite3?journal_mode=WAL") == Path("/srv/q/db.sqlite3")
    assert sqlite_file(URL) is None


def test_a_postgres_url_reaches_the_tools_through_their_environment_only() -> None:
    target = PgTarget.from_url(URL)
    assert (target.host, target.port, target.user) == ("db.example", 5433, "qungui")
    assert (target.password, target.database, target.sslmode) == ("p@ss:word", "street", "require")
    assert target.where == "db.example:5433/street"  # what lines print: no user, no password
    env = target.env({"PATH": "/bin", "PGPASSWORD": "inherited"})
    assert env["PGPASSWORD"] == "p@ss:word"
    assert (env["PGHOST"], env["PGPORT"], env["PGDATABASE"]) == ("db.example", "5433", "street")
    assert (env["PGUSER"], env["PGSSLMODE"], env["PATH"]) == ("qungui", "require", "/bin")
    assert "maxsize" not in " ".join(env.values())  # tortoise's pool setting is no libpq one
    args = target.connect_args()
    assert (args["password"], args["ssl"], args["database"]) == ("p@ss:word", "require", "street")


def test_without_a_password_in_the_url_none_is_inherited_either() -> None:
    target = PgTarget.from_url("postgresql://postgres@127.0.0.1:55432/postgres")
    env = target.env({"PGPASSWORD": "someone else's", "PGSSLMODE": "disable"})
    assert "PGPASSWORD" not in env
    assert "PGSSLMODE" not in env
    assert PgTarget.from_url("asyncpg://u@/q?host=/run/postgresql").host == "/run/postgresql"


def test_the_scratch_database_keeps_the_server_and_the_query() -> None:
    assert url_named(URL, "street_restore_ab12") == URL.replace("/street?", "/street_restore_ab12?")


def test_a_file_that_is_not_a_custom_dump_is_named(tmp_path: Path) -> None:
    sqlite = tmp_path / "b.sqlite3"
    with closing(sqlite3.connect(sqlite)) as db:
        db.execute("CREATE TABLE t (a)")
    with pytest.raises(BackupError, match="不是 PostgreSQL 備份"):
        check_dump(sqlite)
    with pytest.raises(BackupError, match="不存在"):
        check_dump(tmp_path / "none.dump")


def test_versions_and_complaints_of_the_tools() -> None:
    assert version_of("pg_dump (PostgreSQL) 16.4 (Debian 16.4-1.pgdg120+2)") == (16, 4)
    assert version_of("pg_restore (PostgreSQL) 9.6.24") == (9, 6)
    stderr = b"pg_restore: connecting\npg_restore: error: could not read input file\nmore\n"
    assert first_error(stderr) == "pg_restore: error: could not read input file"
    assert first_error(b"just this\n") == "just this"


def fake_tool(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True)
    path = folder / "pg_dump"
    path.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {version}'\n")
    path.chmod(0o755)
    return path


def test_the_newest_pg_dump_is_taken_on_path_or_in_the_version_folders(tmp_path: Path) -> None:
    old = fake_tool(tmp_path / "12" / "bin", "12.20")
    new = fake_tool(tmp_path / "16" / "bin", "16.4")
    on_path = fake_tool(tmp_path / "path", "15.1")
    folders = [str(tmp_path / "*" / "bin")]
    assert newest("pg_dump", lambda name: None, folders) == new
    assert newest("pg_dump", lambda name: str(on_path), [str(old.parent)]) == on_path
    assert newest("pg_dump", lambda name: None, [str(tmp_path / "none" / "*")]) is None


def test_sizes_read_as_people_read_them() -> None:
    assert [texts.size(n) for n in (512, 1536, 5 * 1024**2, 3 * 1024**3)] == [
        "512 B",
        "1.5 KB",
        "5.0 MB",
        "3.0 GB",
    ]


def test_a_backup_is_never_written_over_the_database_or_left_half_written(tmp_path: Path) -> None:
    db = tmp_path / "qungui.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE measure_record (id INTEGER PRIMARY KEY, digest TEXT)")
    with pytest.raises(BackupError, match="就是資料庫本身"):
        backup_sqlite(db, db)
    with pytest.raises(BackupError, match="無法寫入"):
        backup_sqlite(db, tmp_path / "no such folder" / "b.sqlite3")
    with pytest.raises(BackupError, match="不存在"):
        backup_sqlite(tmp_path / "none.sqlite3", tmp_path / "b.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qungui.sqlite3"]
    assert backup_sqlite(db, tmp_path / "b.sqlite3").records == 0


def test_a_swap_keeps_what_it_replaced(tmp_path: Path) -> None:
    live, staged = tmp_path / "live", tmp_path / ".staged"
    staged.write_text("new")
    assert swap_in(staged, live) is None  # nothing there before: nothing kept
    staged.write_text("newer")
    kept = swap_in(staged, live)
    assert kept == tmp_path / "live.before-restore"
    assert (live.read_text(), kept.read_text(), staged.exists()) == ("newer", "new", False)
