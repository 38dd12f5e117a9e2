"""PostgreSQL backups: `pg_dump --format=custom` out, `pg_restore` in, and a scratch database.

The URL's parts reach `pg_dump` and `pg_restore` through libpq's environment (PGHOST, PGUSER,
PGPASSWORD…), never their command line, where other users could read them, and no line printed
repeats the URL: a database is named as host:port/name.

A backup is one `pg_dump` in a snapshot exported from a transaction that also counts the records,
so the line printed describes exactly what the file holds, while the bot goes on writing.

`models.pg_tools` finds and runs the tools.
"""

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from tortoise.backends.base.config_generator import expand_db_url

from models import backup_texts as texts
from models.backup import BackupError, Snapshot, beside
from models.db import connection_url
from models.pg_tools import run_tool

MAGIC = b"PGDMP"  # how a file of pg_dump's custom format begins


@dataclass(frozen=True)
class PgTarget:
    """A PostgreSQL database as the settings' URL names it."""

    host: str
    port: int
    user: str | None
    password: str | None
    database: str
    sslmode: str | None = None

    @classmethod
    def from_url(cls, db_url: str) -> Self:
        found = expand_db_url(connection_url(db_url))["credentials"]
        return cls(
            host=str(found.get("host") or "localhost"),
            port=int(found.get("port") or 5432),
            user=found.get("user") or None,
            password=found.get("password") or None,
            database=str(found.get("database") or ""),
            sslmode=found.get("sslmode") or found.get("ssl") or None,
        )

    def named(self, database: str) -> Self:
        return replace(self, database=database)

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}/{self.database}"

    def env(self, inherited: Mapping[str, str]) -> dict[str, str]:
        """The environment for a libpq tool: the inherited one with this database's parts."""
        env = dict(inherited)
        parts = {
            "PGHOST": self.host,
            "PGPORT": str(self.port),
            "PGDATABASE": self.database,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGSSLMODE": self.sslmode,
        }
        for name, value in parts.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        env.setdefault("PGCONNECT_TIMEOUT", "10")
        return env

    def connect_args(self) -> dict[str, Any]:
        args: dict[str, Any] = {"host": self.host, "port": self.port, "database": self.database}
        args.update({"user": self.user, "password": self.password, "timeout": 10})
        if self.sslmode:
            args["ssl"] = self.sslmode
        return args


def url_named(db_url: str, database: str) -> str:
    """The same URL for another database on the same server (its query, if any, kept)."""
    return urlsplit(db_url)._replace(path=f"/{database}").geturl()


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def check_dump(path: Path) -> None:
    """Raises BackupError unless `path` is a file of pg_dump's custom format (by its start)."""
    try:
        with path.open("rb") as f:
            start = f.read(len(MAGIC))
    except FileNotFoundError:
        raise BackupError(texts.missing(path)) from None
    except OSError as exc:
        raise BackupError(texts.unreadable(path, exc.strerror or str(exc))) from None
    if start != MAGIC:
        raise BackupError(texts.not_pg_dump(path))


# --- talking to the server ---------------------------------------------------------------------


async def _connect(target: PgTarget) -> Any:
    import asyncpg

    try:
        return await asyncpg.connect(**target.connect_args())
    except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
        why = str(exc) or type(exc).__name__
        raise BackupError(texts.database_failed(target.where, why)) from None


async def pg_dump(target: PgTarget, dest: Path, snapshot: str | None = None) -> None:
    """`pg_dump --format=custom` of `target` into `dest`, written beside it and renamed there."""
    partial = beside(dest, "partial")
    args = ["--format=custom", "--no-password", f"--file={partial}"]
    try:
        await run_tool(
            "pg_dump", [*args, *([f"--snapshot={snapshot}"] if snapshot else [])], target
        )
        os.replace(partial, dest)
    except OSError as exc:
        raise BackupError(texts.cannot_write(dest, exc.strerror or str(exc))) from None
    finally:
        partial.unlink(missing_ok=True)


async def dump(target: PgTarget, dest: Path) -> Snapshot:
    """`manage.py backup` on PostgreSQL: the dump, and the chain's count and head in the very
    snapshot it was taken from."""
    import asyncpg

    connection = await _connect(target)
    try:
        async with connection.transaction(isolation="repeatable_read", readonly=True):
            snapshot = await connection.fetchval("SELECT pg_export_snapshot()")
            count, head = await connection.fetchrow(
                "SELECT count(*), coalesce(max(id), 0) FROM measure_record"
            )
            digest = await connection.fetchval(
                "SELECT digest FROM measure_record WHERE id = $1", head
            )
            await pg_dump(target, dest, snapshot)
    except asyncpg.PostgresError as exc:
        raise BackupError(texts.database_failed(target.where, str(exc))) from None
    finally:
        await connection.close()
    return Snapshot.of(dest, int(count), int(head), digest or "")


async def restore_into(target: PgTarget, backup: Path, clean: bool) -> None:
    """`pg_restore` of `backup` into `target`, in one transaction: all of it or nothing."""
    args = ["--no-owner", "--no-password", "--single-transaction", f"--dbname={target.database}"]
    if clean:
        args += ["--clean", "--if-exists"]
    await run_tool("pg_restore", [*args, str(backup)], target)


async def other_sessions(target: PgTarget) -> int:
    """Client sessions on `target` besides this one: the bot's pool while it runs."""
    connection = await _connect(target)
    try:
        return int(
            await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
        )
    finally:
        await connection.close()


async def create_scratch(target: PgTarget) -> PgTarget:
    """A new, empty database beside `target` on its server. Raises BackupError."""
    import asyncpg

    stem = re.sub(r"[^a-z0-9_]", "", target.database.lower())[:30] or "qungui"
    scratch = target.named(f"{stem}_restore_{secrets.token_hex(4)}")
    connection = await _connect(target)
    try:
        await connection.execute(f"CREATE DATABASE {quoted(scratch.database)}")
    except asyncpg.PostgresError as exc:
        raise BackupError(texts.scratch_refused(target.where, str(exc))) from None
    finally:
        await connection.close()
    return scratch


async def drop_scratch(target: PgTarget, scratch: PgTarget) -> None:
    import asyncpg

    connection = await _connect(target)
    try:
        try:
            await connection.execute(f"DROP DATABASE IF EXISTS {quoted(scratch.database)} (FORCE)")
        except asyncpg.PostgresSyntaxError:  # before PostgreSQL 13
            await connection.execute(f"DROP DATABASE IF EXISTS {quoted(scratch.database)}")
    finally:
        await connection.close()


class PgStage:
    """A restore on PostgreSQL: the backup goes to a scratch database first, and only a verified
    scratch copy goes into the target, the target dumped aside before."""

    def __init__(self, db_url: str, data_dir: Path) -> None:
        self.db_url = db_url
        self.target = PgTarget.from_url(db_url)
        self.data_dir = data_dir
        self.scratch: PgTarget | None = None
        self.where = self.target.where

    async def refuse_if_in_use(self) -> None:
        sessions = await other_sessions(self.target)
        if sessions:
            raise BackupError(texts.pg_in_use(self.where, sessions))

    async def prepare(self, backup: Path) -> str:
        check_dump(backup)
        self.scratch = await create_scratch(self.target)
        try:
            await restore_into(self.scratch, backup, clean=False)
        except BackupError as exc:
            raise BackupError(texts.unreadable(backup, str(exc))) from None
        return url_named(self.db_url, self.scratch.database)

    async def commit(self) -> Path | None:
        """The target dumped aside, then the (migrated, verified) scratch copy restored into it."""
        assert self.scratch is not None
        kept = self.data_dir / f"{self.target.database}.before-restore.dump"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        await pg_dump(self.target, kept)
        verified = beside(kept, "restore")
        try:
            await pg_dump(self.scratch, verified)
            await restore_into(self.target, verified, clean=True)
        finally:
            verified.unlink(missing_ok=True)
        return kept

    async def discard(self) -> None:
        if self.scratch is not None:
            await drop_scratch(self.target, self.scratch)
            self.scratch = None
