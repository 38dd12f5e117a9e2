"""A crash between a record's pending and done, and the audit trail (Art. 8, 10 records)."""

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import accounts
from tests.e2e.process import ROOT, BotProcess, new_peer
from tests.peer import Peer, at, text

pytestmark = pytest.mark.e2e


async def _file_group(peer: Peer) -> None:
    start = len(peer.calls)
    await peer.group_message(accounts.GROUP, accounts.ADMIN, "/備案 內部 XX社區")
    await peer.wait_for("send_group_msg", after=start)


async def test_kill_between_pending_and_done_leaves_an_unconfirmed_record(
    peer: Peer, bot_process: BotProcess
) -> None:
    await _file_group(peer)
    peer.held.add("set_group_ban")  # the platform never answers: the bot is mid-measure
    start = len(peer.calls)
    await peer.group_message(
        accounts.GROUP, accounts.ADMIN, [*text("/禁言 "), at(accounts.MEMBER), *text(" 2h 刷屏")]
    )
    await peer.wait_for("set_group_ban", after=start)
    assert bot_process.query("SELECT action, status FROM measure_record") == [("mute", "pending")]

    bot_process.kill()
    await peer.close()
    bot_process.start()
    again = new_peer(bot_process.url, peer.token)
    await again.connect()
    await again.close()

    rows = bot_process.query(
        "SELECT id, action, target, status, platform_answer FROM measure_record"
    )
    assert len(rows) == 1
    _record_id, action, target, status, answer = rows[0]
    assert (action, target, status) == ("mute", accounts.MEMBER, "unconfirmed")
    assert answer
    verified = bot_process.manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "1 records" in verified.stdout


async def _four_warnings(peer: Peer, bot_process: BotProcess) -> None:
    await _file_group(peer)
    for reason in ("一", "二", "三", "四"):
        start = len(peer.calls)
        await peer.group_message(
            accounts.GROUP,
            accounts.ADMIN,
            [*text("/警告 "), at(accounts.MEMBER), *text(f" {reason}")],
        )
        await peer.wait_for("send_group_msg", after=start)
    await asyncio.sleep(0.2)
    assert bot_process.query("SELECT count(*) FROM measure_record WHERE status='done'") == [(4,)]
    bot_process.stop()


def _verify(bot: BotProcess, *args: str) -> subprocess.CompletedProcess[str]:
    """`manage.py audit verify`, whose verdict is one line (beside NoneBot's own log lines)."""
    done = bot.manage("audit", "verify", *args)
    verdicts = [line for line in done.stdout.splitlines() if line.startswith("audit ")]
    assert len(verdicts) == (1 if done.returncode != 2 else 0), done.stdout
    return done


def _rechain(bot: BotProcess, scheme: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "tests.e2e.tamper", f"sqlite://{bot.db_file}", str(scheme)],
        cwd=ROOT,
        env=bot.env,
        check=True,
        timeout=60,
    )


# Each kind of tampering, done to a copy of the same four sealed records and their anchor log.
TAMPERING: list[tuple[str, str]] = [
    ("UPDATE measure_record SET reason = '改過' WHERE id = 3", "record 3 was altered"),
    ("UPDATE measure_record SET status = 'failed' WHERE id = 2", "record 2 was altered"),
    ("DELETE FROM measure_record WHERE id = 2", "record 2 was removed"),
    ("DELETE FROM measure_record WHERE id >= 3", "record 3 was removed (shown by anchor line"),
    ("DELETE FROM measure_record", "record 1 was removed (shown by anchor line"),
    (
        "UPDATE measure_record SET status = 'pending', platform_answer = '', finished_at = NULL,"
        " outcome_digest = '' WHERE id = 4",
        "record 4 was set back to pending after it was sealed",
    ),
    ("DELETE FROM audit_anchor WHERE seq >= 3", "the anchor table in the database was cut"),
    ("UPDATE audit_anchor SET line = replace(line, 'count=1', 'count=9')", "line 2 of the anchor"),
]


async def test_audit_verify_names_each_kind_of_tampering(
    peer: Peer, bot_process: BotProcess, tmp_path: Path
) -> None:
    await _four_warnings(peer, bot_process)
    intact = _verify(bot_process)
    assert intact.returncode == 0, intact.stdout + intact.stderr
    head = bot_process.query("SELECT digest FROM measure_record WHERE id = 4")[0][0]
    assert f"4 records, head #4 {head[:12]}" in intact.stdout
    assert "審計通過" in intact.stdout
    bot_process.query("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole database in its one file
    cases = iter(range(100))

    def copy() -> BotProcess:
        """A fresh copy of the data dir (database, key, anchor file) to tamper with."""
        where = tmp_path / f"case-{next(cases)}"
        where.mkdir()
        for name in ("qungui.sqlite3", "audit.key", "audit-anchor.log"):
            shutil.copy2(bot_process.data_dir / name, where / name)
        return BotProcess(where)

    for sql, named in TAMPERING:
        tampered = copy()
        tampered.query(sql)
        found = _verify(tampered)
        assert (found.returncode, named in found.stdout) == (1, True), (sql, found.stdout)

    # The whole chain recomputed from scratch with plain SHA-256, i.e. without the key.
    for scheme, named in (
        (2, "record 1 was altered"),
        (1, "record 1 is not sealed with the audit key"),
    ):
        tampered = copy()
        _rechain(tampered, scheme)
        found = _verify(tampered)
        assert (found.returncode, named in found.stdout) == (1, True), (scheme, found.stdout)

    # The anchor file cut short, or a line of it edited.
    lines = (bot_process.data_dir / "audit-anchor.log").read_text("utf-8").splitlines(True)
    for changed, named in (
        (lines[:-2], "the anchor file was cut: it ends before line 4"),
        (
            [lines[0], lines[1].replace("count=1", "count=2"), *lines[2:]],
            "line 2 of the anchor file was altered",
        ),
    ):
        tampered = copy()
        (tampered.data_dir / "audit-anchor.log").write_text("".join(changed), "utf-8")
        found = _verify(tampered)
        assert (found.returncode, named in found.stdout) == (1, True), found.stdout

    # The department's daily line (head and a digest prefix) checked; a wrong one named.
    assert _verify(bot_process, "--anchor", f"4:{head[:12]}").returncode == 0
    wrong = _verify(bot_process, "--anchor", "4:0123456789ab")
    assert (wrong.returncode, "record 4 does not match its anchor" in wrong.stdout) == (1, True)
    assert _verify(bot_process, "--anchor", "four").returncode == 2

    # Without the key nothing can be verified: said in one line, exit 2.
    (bot_process.data_dir / "audit.key").unlink()
    keyless = _verify(bot_process)
    assert keyless.returncode == 2
    assert "QUNGUI_AUDIT_KEY_FILE" in keyless.stderr
    assert "Traceback" not in keyless.stderr
