"""What the benchmarks on a real bot process share: start it, file groups, chat, read its memory.

The bot is `tests/e2e/process.py`'s BotProcess (`manage.py migrate`, then `bot.py` on a free port
with a fresh data dir) and the platform is `tests/peer.py`, over a real reverse WebSocket.
"""

import asyncio
import os
import random
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests import accounts
from tests.e2e.process import TOKEN, BotProcess
from tests.peer import Call, Peer, PeerMember

# Pacing so high that the account's limiter never waits: the runs measure the bot, not QQ's limits.
FAST_PACING = {"QUNGUI_SEND_PER_SECOND": "100000", "QUNGUI_MANAGE_PER_SECOND": "100000"}
# Everyday work-group phrases with no finding in them, joined at random into ~60-character lines.
PHRASES = (
    "各位同事", "明天上午九點", "在三樓會議室", "召開防汛工作部署會", "請準時參加", "收到",
    "請網格員於週五前", "報送走訪台賬", "辛苦了", "謝謝領導", "疫苗接種情況表", "已上傳群文件",
    "請查收", "低保複核材料", "交到民政窗口", "志願者報名", "垃圾分類宣傳", "安全生產檢查",
    "老舊小區改造", "做好居民解釋工作", "注意防暑降溫", "好的", "馬上辦", "會議紀要",
)  # fmt: skip
MARKED = "會議材料（機密★1年）請勿外傳"  # a confidential marker: recalled (Art. 11)
ID_NUMBER = "請幫我登記，身份證號 110101199003077571"  # a valid ID number: recalled (Art. 4)


def chat_line(rng: random.Random) -> str:
    return "，".join(rng.choice(PHRASES) for _ in range(6))[:60] + "。"


def start_bot(data_dir: Path, **settings: str) -> BotProcess:
    bot = BotProcess(data_dir, **{**FAST_PACING, **settings})
    bot.start()
    return bot


def new_peer(bot: BotProcess) -> Peer:
    peer = Peer(bot.url, accounts.SELF, TOKEN)
    peer.add_friend(*accounts.ORG_PEOPLE)  # as the README advises
    return peer


def staff(group_id: int, name: str, peer: Peer, members: int) -> None:
    """A group in the peer's model: its owner, an admin, the bot (an admin too: it may recall
    members' messages; a bot the peer does not list leaves every recall to a person) and
    `members` members with good cards."""
    people = [
        PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
        PeerMember(accounts.ADMIN, "管理", "XX社區-李四", role="admin"),
        PeerMember(accounts.SELF, "群規機器人", "群規機器人", role="admin"),
        *(PeerMember(60_000 + n, f"成員{n}", f"XX社區-成員{n}") for n in range(members)),
    ]
    peer.add_group(group_id, name, *people)


async def file_group(peer: Peer, group_id: int) -> None:
    """`/備案` by the owner; returns once the department has been told."""
    start = len(peer.calls)
    await peer.group_message(group_id, accounts.OWNER, "/備案 內部 XX社區 基準測試")
    await peer.wait_for(
        "send_private_msg", lambda c: int(c.params["user_id"]) == accounts.DEPARTMENT, after=start
    )


def timestamped(peer: Peer, action: str) -> list[tuple[float, Call]]:
    """Record when each call of `action` reaches the peer (perf_counter), answering it as usual."""
    seen: list[tuple[float, Call]] = []

    def answer(params: dict[str, Any]) -> None:
        seen.append((time.perf_counter(), Call(action, params)))

    peer.answers[action] = answer
    return seen


async def until_quiet(peer: Peer, check: Callable[[], bool], quiet: float = 30.0) -> bool:
    """Wait until `check()` holds (True), or the bot has called nothing for `quiet` s (False)."""
    seen, still_since = len(peer.calls), time.monotonic()
    while not check():
        if len(peer.calls) != seen:
            seen, still_since = len(peer.calls), time.monotonic()
        elif time.monotonic() - still_since > quiet:
            return False
        await asyncio.sleep(0.05)
    return True


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def until_idle(pid: int, quiet: float = 1.0, within: float = 600.0) -> float:
    """Wait until a process has used (almost) no CPU for `quiet` s; when it was last busy."""
    started = time.monotonic()
    last_busy, used = time.perf_counter(), cpu_seconds(pid)
    while time.perf_counter() - last_busy < quiet:
        if time.monotonic() - started > within:
            raise TimeoutError(f"process {pid} still busy after {within:.0f} s")
        await asyncio.sleep(0.1)
        now = cpu_seconds(pid)
        if now - used > 0.02:  # more than 20 ms of CPU in 100 ms: still working
            last_busy = time.perf_counter()
        used = now
    return last_busy


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (the peak) of a process, in MB, from /proc/<pid>/status."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def register_groups(db_file: Path, first: int, groups: int) -> None:
    """`groups` filed groups of XX社區 with their registered admin, as `/備案` leaves them."""
    now = datetime.now(UTC).isoformat(sep=" ")
    with sqlite3.connect(db_file) as db:
        db.execute("INSERT INTO unit (name, kind, active) VALUES ('XX社區', '社區', 1)")
        unit = db.execute("SELECT id FROM unit WHERE name = 'XX社區'").fetchone()[0]
        db.executemany(
            'INSERT INTO "group" (platform, group_id, name, type, purpose, status, status_reason, '
            "filed_by, filed_at, member_count, finished_reason, unit_id) "
            "VALUES ('qq', ?, ?, '內部', '基準測試', '已備案', '', ?, ?, 5, '', ?)",
            [(first + n, f"工作群{n}", accounts.OWNER, now, unit) for n in range(groups)],
        )
        db.execute(
            "INSERT INTO registered_admin (user_id, since, added_by, reason, group_id) "
            "SELECT ?, ?, ?, '備案', id FROM \"group\"",
            (accounts.OWNER, now, accounts.OWNER),
        )
