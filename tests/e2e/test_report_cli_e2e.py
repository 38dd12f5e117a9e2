"""`manage.py report export` as a subprocess, on SQLite and (where CI starts one) PostgreSQL:
the workbook of records written straight into the database.
"""

import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from tests import accounts
from tests.e2e.process import BotProcess

pytestmark = pytest.mark.e2e

PG_SERVER = os.environ.get("QUNGUI_TEST_PG_URL", "")
WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)


def psql(url: str, sql: str) -> None:
    subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[BotProcess, str]]:
    """A migrated database of either kind, and how to run SQL in it."""
    if request.param == "sqlite":
        process = BotProcess(tmp_path)
        assert process.manage("migrate").returncode == 0
        yield process, ""
        return
    if not PG_SERVER:
        pytest.skip("QUNGUI_TEST_PG_URL is not set (.ci/run sets it)")
    name = f"qungui_{uuid.uuid4().hex[:12]}"
    psql(PG_SERVER, f"CREATE DATABASE {name}")
    url = PG_SERVER.rsplit("/", 1)[0] + f"/{name}"
    process = BotProcess(tmp_path, QUNGUI_DB_URL=url)
    try:
        migrated = process.manage("migrate")
        assert migrated.returncode == 0, migrated.stderr
        yield process, url
    finally:
        psql(PG_SERVER, f"DROP DATABASE {name} WITH (FORCE)")


def record_sql(at: datetime, action: str, seconds: float, status: str) -> str:
    done = at + timedelta(seconds=seconds)
    return (
        "INSERT INTO measure_record (created_at, platform, group_id, unit, actor, target, action,"
        " article, category, reason, evidence, detail, prev_digest, digest, status,"
        " platform_answer, finished_at, outcome_digest) VALUES"
        f" ('{at}', 'qq', {accounts.GROUP}, 'XX社區', NULL, {accounts.MEMBER}, '{action}', 8,"
        f" 'rumor', '', '', '{{\"message_id\": 77}}', '{'0' * 64}', '{uuid.uuid4().hex * 2}',"
        f" '{status}', 'ok', '{done}', '')"
    )


def populate(process: BotProcess, url: str) -> None:
    statements = [
        "INSERT INTO unit (name, kind, active) VALUES ('XX社區', '社區', TRUE)",
        'INSERT INTO "group" (platform, group_id, name, unit_id, type, purpose, status,'
        " status_reason, filed_by, filed_at, member_count, finished_reason) VALUES"
        f" ('qq', {accounts.GROUP}, '測試群', 1, '內部', '', '已備案', '', {accounts.ADMIN},"
        f" '{WHEN - timedelta(days=10)}', 30, '')",
        "INSERT INTO registered_admin (group_id, user_id, since, added_by, reason) VALUES"
        f" (1, {accounts.ADMIN}, '{WHEN}', {accounts.ADMIN}, '')",
        record_sql(WHEN, "recall", 2, "done"),
        record_sql(WHEN + timedelta(seconds=2), "mute", 3, "failed"),
        record_sql(WHEN - timedelta(days=40), "recall", 1, "done"),  # before the period
    ]
    if url:
        psql(url, ";\n".join(statements))
    else:
        with sqlite3.connect(process.db_file) as db:
            for statement in statements:
                db.execute(statement)


def test_the_workbook_is_exported_from_the_records(database: tuple[BotProcess, str]) -> None:
    process, url = database
    populate(process, url)
    out = process.data_dir / "out" / "street.xlsx"
    done = process.manage("report", "export", str(out), "--days", "30")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"已匯出全街報告：1 個群，2 項措施 → {out}"
    book = load_workbook(out)
    assert book.sheetnames == ["總表", "處置記錄", "分類統計", "說明"]
    (row,) = book["總表"].iter_rows(min_row=2, values_only=True)
    assert row[:8] == (accounts.GROUP, "測試群", "XX社區", "內部", "已備案", "三級", "40001", 30)
    assert row[11:15] == (1, 2, 1, 5)  # findings, measures, unsettled, seconds to measure
    measures = list(book["處置記錄"].iter_rows(min_row=2, values_only=True))
    local = WHEN.astimezone(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None)
    assert [(r[1], r[4], r[10], r[11]) for r in measures] == [
        (local, "撤回", "已執行", 2),
        (local + timedelta(seconds=2), "禁言", "未執行", 3),
    ]
    notes = {r[0]: r[1] for r in book["說明"].iter_rows(min_row=2, values_only=True)}
    assert notes["報告"].startswith("測試街道 全街報告")


def test_a_bad_period_is_refused(tmp_path: Path) -> None:
    process = BotProcess(tmp_path)
    refused = process.manage("report", "export", str(tmp_path / "x.xlsx"), "--days", "abc")
    assert refused.returncode == 2
    assert "--days" in refused.stderr
