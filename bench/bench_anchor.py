"""What anchoring after every seal costs a measure, on a chain of a street's size.

Run from the project root: `.venv/bin/python -m bench.bench_anchor [--records N] [--json]`.
A temporary SQLite database, migrated, is given N records first (20,000 by default: years of a
street's measures). Then measures only recorded (a warning: open the record, seal it) are carried
out in rounds of 100, the rounds taking turns with and without the anchor line that follows each
seal (the anchor file's fsync and the row in `audit_anchor`). Prints the wall-clock time a
measure takes either way, median of the rounds, and the difference: what the anchor costs. The
target: under 5 ms, next to the 1.4 s between two actions the default pace (0.7 a second) allows.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import nonebot

from bench import installed as bench_runtime

# The plugin packages register their matchers on import, which needs an initialised NoneBot.
nonebot.init(driver="~none", log_level="WARNING")
bench_runtime.install()  # before any plugin module loads

from bench.figures import emit, figure  # noqa: E402
from core import runtime  # noqa: E402
from core.org import parse_org  # noqa: E402
from core.settings import Settings  # noqa: E402
from models.db import close_db, migrate, open_db  # noqa: E402
from models.measures import MeasureRecord, RecordStatus  # noqa: E402
from plugins.measures import anchoring  # noqa: E402
from plugins.measures.measure import Measure  # noqa: E402
from plugins.measures.service import carry_out  # noqa: E402

ORG = "\n".join(
    [
        '[street]\nname = "基準街道"',
        "[department]\nstaff = [10001]",
        "[escalation]\nstreet_leaders = [30001]",
        '[[units]]\nname = "第一社區"\nkind = "社區"\nleaders = [20001]',
    ]
)
ROUNDS = 7
PER_ROUND = 100
TARGET_MS = 5.0
NOTE = Measure(kind="warning", article=10, action=None, target=60001, actor=1, reason="基準")


async def populate(count: int) -> None:
    """`count` sealed records (their digests made up: only their number matters here)."""
    now = datetime.now(UTC)
    for start in range(1, count + 1, 1000):
        await MeasureRecord.bulk_create(
            [
                MeasureRecord(
                    id=i,
                    created_at=now,
                    action="warning",
                    article=10,
                    prev_digest=f"{i - 1:064x}",
                    digest=f"{i:064x}",
                    status=RecordStatus.DONE,
                    finished_at=now,
                    outcome_digest=f"{i:064x}",
                )
                for i in range(start, min(start + 1000, count + 1))
            ]
        )


async def nothing(kind: str, now: datetime | None = None) -> None:
    return None


async def round_ms(anchored: bool) -> float:
    real = anchoring.anchor
    if not anchored:
        anchoring.anchor = nothing
    try:
        started = time.perf_counter()
        for _ in range(PER_ROUND):
            await carry_out(None, NOTE)
        return (time.perf_counter() - started) * 1000 / PER_ROUND
    finally:
        anchoring.anchor = real


async def run(records: int) -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp(prefix="qungui-bench-anchor-"))
    settings = Settings(qungui_data_dir=folder)
    runtime.install(settings, parse_org(ORG))
    await migrate(settings.db_url)
    await open_db(settings.db_url)
    try:
        await populate(records)
        await anchoring.start()
        with_anchor, without = [], []
        for _ in range(ROUNDS):
            with_anchor.append(await round_ms(True))
            without.append(await round_ms(False))
            await anchoring.anchor(anchoring.SEAL)  # the head the plain rounds moved
        lines = len(settings.audit_anchor_file.read_text("utf-8").splitlines())
        total = await MeasureRecord.all().count()
        assert total == records + 2 * ROUNDS * PER_ROUND, total
        assert not await MeasureRecord.filter(status=RecordStatus.PENDING).exists()
    finally:
        await close_db()
    anchored, plain = statistics.median(with_anchor), statistics.median(without)
    print(f"chain: {records:,} records before, {total:,} after; {lines:,} anchor lines")
    print(f"a measure with its anchor: {anchored:.2f} ms, median of {ROUNDS} rounds of {PER_ROUND}")
    print(f"a measure without:         {plain:.2f} ms")
    cost = anchored - plain
    print(
        f"the anchor: {cost:.2f} ms a seal (target < {TARGET_MS:.0f} ms: "
        f"{'met' if cost < TARGET_MS else 'MISSED'})"
    )
    return plain, cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=20_000, help="records before (20,000)")
    parser.add_argument("--json", action="store_true", help="add the figures for python -m bench")
    args = parser.parse_args()
    plain, cost = asyncio.run(run(args.records))
    if args.json:
        emit(
            [
                figure("measure record, open and seal", plain, "ms"),
                figure(
                    "anchor after each seal", cost, "ms", f"< {TARGET_MS:.0f}", cost < TARGET_MS
                ),
            ]
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
