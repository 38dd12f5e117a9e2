"""A throw-away PostgreSQL database per test, on the server QUNGUI_TEST_PG_URL names (`.ci/run`
starts one: see .ci/postgres.sh); the tests that need one skip without it."""

import os
import subprocess
import uuid
from collections.abc import Iterator

import pytest

SERVER = os.environ.get("QUNGUI_TEST_PG_URL", "")


def psql(url: str, sql: str, timeout: float = 30) -> list[list[str]]:
    out = subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    )
    return [line.split("\t") for line in out.stdout.splitlines() if line]


@pytest.fixture
def pg_url() -> Iterator[str]:
    if not SERVER:
        pytest.skip("QUNGUI_TEST_PG_URL is not set (.ci/run sets it)")
    name = f"qungui_{uuid.uuid4().hex[:12]}"
    psql(SERVER, f"CREATE DATABASE {name}")
    yield SERVER.rsplit("/", 1)[0] + f"/{name}"
    psql(SERVER, f"DROP DATABASE {name} WITH (FORCE)")
