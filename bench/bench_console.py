"""The console's two big pages: the registry of 1,000 groups and the incidents over 100,000 records.

Run from the project root: `.venv/bin/python -m bench.bench_console [--groups N] [--records N]
[--json]`. A temporary SQLite database, migrated, is given N groups (1,000 by default) over 10
units, each with a registered admin, a duty switched off in every third and a week of activity
days, and N measure records (100,000 by default) across those groups, 1 in 200 failed,
unconfirmed or left to a person (their digests made up: the pages do not verify the chain). Then
the console's FastAPI routes are asked in-process (httpx over ASGI, a department session) for
/console/registry and /console/incidents: wall clock per page, request to the last byte of HTML,
median of 7 renders after one warm-up. The target: each under 300 ms (issue #17).
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nonebot

from bench import installed as bench_runtime

# The plugin packages register their matchers on import, which needs an initialised NoneBot.
nonebot.init(driver="~none", log_level="WARNING")
bench_runtime.install()  # before any plugin module loads
# The registry and the measures redact through the scanner, a NoneBot plugin: load it as one
# before anything imports it plainly (as manage.py does for its report export).
nonebot.require("plugins.scanner")

import httpx  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from bench.figures import emit, figure  # noqa: E402
from console import app as console_app  # noqa: E402
from console import web  # noqa: E402
from console.session import Session, encode  # noqa: E402
from core import runtime  # noqa: E402
from core.org import parse_org  # noqa: E402
from core.settings import Settings  # noqa: E402
from models.db import close_db, migrate, open_db  # noqa: E402
from models.measures import MeasureRecord, RecordStatus  # noqa: E402
from models.registry import (  # noqa: E402
    ActivityDay,
    DutySwitch,
    Group,
    GroupStatus,
    GroupType,
    RegisteredAdmin,
    Unit,
)
from plugins.measures import keyfile  # noqa: E402
from plugins.registry.store import sync_units  # noqa: E402

UNITS = 10
DEPARTMENT = 10001
RUNS = 7
TARGET_MS = 300.0
ORG = "\n".join(
    [
        '[street]\nname = "基準街道"',
        f"[department]\nstaff = [{DEPARTMENT}]",
        "[escalation]\nstreet_leaders = [30001]",
        *(
            f'[[units]]\nname = "第{i}社區"\nkind = "社區"\nleaders = [{20000 + i}]'
            for i in range(UNITS)
        ),
    ]
)
ACTIONS = ("recall", "mute", "warning", "kick", "join_refuse")
RARE = (RecordStatus.FAILED, RecordStatus.UNCONFIRMED, RecordStatus.REFERRED)


async def populate(groups: int, records: int, rng: random.Random) -> None:
    await sync_units(runtime.org())
    units = await Unit.all().order_by("id")
    now = datetime.now(UTC)
    statuses = list(GroupStatus)
    await Group.bulk_create(
        [
            Group(
                group_id=800_000 + i,
                name=f"工作群{i}",
                unit=units[i % UNITS],
                type=GroupType.PUBLIC if i % 5 == 0 else GroupType.INTERNAL,
                status=statuses[i % len(statuses)],
                filed_by=40_000 + i,
                member_count=rng.randrange(20, 800),
            )
            for i in range(groups)
        ],
        batch_size=1000,
    )
    filed = await Group.all().order_by("id").prefetch_related("unit")
    await RegisteredAdmin.bulk_create(
        [RegisteredAdmin(group=g, user_id=40_000 + g.id, added_by=1) for g in filed],
        batch_size=1000,
    )
    await DutySwitch.bulk_create(
        [DutySwitch(group=g, duty="privacy", enabled=False, changed_by=1) for g in filed[::3]],
        batch_size=1000,
    )
    today = now.date()
    await ActivityDay.bulk_create(
        [
            ActivityDay(group=g, day=today - timedelta(d), messages=rng.randrange(0, 200))
            for g in filed
            for d in range(7)
        ],
        batch_size=2000,
    )
    for start in range(1, records + 1, 5000):
        batch = []
        for i in range(start, min(start + 5000, records + 1)):
            group = filed[i % len(filed)]
            status = rng.choice(RARE) if i % 200 == 0 else RecordStatus.DONE
            batch.append(
                MeasureRecord(
                    id=i,
                    created_at=now - timedelta(seconds=records - i),
                    group_id=group.group_id,
                    unit=group.unit.name,
                    target=rng.randrange(100_000, 999_999),
                    action=ACTIONS[i % len(ACTIONS)],
                    article=11,
                    category="state_secret",
                    reason="帶涉密標識",
                    evidence="機***年 sha256:" + f"{i:064x}",
                    prev_digest=f"{i - 1:064x}",
                    digest=f"{i:064x}",
                    status=status,
                    platform_answer="ok" if status == RecordStatus.DONE else "refused",
                    finished_at=now,
                    outcome_digest=f"{i:064x}",
                )
            )
        await MeasureRecord.bulk_create(batch)


async def timed(client: httpx.AsyncClient, path: str, expect: str) -> float:
    """Median wall clock of RUNS renders of `path`, after a warm-up, in ms."""
    first = await client.get(path)
    assert first.status_code == 200, (first.status_code, path)
    assert expect in first.text, path
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        answer = await client.get(path)
        _ = answer.text
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200
    return statistics.median(times)


async def run(groups: int, records: int) -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp(prefix="qungui-bench-console-"))
    settings = Settings(qungui_data_dir=folder)
    runtime.install(settings, parse_org(ORG))
    keyfile.install(os.urandom(32))
    await migrate(settings.db_url)
    await open_db(settings.db_url)
    try:
        started = time.perf_counter()
        await populate(groups, records, random.Random(20260317))
        print(
            f"database: {groups:,} groups, {records:,} measure records"
            f" (written in {time.perf_counter() - started:.1f} s)"
        )
        app = FastAPI()
        console_app.attach(app)
        cookie = encode(web.key(), Session("bench", time.time(), user=DEPARTMENT))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://127.0.0.1",
            cookies={web.COOKIE: cookie},
        ) as client:
            registry = await timed(client, "/console/registry", f"共 {groups} 個群組")
            incidents = await timed(client, "/console/incidents", 'id="next-page"')
    finally:
        await close_db()
    for name, ms in (("registry page", registry), ("incidents page", incidents)):
        met = "met" if ms < TARGET_MS else "MISSED"
        print(f"{name}: {ms:.0f} ms, median of {RUNS} (target < {TARGET_MS:.0f} ms: {met})")
    return registry, incidents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=1000, help="filed groups (1,000)")
    parser.add_argument("--records", type=int, default=100_000, help="measure records (100,000)")
    parser.add_argument("--json", action="store_true", help="add the figures for python -m bench")
    args = parser.parse_args()
    registry, incidents = asyncio.run(run(args.groups, args.records))
    if args.json:
        target = f"< {TARGET_MS:.0f}"
        emit(
            [
                figure(
                    f"console registry page, {args.groups:,} groups",
                    registry,
                    "ms",
                    target,
                    registry < TARGET_MS,
                ),
                figure(
                    f"console incidents page, {args.records:,} records",
                    incidents,
                    "ms",
                    target,
                    incidents < TARGET_MS,
                ),
            ]
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
