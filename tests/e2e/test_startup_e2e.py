"""Start-up: a bad setting or organisation file stops the bot in one line naming it (exit 2);
a missing organisation file is loud; an open OneBot port is refused unless a test allows it.
"""

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core.startup import EXAMPLE_TOKEN
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


def _bot(process: BotProcess, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """bot.py run once, unmigrated: a bad setting stops it before the database is opened."""
    return subprocess.run(
        [sys.executable, str(ROOT / "bot.py")],
        cwd=cwd or process.data_dir,
        env=process.env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _one_line(done: subprocess.CompletedProcess[str], *names: str) -> str:
    """The refusal is the whole output: one line, naming each of `names`, no traceback."""
    assert done.returncode == 2, done.stdout + done.stderr
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert len(lines) == 1, lines
    for name in names:
        assert name in lines[0]
    return lines[0]


BAD_SETTINGS = [
    ({"PORT": "abc"}, "設定 PORT 有誤"),
    ({"SUPERUSERS": "not json"}, "設定 SUPERUSERS 有誤：應寫成 JSON"),
    ({"QUNGUI_DB_URL": "mysql://root:hunter2@db/qungui"}, "設定 QUNGUI_DB_URL 有誤"),
    ({"LOG_LEVEL": "loud"}, "設定 LOG_LEVEL 有誤"),
    ({"ONEBOT_WS_URLS": '["nope"]'}, "設定 ONEBOT_WS_URLS 有誤"),
]


@pytest.mark.parametrize(("settings", "named"), BAD_SETTINGS)
def test_a_bad_setting_is_one_line_naming_it(
    tmp_path: Path, settings: dict[str, str], named: str
) -> None:
    line = _one_line(_bot(BotProcess(tmp_path, **settings)), named)
    assert "hunter2" not in line


@pytest.mark.parametrize(("settings", "named"), BAD_SETTINGS[:3])
def test_the_command_line_refuses_the_same_settings_in_one_line(
    tmp_path: Path, settings: dict[str, str], named: str
) -> None:
    done = BotProcess(tmp_path, **settings).manage("migrate")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert named in done.stderr
    assert "hunter2" not in done.stderr


def test_settings_in_the_env_file_are_read_as_nonebot_reads_them(tmp_path: Path) -> None:
    process = BotProcess(tmp_path)
    del process.env["PORT"], process.env["SUPERUSERS"]
    (tmp_path / ".env").write_text('PORT=8080\nSUPERUSERS=["1"]\n', "utf-8")
    (tmp_path / ".env.prod").write_text("PORT=abc\n", "utf-8")  # ENVIRONMENT=prod: read last
    _one_line(_bot(process), "設定 PORT 有誤", "'abc'")
    (tmp_path / ".env.prod").write_text("", "utf-8")
    (tmp_path / ".env").write_text("PORT=8080\nSUPERUSERS=[1, 2\n", "utf-8")
    _one_line(_bot(process), "設定 SUPERUSERS 有誤")


@pytest.mark.parametrize(("token", "problem"), [("", "未填"), (EXAMPLE_TOKEN, "示例值")])
def test_an_open_or_example_token_is_refused(tmp_path: Path, token: str, problem: str) -> None:
    process = BotProcess(tmp_path, ONEBOT_ACCESS_TOKEN=token)
    _one_line(_bot(process), "設定 ONEBOT_ACCESS_TOKEN", problem, "QUNGUI_ALLOW_OPEN_TOKEN")
    del process.env["ONEBOT_ACCESS_TOKEN"]  # not set at all
    _one_line(_bot(process), "設定 ONEBOT_ACCESS_TOKEN 未填")


def test_a_test_may_allow_an_open_token_and_the_log_says_so(tmp_path: Path) -> None:
    process = BotProcess(tmp_path, ONEBOT_ACCESS_TOKEN="", QUNGUI_ALLOW_OPEN_TOKEN="true")
    process.start()
    process.stop()
    warned = [line for line in process.log.read_text("utf-8").splitlines() if "未填" in line]
    assert len(warned) == 1
    assert "[WARNING]" in warned[0]
    assert "只可用於測試" in warned[0]


RULEBOOK = ROOT / "rulebooks" / "default.toml"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        pytest.param(
            'duties = ["handover"]', 'duties = ["handoff"]', "article[5].duties", id="unknown-duty"
        ),
        pytest.param(
            'duties = ["realname", "clearance", "privacy"]',
            'duties = ["privacy"]',
            "duty.clearance",
            id="duty-bound-to-no-article",
        ),
        pytest.param(
            '"illegal/rumor.txt"',
            '"illegal/rumour.txt"',
            "category[rumor].lexicon",
            id="no-lexicon",
        ),
        pytest.param(
            '"禁言 1天", "移出"',
            '"禁言 30天", "移出"',
            "ladder.harmful.steps[2]",
            id="mute-too-long",
        ),
    ],
)
def test_a_bad_rulebook_stops_the_bot_naming_the_key(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    text = RULEBOOK.read_text("utf-8")
    assert old in text
    bad = tmp_path / "rulebook.toml"
    bad.write_text(text.replace(old, new, 1), "utf-8")
    done = _run_bot(BotProcess(tmp_path, QUNGUI_RULEBOOK_FILE=str(bad)))
    assert done.returncode == 2
    errors = [line for line in (done.stdout + done.stderr).splitlines() if "群規檔" in line]
    assert len(errors) == 1
    assert f"{bad} 有誤：{key}：" in errors[0]
    assert "Traceback" not in done.stdout + done.stderr


def test_rulebook_check_prints_what_the_bot_would_do_or_the_fault(tmp_path: Path) -> None:
    process = BotProcess(tmp_path)
    good = process.manage("rulebook", "check", str(RULEBOOK))
    assert good.returncode == 0, good.stderr
    assert "第十一條：保密：撤回帶涉密或內部標識的訊息與檔案" in good.stdout
    assert "可用" in good.stdout.splitlines()[-1]
    bad = tmp_path / "rulebook.toml"
    bad.write_text(RULEBOOK.read_text("utf-8").replace("number = 16", "number = 15"), "utf-8")
    refused = process.manage("rulebook", "check", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(f"群規檔 {bad} 有誤：article[15]：條號重複")
    assert "第十一條" not in refused.stdout  # nothing of what it would do, since it would not
