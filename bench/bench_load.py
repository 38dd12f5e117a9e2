"""Load through a real socket: 10,000 group messages, 1 % with findings, into a filed group.

Run from the project root:
`.venv/bin/python -m bench.bench_load [--messages N] [--window W] [--runs R] [--json]`.

Method. `bot.py` runs as a real process (tests/e2e/process.py: a fresh data dir, `manage.py
migrate`, a free port), with every duty on and the pacing set high (QUNGUI_SEND_PER_SECOND and
QUNGUI_MANAGE_PER_SECOND = 100000), so the run measures the bot and not the limits kept for QQ.
The test peer (tests/peer.py) files the group with `/備案`, then sends N NapCat-shaped group
messages as fast as the bot takes them; every 100th carries a finding, alternately a
confidential marker (機密★) and an ID number, each from a member of its own. "As fast as the bot
takes them": the peer runs at most W messages (100) ahead of the last violating message the bot
has recalled. The bot starts every event it receives at once and NoneBot holds about 1.7 MB for
each one in flight, so an unbounded flood of 10,000 would need gigabytes; a burst that size is
not what a street's groups send. Then `/群規`, answered, and 20 more violating messages, each sent
once the one before was recalled (unhurried).

Figures (the median of R runs, each on a fresh bot): messages a second (N over the time from the
first message sent until the bot has finished with them all: its CPU falls idle, read from
/proc/<pid>/stat, since NoneBot handles the messages in flight together, not one after another);
the p99 time from sending a violating message to its `delete_msg`, at full load (it includes the
wait behind the messages in flight) and unhurried; the bot's peak RSS.
Then an orderly stop (SIGTERM) and the checks that nothing was dropped: the bot's activity_day
table counts every message sent (N + 20, and the two commands), and every violating message got
exactly one `delete_msg` (no other message any).
"""

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass
from functools import partial
from operator import contains
from pathlib import Path
from typing import Any

from bench.figures import Figure, emit, figure
from bench.live import (
    FAST_PACING,
    ID_NUMBER,
    MARKED,
    chat_line,
    file_group,
    memory_mb,
    new_peer,
    staff,
    start_bot,
    until_idle,
    until_quiet,
)
from tests import accounts
from tests.peer import Peer

GROUP = accounts.GROUP
MEMBERS = 200  # ordinary senders
VIOLATORS = 60_000 + MEMBERS  # each violating message comes from an account of its own
EVERY = 100  # one message in EVERY has a finding
UNHURRIED = 20  # violating messages sent one at a time after the load
QUIET_S = 60.0  # the bot called nothing for this long: a violating message was never recalled


@dataclass
class Run:
    rate: float
    p50_ms: float
    p99_ms: float
    unhurried_p99_ms: float
    peak_mb: float
    counted: int
    expected: int
    violating: int
    recalled_once: int
    recalled_other: int

    @property
    def whole(self) -> bool:
        return (
            self.counted == self.expected
            and self.recalled_once == self.violating
            and self.recalled_other == 0
        )


class Recalls:
    """The bot's delete_msg calls, timed as they reach the peer."""

    def __init__(self, peer: Peer) -> None:
        self.at: list[tuple[float, int]] = []
        self.ids: set[int] = set()
        peer.answers["delete_msg"] = self._answer

    def _answer(self, params: dict[str, Any]) -> None:
        message = int(params["message_id"])
        self.at.append((time.perf_counter(), message))
        self.ids.add(message)


async def violate(peer: Peer, sent_at: dict[int, float]) -> int:
    """Send the next violating message, from an account of its own; its message id."""
    text = MARKED if len(sent_at) % 2 == 0 else ID_NUMBER
    at = time.perf_counter()
    message = await peer.group_message(GROUP, VIOLATORS + len(sent_at), text)
    sent_at[message] = at
    return message


async def load(messages: int, window: int, data_dir: Path) -> Run:
    bot = start_bot(data_dir)
    peer = new_peer(bot)
    staff(GROUP, "XX社區工作群", peer, MEMBERS + messages // EVERY + UNHURRIED)
    recalls = Recalls(peer)
    rng = random.Random(20260301)
    sent_at: dict[int, float] = {}
    try:
        await peer.connect()
        await file_group(peer, GROUP)
        waiting: deque[tuple[int, int]] = deque()  # (position, message id) not yet recalled
        started = time.perf_counter()
        for n in range(messages):
            while waiting and waiting[0][1] in recalls.ids:
                waiting.popleft()
            if waiting and waiting[0][0] < n - window:
                if not await until_quiet(peer, lambda: waiting[0][1] in recalls.ids, QUIET_S):
                    raise RuntimeError(f"message {waiting[0][1]} was never recalled")
                waiting.popleft()
            if n % EVERY == EVERY // 2:
                waiting.append((n, await violate(peer, sent_at)))
            else:
                await peer.group_message(GROUP, 60_000 + rng.randrange(MEMBERS), chat_line(rng))
            await asyncio.sleep(0)  # let the peer read the bot's calls as they come
        last = len(peer.calls)
        await peer.group_message(GROUP, accounts.MEMBER, "/群規")
        await peer.wait_for("send_group_msg", after=last, within=QUIET_S * 10)
        await until_quiet(peer, lambda: recalls.ids >= set(sent_at), QUIET_S)
        assert bot.proc is not None
        finished = await until_idle(bot.proc.pid)
        loaded = latencies(recalls.at, sent_at)
        for _ in range(UNHURRIED):
            message = await violate(peer, sent_at)
            await until_quiet(peer, partial(contains, recalls.ids, message), QUIET_S)
        unhurried = latencies(recalls.at[len(loaded) :], sent_at)
        peak = memory_mb(bot.proc.pid)["VmHWM"]
    finally:
        await peer.close()
        bot.stop()
    counted = bot.query("SELECT coalesce(sum(messages), 0) FROM activity_day")[0][0]
    times = Counter(message for _, message in recalls.at)
    return Run(
        rate=messages / (finished - started),
        p50_ms=percentile(loaded, 50),
        p99_ms=percentile(loaded, 99),
        unhurried_p99_ms=percentile(unhurried, 99),
        peak_mb=peak,
        counted=counted,
        expected=messages + UNHURRIED + 2,  # and /備案, /群規
        violating=len(sent_at),
        recalled_once=sum(1 for m in sent_at if times[m] == 1),
        recalled_other=sum(n for m, n in times.items() if m not in sent_at),
    )


def latencies(recalled: list[tuple[float, int]], sent_at: dict[int, float]) -> list[float]:
    """Seconds from sending each violating message to its delete_msg."""
    return [at - sent_at[message] for at, message in recalled if message in sent_at]


def percentile(seconds: list[float], cut: int) -> float:
    """The `cut` percentile of `seconds`, in ms (nan with none)."""
    if len(seconds) < 2:
        return seconds[0] * 1000 if seconds else float("nan")
    return statistics.quantiles(seconds, n=100)[cut - 1] * 1000


def figures(runs: list[Run], messages: int) -> list[Figure]:
    def median(values: list[float]) -> float:
        return statistics.median(values)

    counted = median([r.counted for r in runs])
    expected, violating = runs[0].expected, runs[0].violating
    once = median([r.recalled_once - r.recalled_other for r in runs])
    return [
        figure(f"load via socket, {messages:,} msgs", median([r.rate for r in runs]), "msgs/s"),
        figure("load: violating msg → delete_msg p99", median([r.p99_ms for r in runs]), "ms"),
        figure("load: same, unhurried, p99", median([r.unhurried_p99_ms for r in runs]), "ms"),
        figure(
            "load: msgs counted after stop", counted, "msgs", f"= {expected:,}", counted == expected
        ),
        figure(
            "load: violating msgs recalled once", once, "msgs", f"= {violating}", once == violating
        ),
        figure("load: bot peak RSS (VmHWM)", median([r.peak_mb for r in runs]), "MB"),
    ]


async def main(args: argparse.Namespace) -> list[Run]:
    print(
        f"pacing for the load run: QUNGUI_SEND_PER_SECOND={FAST_PACING['QUNGUI_SEND_PER_SECOND']}, "
        f"QUNGUI_MANAGE_PER_SECOND={FAST_PACING['QUNGUI_MANAGE_PER_SECOND']} "
        "(the defaults, 1.0 and 0.7, keep a QQ account safe; here the bot is measured); "
        f"the peer runs at most {args.window} messages ahead of the bot's last recall"
    )
    runs = []
    for number in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="qungui-bench-load-") as folder:
            run = await load(args.messages, args.window, Path(folder))
        runs.append(run)
        print(
            f"run {number}: {run.rate:,.1f} msgs/s; violating → delete_msg: p50 {run.p50_ms:,.0f} "
            f"ms, p99 {run.p99_ms:,.0f} ms; unhurried p99 {run.unhurried_p99_ms:,.0f} ms; "
            f"bot peak RSS {run.peak_mb:.0f} MB"
        )
        print(
            f"  after an orderly stop: activity_day counts {run.counted:,} of {run.expected:,} "
            f"messages; {run.recalled_once} of {run.violating} violating messages recalled "
            f"exactly once; {run.recalled_other} other recalls: "
            f"{'nothing dropped' if run.whole else 'MISCOUNTED OR DROPPED'}"
        )
    return runs


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=100, help="messages ahead of the bot (100)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="add the figures for python -m bench")
    arguments = parser.parse_args()
    done = asyncio.run(main(arguments))
    if arguments.json:
        emit(figures(done, arguments.messages))
    sys.exit(0 if all(r.whole for r in done) else 1)
