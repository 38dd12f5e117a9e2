"""Peak memory (RSS) of a real bot process with 1,000 groups registered.

Run from the project root: `.venv/bin/python -m bench.bench_memory [--groups N] [--json]`.

Method. A fresh data dir is migrated with `manage.py migrate`, then 1,000 filed groups of XX社區,
each with its registered admin, are written straight into the SQLite file; `bot.py` starts on it
(tests/e2e/process.py) with every duty on and the pacing set high. The test peer connects with the
same 1,000 groups in its model and sends traffic touching every group: an everyday message and a
violating one (alternately a confidential marker and an ID number), 50 groups at a time, each
batch once the one before was recalled, so the bot keeps every group's state without drowning
in a backlog. The figure is VmHWM from /proc/<pid>/status (the process's peak resident set),
read before an orderly stop; the target, < 300 MB, is ours: a small VM or a NAS beside NapCat
should carry a street's bot. After the stop the activity_day table must count every message
in every group.
"""

import argparse
import asyncio
import random
import sys
import tempfile
from collections.abc import Sized
from functools import partial
from pathlib import Path

from bench.figures import emit, figure
from bench.live import (
    FAST_PACING,
    ID_NUMBER,
    MARKED,
    chat_line,
    memory_mb,
    new_peer,
    register_groups,
    staff,
    timestamped,
    until_quiet,
)
from tests.e2e.process import BotProcess
from tests.peer import PeerMember

FIRST_GROUP = 800_000
VIOLATOR = 70_000  # the violating message of group n comes from VIOLATOR + n
BATCH = 50
TARGET_MB = 300.0


def at_least(items: Sized, count: int) -> bool:
    return len(items) >= count


async def traffic(bot: BotProcess, groups: int) -> dict[str, float]:
    """Start, chat in every group, and return the bot's memory: idle, and at its peak."""
    assert bot.proc is not None
    peer = new_peer(bot)
    for n in range(groups):
        staff(FIRST_GROUP + n, f"工作群{n}", peer, 3)
        peer.groups[FIRST_GROUP + n].members[VIOLATOR + n] = PeerMember(VIOLATOR + n, "新人")
    deletes = timestamped(peer, "delete_msg")
    rng = random.Random(20260302)
    try:
        await peer.connect()
        await asyncio.sleep(2)
        idle = memory_mb(bot.proc.pid)["VmRSS"]
        violating = 0
        for first in range(0, groups, BATCH):
            for n in range(first, min(first + BATCH, groups)):
                group = FIRST_GROUP + n
                await peer.group_message(group, 60_000 + n % 3, chat_line(rng))
                await peer.group_message(group, VIOLATOR + n, MARKED if n % 2 else ID_NUMBER)
                violating += 1
            if not await until_quiet(peer, partial(at_least, deletes, violating)):
                raise RuntimeError(f"{violating - len(deletes)} violating messages not recalled")
        peak = memory_mb(bot.proc.pid)["VmHWM"]
    finally:
        await peer.close()
    return {"idle": idle, "peak": peak}


def main(args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory(prefix="qungui-bench-memory-") as folder:
        bot = BotProcess(Path(folder), **FAST_PACING)
        migrated = bot.manage("migrate")
        assert migrated.returncode == 0, migrated.stderr
        register_groups(bot.db_file, FIRST_GROUP, args.groups)
        bot.start()
        try:
            memory = asyncio.run(traffic(bot, args.groups))
        finally:
            bot.stop()
        touched, counted = bot.query(
            "SELECT count(DISTINCT group_id), coalesce(sum(messages), 0) FROM activity_day"
        )[0]
    whole = touched == args.groups and counted == 2 * args.groups
    print(f"{args.groups:,} groups registered; the peer sent 2 messages in each (one violating)")
    print(f"bot RSS once started and connected: {memory['idle']:.0f} MB")
    verdict = "met" if memory["peak"] < TARGET_MB else "MISSED"
    print(f"bot peak RSS (VmHWM): {memory['peak']:.0f} MB (target < {TARGET_MB:.0f} MB: {verdict})")
    print(
        f"after an orderly stop: activity_day counts {counted:,} messages in {touched:,} groups"
        f"{'' if whole else f': MISCOUNTED (sent {2 * args.groups:,})'}"
    )
    if args.json:
        name = f"bot peak RSS, {args.groups:,} groups (our target)"
        peak, sent = memory["peak"], 2 * args.groups
        emit(
            [
                figure(name, peak, "MB", f"< {TARGET_MB:.0f}", peak < TARGET_MB),
                figure(f"bot RSS at start, {args.groups:,} groups", memory["idle"], "MB"),
                figure(
                    "memory run: msgs counted after stop", counted, "msgs", f"= {sent:,}", whole
                ),
            ]
        )
    return whole


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="add the figures for python -m bench")
    sys.exit(0 if main(parser.parse_args()) else 1)
