"""Copies of the database for `manage.py backup` and `manage.py restore`: SQLite here, PostgreSQL
in `models.backup_pg`; what a restore must verify first is in `plugins.measures.restore`.

A backup is written beside its final name and renamed there at the end, so a failed one never
leaves half a file under that name. SQLite is copied with its online backup API in one read
transaction: the copy is consistent while the bot writes, and in WAL mode the bot is not held up.

A restore stages the backup in a file beside the database (`stage_sqlite`), and only a staged copy
that was checked goes in, in one rename (`swap_in`), the old file kept as `<db>.before-restore`.

The pure parts (file names, what a URL names) come first; what touches the disk after.
"""

import asyncio
import os
import secrets
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tortoise.backends.base.config_generator import expand_db_url

from models import backup_texts as texts
from models.db import connection_url

KEPT = ".before-restore"


class BackupError(Exception):
    """A backup cannot be written, read or put in: one line naming the file (exit code 2)."""


@dataclass(frozen=True)
class Snapshot:
    """What a backup holds, as its one line says: the file, its size and the measures' chain."""

    path: Path
    size: int
    records: int
    head_id: int
    head_digest: str

    @classmethod
    def of(cls, path: Path, records: int, head_id: int, head_digest: str) -> "Snapshot":
        return cls(path, path.stat().st_size, records, head_id, head_digest)

    @property
    def line(self) -> str:
        return texts.written(
            self.path, texts.size(self.size), self.records, self.head_id, self.head_digest
        )


def sqlite_file(db_url: str) -> Path | None:
    """The database file of a `sqlite://` URL; None for any other kind."""
    if not db_url.startswith("sqlite://"):
        return None
    return Path(expand_db_url(connection_url(db_url))["credentials"]["file_path"])


def beside(path: Path, purpose: str) -> Path:
    """A hidden name of its own in the folder of `path`: a rename from it stays on one disk."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.{purpose}")


def kept_beside(path: Path) -> Path:
    return path.with_name(path.name + KEPT)


def sidecars(db: Path) -> list[Path]:
    """The files SQLite keeps beside a database while it is open (or after a crash)."""
    return [db.with_name(db.name + tail) for tail in ("-wal", "-shm", "-journal")]


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


# --- touching the disk -------------------------------------------------------------------------


def discard(path: Path) -> None:
    """Remove a staged or partial database file and whatever SQLite left beside it."""
    for each in (path, *sidecars(path)):
        each.unlink(missing_ok=True)


def _chain_head(db: sqlite3.Connection) -> tuple[int, int, str]:
    count, head = db.execute("SELECT count(*), coalesce(max(id), 0) FROM measure_record").fetchone()
    row = db.execute("SELECT digest FROM measure_record WHERE id = ?", (head,)).fetchone()
    return int(count), int(head), str(row[0]) if row else ""


def backup_sqlite(db: Path, dest: Path) -> Snapshot:
    """Copy the database to `dest` through SQLite's online backup, a consistent copy."""
    if not db.is_file():
        raise BackupError(texts.no_database(db))
    if dest.exists() and dest.resolve() == db.resolve():
        raise BackupError(texts.is_the_database(dest))
    partial = beside(dest, "partial")
    try:
        source = sqlite3.connect(db, timeout=30)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                head = _chain_head(copy)
            finally:
                copy.close()
        finally:
            source.close()
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, dest)
    except sqlite3.OperationalError as exc:
        discard(partial)
        if "no such table" in str(exc):
            raise BackupError(texts.database_failed(str(db), _why(exc))) from None
        raise BackupError(texts.cannot_write(dest, _why(exc))) from None
    except (sqlite3.Error, OSError) as exc:
        discard(partial)
        raise BackupError(texts.cannot_write(dest, _why(exc))) from None
    return Snapshot.of(dest, *head)


def stage_sqlite(backup: Path, db: Path) -> Path:
    """A copy of `backup` beside the database, checked to be a whole SQLite database that holds
    the measure records; the caller swaps it in or discards it. The backup itself is only read."""
    if not backup.is_file():
        raise BackupError(texts.missing(backup))
    staged = beside(db, "restore")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup, staged)
    except OSError as exc:
        discard(staged)
        raise BackupError(texts.database_failed(str(db), _why(exc))) from None
    try:
        copy = sqlite3.connect(staged)
        try:
            check = copy.execute("PRAGMA quick_check").fetchone()
            ours = copy.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'measure_record'"
            ).fetchone()
        finally:
            copy.close()
    except sqlite3.Error as exc:
        discard(staged)
        raise BackupError(texts.unreadable(backup, _why(exc))) from None
    if check != ("ok",) or ours is None:
        discard(staged)
        found = texts.unreadable(backup, str(check[0])) if check != ("ok",) else None
        raise BackupError(found or texts.not_ours(backup))
    return staged


def settle_sqlite(db: Path) -> None:
    """Fold what a WAL holds (after a crash, say) into the database file, so the file alone is the
    database: a stale `-wal` left beside a file swapped in would be replayed into it. A `-wal`
    that stays means another process has the database open."""
    if not db.exists():
        return
    try:
        connection = sqlite3.connect(db, timeout=5)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(texts.database_failed(str(db), _why(exc))) from None
    if sidecars(db)[0].exists():
        raise BackupError(texts.sqlite_in_use(db))


def held_open(db: Path, proc: Path = Path("/proc")) -> bool:
    """Whether another process has the database file open (the bot, most likely), read from
    /proc on Linux; elsewhere, or for processes of other users, nothing is seen."""
    try:
        wanted = {str(db.resolve()), *(str(s.resolve()) for s in sidecars(db))}
        pids = [p for p in proc.iterdir() if p.name.isdigit() and p.name != str(os.getpid())]
    except OSError:
        return False
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in (pid / "fd").iterdir()]
        except OSError:
            continue  # gone, or not ours to read
        if wanted.intersection(links):
            return True
    return False


def swap_in(staged: Path, live: Path) -> Path | None:
    """Put `staged` at `live` in one rename; the file it replaces stays as `<live>.before-restore`
    (returned; None when there was none). Raises OSError, `live` untouched, when it cannot."""
    kept = kept_beside(live)
    if not live.exists():
        os.replace(staged, live)
        return None
    kept.unlink(missing_ok=True)
    try:
        os.link(live, kept)
    except OSError:
        shutil.copy2(live, kept)
    os.replace(staged, live)
    return kept


class Stage(Protocol):
    """Where a restore puts the backup before the database is replaced with it."""

    where: str  # the database, as lines name it

    async def refuse_if_in_use(self) -> None: ...
    async def prepare(self, backup: Path) -> str: ...  # the staged copy's URL
    async def commit(self) -> Path | None: ...  # the copy kept of the database it replaced
    async def discard(self) -> None: ...


class SqliteStage:
    """A restore on SQLite: a checked copy beside the database file, swapped in by a rename."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.staged: Path | None = None
        self.where = str(db)

    async def refuse_if_in_use(self) -> None:
        if await asyncio.to_thread(held_open, self.db):
            raise BackupError(texts.sqlite_in_use(self.db))

    async def prepare(self, backup: Path) -> str:
        self.staged = await asyncio.to_thread(stage_sqlite, backup, self.db)
        return f"sqlite://{self.staged}"

    async def commit(self) -> Path | None:
        assert self.staged is not None
        settle_sqlite(self.staged)
        settle_sqlite(self.db)
        try:
            kept = swap_in(self.staged, self.db)
        except OSError as exc:
            raise BackupError(texts.database_failed(self.where, _why(exc))) from None
        self.staged = None
        return kept

    async def discard(self) -> None:
        if self.staged is not None:
            discard(self.staged)
            self.staged = None


def stage_for(db_url: str, data_dir: Path) -> Stage:
    db = sqlite_file(db_url)
    if db is not None:
        return SqliteStage(db)
    from models.backup_pg import PgStage

    return PgStage(db_url, data_dir)


async def backup(db_url: str, dest: Path) -> str:
    """`manage.py backup FILE`: the line to print. Raises BackupError."""
    db = sqlite_file(db_url)
    if db is not None:
        snapshot = await asyncio.to_thread(backup_sqlite, db, dest)
    else:
        from models.backup_pg import PgTarget, dump

        snapshot = await dump(PgTarget.from_url(db_url), dest)
    return snapshot.line
