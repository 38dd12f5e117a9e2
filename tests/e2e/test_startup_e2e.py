"""Start-up: a bad organisation file stops the bot with the key named; a missing one is loud."""

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.process import ROOT, BotProcess

pytestmark = pytest.mark.e2e


def _run_bot(process: BotProcess) -> subprocess.CompletedProcess[str]:
    assert process.manage("migrate").returncode == 0
    return subprocess.run(
        [sys.executable, str(ROOT / "bot.py")],
        cwd=process.data_dir,
        env=process.env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_bad_org_file_stops_the_bot_naming_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "org.toml"
    good = (ROOT / "org.example.toml").read_text("utf-8")
    bad.write_text(good.replace('kind = "村"', 'kind = "火星"'), "utf-8")
    done = _run_bot(BotProcess(tmp_path, QUNGUI_ORG_FILE=str(bad)))
    assert done.returncode == 2
    assert "units[2].kind" in done.stdout + done.stderr


def test_a_bad_setting_stops_the_bot_and_the_command_line_naming_it(tmp_path: Path) -> None:
    process = BotProcess(tmp_path, QUNGUI_SCRIPT="klingon")
    migrated = process.manage("migrate")
    assert migrated.returncode == 2
    assert "QUNGUI_SCRIPT" in migrated.stderr
    assert "Traceback" not in migrated.stderr
    done = subprocess.run(
        [sys.executable, str(ROOT / "bot.py")],
        cwd=tmp_path,
        env=process.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "設定 QUNGUI_SCRIPT 有誤" in done.stdout + done.stderr


def test_a_missing_org_file_starts_on_the_example_and_says_so(tmp_path: Path) -> None:
    process = BotProcess(tmp_path, QUNGUI_ORG_FILE=str(tmp_path / "missing.toml"))
    process.start()
    process.stop()
    log = process.log.read_text("utf-8")
    assert log.count("org.example.toml") == 1
    assert "missing.toml" in log


def test_an_unmigrated_database_is_refused(tmp_path: Path) -> None:
    process = BotProcess(tmp_path)
    done = subprocess.run(
        [sys.executable, str(ROOT / "bot.py")],
        cwd=tmp_path,
        env=process.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "manage.py migrate" in done.stdout + done.stderr


def test_migrate_and_start_create_a_fresh_data_dir(tmp_path: Path) -> None:
    """`make run` on a new machine: the data dir does not exist yet."""
    fresh = tmp_path / "new" / "data"
    process = BotProcess(tmp_path, QUNGUI_DATA_DIR=str(fresh))
    process.data_dir = tmp_path  # where the log goes; the database goes under `fresh`
    process.start()
    process.stop()
    assert (fresh / "qungui.sqlite3").is_file()
    key = fresh / "audit.key"
    assert (key.stat().st_size, stat.S_IMODE(key.stat().st_mode)) == (32, 0o600)
    first = (fresh / "audit-anchor.log").read_text("utf-8").splitlines()
    assert len(first) == 1
    assert " seq=1 start count=0 head=0 " in first[0]


def test_a_lost_or_bad_audit_key_stops_the_bot_naming_the_setting(tmp_path: Path) -> None:
    process = BotProcess(tmp_path)
    process.start()  # the first start makes the key and anchors the (empty) chain
    process.stop()
    key = tmp_path / "audit.key"
    kept = key.read_bytes()
    key.unlink()
    lost = _run_bot(process)
    assert lost.returncode == 2
    assert "QUNGUI_AUDIT_KEY_FILE" in lost.stdout + lost.stderr
    assert "請從備份還原金鑰" in lost.stdout + lost.stderr
    assert "Traceback" not in lost.stdout + lost.stderr
    assert not key.exists()  # never replaced by a new one

    key.write_bytes(kept[:5])
    key.chmod(0o600)
    short = _run_bot(process)
    assert short.returncode == 2
    assert "應為 32 位元組，實為 5 位元組" in short.stdout + short.stderr

    key.write_bytes(kept)
    process.start()  # the backup put back: the bot starts again
    process.stop()
    assert process.manage("audit", "verify").returncode == 0
