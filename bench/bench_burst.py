"""A burst through a real socket: 20,000 group messages as fast as the socket takes them.

Run from the project root: `.venv/bin/python -m bench.bench_burst [--messages N] [--json]`.

Method. A fresh data dir is migrated, four filed groups of XX社區 are written straight into the
SQLite file (as bench_memory.py does) and `bot.py` starts on it with every duty on and the pacing
set high (QUNGUI_SEND_PER_SECOND and QUNGUI_MANAGE_PER_SECOND = 100000: the bot is measured, not
QQ's limits). The test peer connects and sends N NapCat-shaped group messages across the four
groups with no window at all: each is written as soon as the socket takes it, so the only brake
is TCP back-pressure from the bot. One message in 1,000 carries a confidential marker (機密★1年),
each from an account of its own. When the last one is written (the burst's end), `/群規` is sent
and the time until the bot answers it is taken. Then the peer waits for the bot to fall idle.

Figures: the bot's peak RSS (VmHWM, /proc/<pid>/status; our target < 300 MB), the time from the
burst's end to the answer to `/群規` (< 10 s), whether every marked message got exactly one
`delete_msg` (counted per message id; no other message any), and the measure records left
`pending` while the bot still runs (= 0). The whole run is bounded (RUN_LIMIT_S); the bot is
stopped and its data dir removed whatever happens.
"""

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.figures import Figure, emit, figure
from bench.live import (
    FAST_PACING,
    chat_line,
    memory_mb,
    new_peer,
    register_groups,
    staff,
    until_idle,
    until_quiet,
)
from tests.e2e.process import BotProcess
from tests.peer import Call, Peer, PeerMember, message_text

FIRST_GROUP = 810_000
GROUPS = 4
MEMBERS = 50  # ordinary senders per group
VIOLATOR = 75_000  # the k-th marked message comes from VIOLATOR + k
EVERY = 1000  # one message in EVERY is marked
MARKED = "請查收會議材料（機密★1年），閱後請刪除"
QUIET_S = 60.0  # the bot called nothing for this long: a marked message was never recalled
ANSWER_LIMIT_S = 300.0  # `/群規` unanswered this long after the burst: recorded as not answered
RUN_LIMIT_S = 1200.0  # the whole run, start to stop
RULES_MARK = "【群規】"  # how the answer to /群規 begins (plugins/registry/texts.py)
RSS_TARGET_MB = 300.0
ANSWER_TARGET_S = 10.0


@dataclass
class Burst:
    messages: int
    send_s: float  # writing the burst
    answer_s: float  # burst's end → `/群規` answered (nan: not within ANSWER_LIMIT_S)
    idle_s: float  # burst's end → the bot's CPU idle
    peak_mb: float
    marked: int
    recalled_once: int
    recalled_twice_or_more: int
    recalled_other: int
    pending: int
    statuses: dict[str, int]
    connected: bool  # the peer's socket was still open at the end
    calls: dict[str, int] = field(default_factory=dict)  # the bot's calls, by action
    inbox: str = ""  # the bot's line on its inbox, logged when the connection closed

    @property
    def whole(self) -> bool:
        return (
            self.recalled_once == self.marked
            and self.recalled_other == 0
            and self.pending == 0
            and self.connected
        )


class Recalls:
    """How many delete_msg calls reached the peer for each message id."""

    def __init__(self, peer: Peer) -> None:
        self.times: Counter[int] = Counter()
        peer.answers["delete_msg"] = self._answer

    def _answer(self, params: dict[str, Any]) -> None:
        self.times[int(params["message_id"])] += 1


def rules_answer(group_id: int) -> Callable[[Call], bool]:
    """The bot's answer to `/群規` in the group (not a recall notice it sends there)."""

    def check(call: Call) -> bool:
        text = message_text(call.params.get("message", []))
        return int(call.params.get("group_id", 0)) == group_id and RULES_MARK in text

    return check


async def answered(peer: Peer, group_id: int, after: int, within: float) -> bool:
    try:
        await peer.wait_for("send_group_msg", rules_answer(group_id), after=after, within=within)
    except TimeoutError:
        return False
    return True


def connected(peer: Peer) -> bool:
    return peer._ws is not None and peer._ws.close_code is None


async def burst(bot: BotProcess, messages: int) -> Burst:
    assert bot.proc is not None
    peer = new_peer(bot)
    for n in range(GROUPS):
        staff(FIRST_GROUP + n, f"工作群{n}", peer, MEMBERS)
    for k in range(messages // EVERY + 1):
        members = peer.groups[FIRST_GROUP + k % GROUPS].members
        members[VIOLATOR + k] = PeerMember(VIOLATOR + k, f"新人{k}")
    recalls = Recalls(peer)
    rng = random.Random(20260314)
    marked: list[int] = []
    try:
        await peer.connect()
        await asyncio.sleep(2)  # the bot's own calls on connect (catch-up) are over
        started = time.perf_counter()
        for n in range(messages):
            group = FIRST_GROUP + n % GROUPS
            if n % EVERY == EVERY // 2:
                k = len(marked)
                marked.append(
                    await peer.group_message(FIRST_GROUP + k % GROUPS, VIOLATOR + k, MARKED)
                )
            else:
                await peer.group_message(group, 60_000 + rng.randrange(MEMBERS), chat_line(rng))
            if n % 50 == 0:
                await asyncio.sleep(0)  # let the peer answer the bot's calls as they come
        ended = time.perf_counter()
        mark = len(peer.calls)
        await peer.group_message(FIRST_GROUP, 60_000, "/群規")
        ok = await answered(peer, FIRST_GROUP, mark, ANSWER_LIMIT_S)
        answer_s = time.perf_counter() - ended if ok else float("nan")
        await until_quiet(peer, lambda: all(recalls.times[m] for m in marked), QUIET_S)
        last_busy = await until_idle(bot.proc.pid, quiet=2.0, within=ANSWER_LIMIT_S)
        await asyncio.sleep(1)  # a recall answered just now is sealed
        peak = memory_mb(bot.proc.pid)["VmHWM"]
        pending = bot.query("SELECT count(*) FROM measure_record WHERE status = 'pending'")[0][0]
        rows = bot.query("SELECT status, count(*) FROM measure_record GROUP BY status")
        still = connected(peer)
        calls = Counter(c.action for c in peer.calls)
    finally:
        await peer.close()
    times = recalls.times
    return Burst(
        messages=messages,
        send_s=ended - started,
        answer_s=answer_s,
        idle_s=last_busy - ended,
        peak_mb=peak,
        marked=len(marked),
        recalled_once=sum(1 for m in marked if times[m] == 1),
        recalled_twice_or_more=sum(1 for m in marked if times[m] > 1),
        recalled_other=sum(n for m, n in times.items() if m not in marked),
        pending=pending,
        statuses={str(s): int(c) for s, c in rows},
        connected=still,
        calls=dict(calls.most_common()),
    )


def run(messages: int, settings: dict[str, str]) -> Burst:
    with tempfile.TemporaryDirectory(prefix="qungui-bench-burst-") as folder:
        bot = BotProcess(Path(folder), **{**FAST_PACING, **settings})
        migrated = bot.manage("migrate")
        assert migrated.returncode == 0, migrated.stderr
        register_groups(bot.db_file, FIRST_GROUP, GROUPS)
        bot.start()
        try:
            result = asyncio.run(asyncio.wait_for(burst(bot, messages), RUN_LIMIT_S))
        finally:
            bot.stop()
        lines = bot.log.read_text("utf-8", "replace").splitlines()
        result.inbox = next((line for line in lines if "inbox closed" in line), "")
        return result


def figures(b: Burst) -> list[Figure]:
    once = b.recalled_once - b.recalled_other
    return [
        figure(
            f"burst {b.messages:,} msgs: bot peak RSS",
            b.peak_mb,
            "MB",
            f"< {RSS_TARGET_MB:.0f}",
            b.peak_mb < RSS_TARGET_MB,
        ),
        figure(
            "burst: end → /群規 answered",
            b.answer_s,
            "s",
            f"< {ANSWER_TARGET_S:.0f}",
            b.answer_s < ANSWER_TARGET_S,  # nan (never answered) compares False
        ),
        figure(
            "burst: marked msgs recalled once",
            once,
            "msgs",
            f"= {b.marked}",
            once == b.marked and b.recalled_twice_or_more == 0,
        ),
        figure("burst: records left pending", b.pending, "records", "= 0", b.pending == 0),
        figure("burst: written into the socket at", b.messages / b.send_s, "msgs/s"),
    ]


def main(args: argparse.Namespace) -> Burst:
    settings = dict(pair.split("=", 1) for pair in args.set)
    b = run(args.messages, settings)
    answer = "never" if b.answer_s != b.answer_s else f"{b.answer_s:.1f} s"
    print(
        f"{b.messages:,} messages over {GROUPS} groups written in {b.send_s:.1f} s "
        f"({b.messages / b.send_s:,.0f} msgs/s as the socket took them); "
        f"{b.marked} marked (1 in {EVERY:,})"
    )
    print(f"burst's end → /群規 answered: {answer} (target < {ANSWER_TARGET_S:.0f} s)")
    print(f"burst's end → bot idle: {b.idle_s:.1f} s")
    print(f"bot peak RSS (VmHWM): {b.peak_mb:.0f} MB (target < {RSS_TARGET_MB:.0f} MB)")
    print(
        f"marked messages recalled exactly once: {b.recalled_once} of {b.marked}; "
        f"more than once: {b.recalled_twice_or_more}; other messages recalled: {b.recalled_other}"
    )
    print(f"measure records by status: {b.statuses}; left pending: {b.pending}")
    print(f"socket still open at the end: {'yes' if b.connected else 'NO'}")
    print(f"the bot's calls: {b.calls}")
    if b.inbox:
        print(f"the bot's inbox: {b.inbox.split('| ', 1)[-1]}")
    if args.json:
        emit(figures(b))
    return b


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument(
        "--set", action="append", default=[], help="a bot setting, KEY=VALUE (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="add the figures for python -m bench")
    sys.exit(0 if main(parser.parse_args()).whole else 1)
