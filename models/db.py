"""Database start-up, shut-down and migrations, for the bot, `manage.py` and the tests."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.context import TortoiseContext
from tortoise.exceptions import DBConnectionError, OperationalError

# What the database (or the disk under it) raises when it cannot take a read or a write.
STORAGE_ERRORS = (OperationalError, DBConnectionError, OSError, ConnectionError)

MODEL_MODULES = [
    "models.registry",
    "models.measures",
    "models.realname",
    "models.handover",
    "models.clearance",
    "models.cluster",
    "models.broadcast",
    "models.members",
    "models.ids",
    "models.rulebooks",
]


def connection_url(db_url: str) -> str:
    """The URL as tortoise reads it: PostgreSQL through asyncpg."""
    return db_url.replace("postgres://", "asyncpg://", 1).replace("postgresql://", "asyncpg://", 1)


def tortoise_config(db_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": connection_url(db_url)},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "migrations": "models.migrations",
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


# What the `tortoise` command line reads (`[tool.tortoise]` in pyproject.toml) to make migrations.
TORTOISE_ORM = tortoise_config("sqlite://data/qungui.sqlite3")


def ensure_sqlite_folder(db_url: str) -> None:
    """SQLite creates its file but not the folder it lives in (a fresh data dir)."""
    if db_url.startswith("sqlite://") and ":memory:" not in db_url:
        Path(db_url.removeprefix("sqlite://").split("?", 1)[0]).parent.mkdir(
            parents=True, exist_ok=True
        )


async def migrate(db_url: str) -> None:
    """Apply every committed migration that the database has not seen yet (in a context of its
    own: a database the process has open stays open)."""
    ensure_sqlite_folder(db_url)
    from tortoise.migrations.api.migrate import migrate as run_migrations

    with TortoiseContext() as context:
        try:
            await run_migrations(config=tortoise_config(db_url))
        finally:
            await context.close_connections()


class UnmigratedDatabase(RuntimeError):
    """The database lacks committed migrations: `python manage.py migrate` applies them."""


async def _refuse_unmigrated(config: dict[str, Any]) -> None:
    from tortoise.connection import get_connection
    from tortoise.migrations.executor import MigrationExecutor

    plan = await MigrationExecutor(get_connection("default"), config["apps"]).plan()
    missing = [str(step.migration.name) for step in plan if not step.backward]
    if missing:
        raise UnmigratedDatabase(
            f"the database is missing migrations {missing}: run `python manage.py migrate`"
        )


async def open_db(db_url: str) -> None:
    """Connect, and refuse a database that is behind the committed migrations."""
    ensure_sqlite_folder(db_url)
    config = tortoise_config(db_url)
    # tortoise 1.x keeps connections per task; the global fallback lets every handler see them.
    await Tortoise.init(config=config, _enable_global_fallback=True)
    try:
        await _refuse_unmigrated(config)
    except UnmigratedDatabase:
        await Tortoise.close_connections()
        raise


@asynccontextmanager
async def connected(db_url: str) -> AsyncIterator[None]:
    """The database open for the block, in a tortoise context of its own: a database the process
    already has open (the bot's, a test's) is neither used nor closed. Refuses, as `open_db`
    does, a database behind the committed migrations."""
    ensure_sqlite_folder(db_url)
    config = tortoise_config(db_url)
    with TortoiseContext() as context:
        try:
            await context.init(config=config)
            await _refuse_unmigrated(config)
            yield
        finally:
            await context.close_connections()


async def close_db() -> None:
    await Tortoise.close_connections()
