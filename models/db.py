"""Database start-up, shut-down and migrations, for the bot, `manage.py` and the tests."""

from typing import Any

from tortoise import Tortoise

MODEL_MODULES = ["models.registry", "models.measures"]


def tortoise_config(db_url: str) -> dict[str, Any]:
    url = db_url.replace("postgres://", "asyncpg://", 1).replace("postgresql://", "asyncpg://", 1)
    return {
        "connections": {"default": url},
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


async def migrate(db_url: str) -> None:
    """Apply every committed migration that the database has not seen yet."""
    from tortoise.migrations.api.migrate import migrate as run_migrations

    await run_migrations(config=tortoise_config(db_url))
    await Tortoise.close_connections()


async def open_db(db_url: str) -> None:
    # tortoise 1.x keeps connections per task; the global fallback lets every handler see them.
    await Tortoise.init(config=tortoise_config(db_url), _enable_global_fallback=True)


async def close_db() -> None:
    await Tortoise.close_connections()
