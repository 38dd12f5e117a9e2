"""Finding and running `pg_dump` and `pg_restore`.

The tool is the newest found: on PATH, or in the version folders PostgreSQL packages install
(`/usr/lib/postgresql/*/bin` and the like), since `pg_dump` refuses a server newer than itself.
It gets the database's parts in its environment (`PgTarget.env`), never on its command line.
"""

import asyncio
import functools
import glob
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from models import backup_texts as texts
from models.backup import BackupError

if TYPE_CHECKING:
    from models.backup_pg import PgTarget

TOOL_DIRS = (
    "/usr/lib/postgresql/*/bin",
    "/usr/pgsql-*/bin",
    "/usr/local/pgsql/bin",
    "/opt/homebrew/opt/postgresql*/bin",
    "/usr/local/opt/postgresql*/bin",
)


def version_of(text: str) -> tuple[int, ...]:
    """`pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)` → (16, 4)."""
    found = re.search(r"(\d+)(?:\.(\d+))?", text)
    return tuple(int(n) for n in found.groups() if n is not None) if found else ()


def candidates(name: str, which: Callable[[str], str | None], dirs: Iterable[str]) -> list[Path]:
    on_path = which(name)
    found = [Path(on_path)] if on_path else []
    for pattern in dirs:
        found += [Path(d) / name for d in glob.glob(pattern) if (Path(d) / name).is_file()]
    return list(dict.fromkeys(found))


def newest(name: str, which: Callable[[str], str | None], dirs: Iterable[str]) -> Path | None:
    """The candidate that says the highest version when asked (`--version`)."""
    found: tuple[tuple[int, ...], Path] | None = None
    for path in candidates(name, which, dirs):
        try:
            said = subprocess.run(
                [str(path), "--version"], capture_output=True, text=True, timeout=10, check=True
            )
        except (OSError, subprocess.SubprocessError):
            continue
        version = version_of(said.stdout)
        if found is None or version > found[0]:
            found = (version, path)
    return found[1] if found else None


@functools.cache
def tool(name: str) -> Path:
    """The newest `pg_dump` (or `pg_restore`) of this machine. Raises BackupError."""
    found = newest(name, shutil.which, TOOL_DIRS)
    if found is None:
        raise BackupError(texts.tool_missing(name))
    return found


def first_error(stderr: bytes) -> str:
    """The line of a tool's complaint worth showing: its first error, or its last line."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if "error" in line.lower() or "fatal" in line.lower()]
    return ((errors or lines or ["?"])[0])[:300]


async def run_tool(name: str, args: list[str], target: "PgTarget") -> None:
    """Run `name` on `target`; raises BackupError with its first error when it fails."""
    process = await asyncio.create_subprocess_exec(
        str(tool(name)),
        *args,
        env=target.env(os.environ),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await process.communicate()
    if process.returncode != 0:
        raise BackupError(texts.tool_failed(name, first_error(stderr)))
