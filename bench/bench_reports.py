"""The street workbook for a street of 50 groups with a month of records.

Run from the project root: `.venv/bin/python -m bench.bench_reports [--per-day N]`.
Generates into a temporary SQLite database, migrated with `models.db.migrate`, 50 filed groups over
10 units, their admins, open card deadlines, clearance batches and handovers, and 30 days of
measure records: by default 6 events a group a day (content findings with the measure they led to,
confidential and privacy recalls, refused join requests, warnings by hand), about 12,000 records,
several times what a street's work groups are expected to produce; `--per-day 12` doubles it.
Then times what `/全街報告` does before sending (wall clock, median of 3 runs): read the facts,
write the .xlsx, draw the chart PNG; the target is under 5 s in all. Finally it reopens the
workbook and checks its numbers against the generated records, and that the chart is there.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import zipfile
from collections import Counter
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

from openpyxl import load_workbook  # noqa: E402

from core import runtime  # noqa: E402
from core.org import parse_org  # noqa: E402
from core.settings import Settings  # noqa: E402
from models.clearance import ClearanceBatch, ClearanceItem  # noqa: E402
from models.db import close_db, migrate, open_db  # noqa: E402
from models.handover import Handover, HandoverStatus  # noqa: E402
from models.measures import MeasureRecord, RecordStatus  # noqa: E402
from models.realname import CardDeadline  # noqa: E402
from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin, Unit  # noqa: E402
from plugins.registry.store import sync_units  # noqa: E402
from plugins.reports import deliver, store  # noqa: E402

GROUPS = 50
UNITS = 10
DAYS = 30
TARGET_S = 5.0
RUNS = 3
FINDINGS = ("rumor", "vice", "vulgar", "clickbait", "state_secret", "internal", "id_number")
ORG = "\n".join(
    [
        '[street]\nname = "基準街道"',
        "[department]\nstaff = [10001]",
        "[escalation]\nstreet_leaders = [30001]",
        *(
            f'[[units]]\nname = "第{i}社區"\nkind = "社區"\nleaders = [{20000 + i}]'
            for i in range(UNITS)
        ),
    ]
)


def make_records(groups: list[Group], per_day: int, now: datetime, rng: random.Random) -> list:
    """A month of records; about a third are findings followed by one more measure."""
    rows: list[MeasureRecord] = []
    message = 1_000_000

    def add(group: Group, at: datetime, action: str, category: str, **extra: object) -> None:
        took = rng.uniform(0.2, 3.0)
        rows.append(
            MeasureRecord(
                id=len(rows) + 1,
                created_at=at,
                platform="qq",
                group_id=group.group_id,
                unit=group.unit.name,
                actor=extra.pop("actor", None),
                target=rng.randrange(100_000, 999_999),
                action=action,
                article=extra.pop("article", 10),
                category=category,
                reason="",
                detail=extra,
                prev_digest="0" * 64,
                digest=f"{len(rows) + 1:064x}",
                status=RecordStatus.DONE if rng.random() > 0.03 else RecordStatus.FAILED,
                finished_at=at + timedelta(seconds=took),
            )
        )

    for day in range(DAYS):
        for group in groups:
            for _ in range(per_day):
                at = now - timedelta(days=day, seconds=rng.randrange(86_400))
                roll = rng.random()
                if roll < 0.35:
                    message += 1
                    category = rng.choice(FINDINGS)
                    add(group, at, "recall", category, message_id=message, article=8)
                    follow = "mute" if category in ("rumor", "vice") else "warning"
                    add(group, at + timedelta(seconds=2), follow, category, message_id=message)
                elif roll < 0.5:
                    add(group, at, "join_refuse", "blacklisted", article=4)
                else:
                    add(group, at, "warning", "", actor=40_000 + group.id)
    return rows


async def populate(per_day: int, now: datetime, rng: random.Random) -> list[MeasureRecord]:
    await sync_units(runtime.org())
    units = await Unit.all().order_by("id")
    groups = [
        await Group.create(
            group_id=800_000 + i,
            name=f"工作群{i}",
            unit=units[i % UNITS],
            type=GroupType.PUBLIC if i % 5 == 0 else GroupType.INTERNAL,
            status=GroupStatus.APPROVED if i % 5 == 0 else GroupStatus.FILED,
            filed_by=40_000 + i,
            member_count=rng.randrange(20, 800),
            last_message_at=now - timedelta(days=rng.randrange(0, 40)),
        )
        for i in range(GROUPS)
    ]
    for group in groups:
        await group.fetch_related("unit")
        if group.group_id % 7:
            await RegisteredAdmin.create(group=group, user_id=40_000 + group.id, added_by=1)
        await CardDeadline.bulk_create(
            [
                CardDeadline(
                    bot_id="1",
                    group_id=group.group_id,
                    user_id=u,
                    joined_at=now,
                    deadline=now + timedelta(hours=24),
                )
                for u in range(rng.randrange(0, 6))
            ]
        )
        batch = await ClearanceBatch.create(
            group=group, created_at=now - timedelta(days=1), expires_at=now + timedelta(days=6)
        )
        await ClearanceItem.bulk_create(
            [ClearanceItem(batch=batch, user_id=u, reasons=["silent"]) for u in range(3)]
        )
        await Handover.create(
            group=group,
            to_admin=1,
            opened_by=1,
            opened_at=now - timedelta(days=3),
            expires_at=now - timedelta(days=2),
            status=HandoverStatus.DONE,
            closed_at=now - timedelta(days=3),
        )
    records = make_records(groups, per_day, now, rng)
    await MeasureRecord.bulk_create(records, batch_size=2000)
    return records


def expect(holds: bool, what: str) -> None:
    if not holds:
        raise SystemExit(f"MISMATCH: {what}")


def check(path: Path, records: list[MeasureRecord]) -> None:
    """The workbook's numbers against the generated records, and the chart."""
    book = load_workbook(path, read_only=True)
    per_group = Counter(r.group_id for r in records)
    summary = list(book["總表"].iter_rows(min_row=2, values_only=True))
    expect(len(summary) == GROUPS, "one summary row per group")
    expect({row[0]: row[12] for row in summary} == dict(per_group), "measures per group")
    findings = len({r.detail["message_id"] for r in records if "message_id" in r.detail})
    findings += sum(r.action == "join_refuse" for r in records)
    expect(sum(row[11] for row in summary) == findings, "findings")
    rows = list(book["處置記錄"].iter_rows(min_row=2, values_only=True))
    expect([row[0] for row in rows] == [r.id for r in records], "the measures sheet")
    categories = list(book["分類統計"].iter_rows(min_row=2, values_only=True))
    expect(sum(row[1] for row in categories) == findings, "findings by category")
    expect(sum(row[2] for row in categories) == len(records), "measures by category")
    with zipfile.ZipFile(path) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode("utf-8")
    expect("<barChart>" in chart and "'分類統計'!$B$2" in chart, "the chart")
    print(f"checked: {GROUPS} groups, {len(records):,} measures, {findings:,} findings, chart")


async def run(per_day: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="qungui-bench-reports-"))
    settings = Settings(qungui_data_dir=folder)
    runtime.install(settings, parse_org(ORG))
    await migrate(settings.db_url)
    await open_db(settings.db_url)
    try:
        now = datetime.now(UTC)
        records = await populate(per_day, now, random.Random(20260302))
        runs = [await produce(now) for _ in range(RUNS)]
    finally:
        await close_db()
    print(f"street: {GROUPS} groups, {DAYS} days, {len(records):,} records ({per_day}/group/day)")
    for read, total, _ in runs:
        print(f"read facts {read:.2f} s, workbook and chart {total - read:.2f} s: {total:.2f} s")
    median = statistics.median(total for _, total, _ in runs)
    verdict = "met" if median < TARGET_S else "MISSED"
    print(f"median of {RUNS}: {median:.2f} s (target < {TARGET_S:.0f} s: {verdict})")
    book, picture = runs[-1][2]
    print(
        f"workbook {book.stat().st_size / 1024:.0f} KiB, chart {picture.stat().st_size / 1024:.0f} KiB"
    )
    check(book, records)


async def produce(now: datetime) -> tuple[float, float, tuple[Path, Path]]:
    """What /全街報告 does before sending, timed: (reading, in all, the files)."""
    started = time.perf_counter()
    report = await store.gather_street(now - timedelta(days=DAYS + 1), now, now)
    read = time.perf_counter() - started
    files = await deliver.write_files(report)
    return read, time.perf_counter() - started, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--per-day", type=int, default=6, help="records a group a day (6)")
    asyncio.run(run(parser.parse_args().per_day))


if __name__ == "__main__":
    main()
