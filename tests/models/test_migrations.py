"""The committed migrations describe the models exactly: a model change needs its migration."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

CHECK = """
import asyncio
from tortoise.context import TortoiseContext
from tortoise.migrations.autodetector import MigrationAutodetector
from models.db import tortoise_config

async def main() -> None:
    config = tortoise_config("sqlite://:memory:")
    async with TortoiseContext() as ctx:
        await ctx.init(config=config)
        writers = await MigrationAutodetector(ctx.apps, config["apps"]).changes()
        print(" ".join(w.name for w in writers) or "none")

asyncio.run(main())
"""


def test_no_model_change_lacks_a_migration() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "none", f"run `tortoise makemigrations`: {out.stdout}"


def test_no_model_docstring_has_a_semicolon() -> None:
    """tortoise 1.1 splits its generated SQL on ';', and a table comment is a model's docstring."""
    import inspect

    from models.db import MODEL_MODULES

    for name in MODEL_MODULES:
        module = __import__(name, fromlist=["_"])
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and ";" in (cls.__doc__ or ""):
                raise AssertionError(f"{name}.{cls.__name__}: no ';' in a model docstring")
