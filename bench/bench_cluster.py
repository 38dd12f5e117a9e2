"""Many accounts, several processes (issue #15): 2,000 groups' weekly check due at once.

Run from the project root, with a PostgreSQL server named by QUNGUI_TEST_PG_URL (as root,
`. .ci/postgres.sh` starts a throw-away one): `.venv/bin/python -m bench.bench_cluster
[--groups N] [--json]`. Without QUNGUI_TEST_PG_URL it prints that it was skipped, and why.

Method. A database of its own is created on the server. `manage.py migrate` makes its tables and
N filed groups of XX社區 (內部, 已備案, the owner their registered admin, as `/備案` leaves them)
are written straight into it. Two real `bot.py` processes start on it, each with a data dir of
its own: node a (the anchor keeper) and node b, with the weekly check due for every group at once
(QUNGUI_CLEARANCE_SCHEDULE="週一 00:00", looked for every second) and the pacing raised so the
run measures the claiming, not the pace kept for QQ. Four test accounts (tests/peer_world.py, one
QQ) connect, A1 and A2 to a, B1 and B2 to b; the groups cycle through eight layouts: each account
alone, two accounts of one process, and two accounts of different processes. Nothing about which
account is in which group is written beforehand: each bot learns it at connect (the catch-up's
group list), as in production.

Figures: the time from the processes' start (and from the accounts' connect) until every group's
weekly post has reached the peer; weekly posts beyond one per group (send_group_msg calls carrying
【每週成員檢查】, across all accounts: must be 0); weekly posts sent through an account not in the
group (must be 0). Then, in this process, the cost of one lease, `core.lease.claim` then `done`,
per job, on the PostgreSQL database and on a SQLite file (one process, as a street without a
cluster runs), by a loop of JOBS jobs each.
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.figures import Figure, emit, figure, skip
from bench.live import FAST_PACING
from tests import accounts
from tests.e2e import pg
from tests.e2e.process import ORG_FILE, TOKEN, BotProcess
from tests.peer import Call, PeerMember, message_text
from tests.peer_world import Account, World

A1, A2, B1, B2 = accounts.SELF, 99997, 99998, 99996
ON_A, ON_B = (A1, A2), (B1, B2)
# Which accounts are in a group, by group number modulo 8: alone, two in one process, two across.
LAYOUTS: tuple[tuple[int, ...], ...] = (
    (A1,),
    (A2,),
    (B1,),
    (B2,),
    (A1, A2),
    (B1, B2),
    (A1, B1),
    (A2, B2),
)
FIRST_GROUP = 900_000
WEEKLY = "【每週成員檢查】"
DUE = "週一 00:00"  # has passed on any day of the week: due at the first look
RUN_LIMIT_S = 900.0  # every post sent within this, or the run reports how many were
QUIET_S = 5.0  # after the last post: a second post of any group would come by then
JOBS = 2000  # leases claimed and done per database, in this process


class TimedLog(list[tuple[int, Call]]):
    """The world's log of calls, with when each reached the peer (perf_counter)."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, item: tuple[int, Call]) -> None:
        self.times.append(time.perf_counter())
        super().append(item)


@dataclass
class Run:
    groups: int
    start_to_done_s: float = float("nan")  # processes started → the last group's first post
    connect_to_done_s: float = float("nan")  # accounts connected → the last group's first post
    posted: int = 0  # groups with a weekly post
    duplicates: int = 0  # weekly posts beyond the first in a group
    wrong_account: int = 0  # weekly posts through an account not in the group
    by_node: dict[str, int] = field(default_factory=dict)
    runs_finished: int = 0
    leases_done: int = 0
    claim_us: dict[str, float] = field(default_factory=dict)  # database → µs per claim + done

    @property
    def whole(self) -> bool:
        return self.posted == self.groups and self.duplicates == 0 and self.wrong_account == 0


def psql(url: str, sql: str) -> list[list[str]]:
    return pg.psql(url, sql, timeout=120)  # 2,000 groups filed in one statement


def layout(n: int) -> tuple[int, ...]:
    return LAYOUTS[n % len(LAYOUTS)]


def file_groups(db_url: str, groups: int) -> None:
    """N filed groups of XX社區 with the owner their registered admin, as `/備案` leaves them
    (the unit as the bot mirrors it from the organisation file at start)."""
    owner = accounts.OWNER
    psql(
        db_url,
        "BEGIN;"
        "INSERT INTO unit (name, kind, active) VALUES ('XX社區', '社區', true);"
        'INSERT INTO "group" (platform, group_id, name, type, purpose, status, status_reason,'
        " filed_by, filed_at, member_count, finished_reason, unit_id)"
        f" SELECT 'qq', {FIRST_GROUP} + n, '工作群' || n, '內部', '基準測試', '已備案', '',"
        f" {owner}, now(), 2 + {len(LAYOUTS[0])}, '', (SELECT id FROM unit WHERE name = 'XX社區')"
        f" FROM generate_series(0, {groups - 1}) AS n;"
        "INSERT INTO registered_admin (user_id, since, added_by, reason, group_id)"
        f" SELECT {owner}, now(), {owner}, '備案', id FROM \"group\";"
        "COMMIT;",
    )


def world_for(a: BotProcess, b: BotProcess, groups: int) -> tuple[World, list[Account]]:
    world = World()
    world._log = TimedLog()
    peers = [world.account(a.url, i, TOKEN) for i in ON_A]
    peers += [world.account(b.url, i, TOKEN) for i in ON_B]
    for peer in peers:
        peer.add_friend(*accounts.ORG_PEOPLE)
    for n in range(groups):
        world.add_group(
            FIRST_GROUP + n,
            f"工作群{n}",
            PeerMember(accounts.OWNER, "群主", "XX社區-王五", role="owner"),
            PeerMember(accounts.MEMBER, "成員", "XX社區-張三"),
            bots=dict.fromkeys(layout(n), "admin"),
        )
    return world, peers


class Posts:
    """The weekly posts in the world's log, read as they come."""

    def __init__(self, world: World) -> None:
        self.log: TimedLog = world._log  # type: ignore[assignment]
        self.read = 0
        self.first: dict[int, float] = {}  # group → when its first weekly post arrived
        self.all: list[tuple[int, int]] = []  # (account, group) of every weekly post

    def update(self) -> None:
        while self.read < len(self.log):
            self_id, call = self.log[self.read]
            at = self.log.times[self.read]
            self.read += 1
            if call.action != "send_group_msg":
                continue
            if WEEKLY not in message_text(call.params.get("message", [])):
                continue
            group_id = int(call.params["group_id"])
            self.all.append((self_id, group_id))
            self.first.setdefault(group_id, at)


async def until_posted(posts: Posts, groups: int, within: float) -> None:
    deadline = time.monotonic() + within
    while len(posts.first) < groups and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        posts.update()


async def cluster(a: BotProcess, b: BotProcess, db_url: str, groups: int) -> Run:
    world, peers = world_for(a, b, groups)
    posts = Posts(world)
    run = Run(groups)
    started = time.perf_counter()
    a.start()
    b.start()
    try:
        for peer in peers:
            await peer.connect()
        connected = time.perf_counter()
        await until_posted(posts, groups, RUN_LIMIT_S)
        if len(posts.first) == groups:
            last = max(posts.first.values())
            run.start_to_done_s = last - started
            run.connect_to_done_s = last - connected
        await asyncio.sleep(QUIET_S)
        posts.update()
    finally:
        for peer in peers:
            await peer.close()
        a.stop()
        b.stop()
    per_group = Counter(g for _, g in posts.all)
    run.posted = len(per_group)
    run.duplicates = sum(n - 1 for n in per_group.values())
    run.wrong_account = sum(1 for i, g in posts.all if i not in layout(g - FIRST_GROUP))
    run.by_node = {
        "a": sum(1 for i, _ in posts.all if i in ON_A),
        "b": sum(1 for i, _ in posts.all if i in ON_B),
    }
    sql = "SELECT count(finished_at) FROM weekly_run WHERE kind = 'members'"
    run.runs_finished = int(psql(db_url, sql)[0][0])
    sql = "SELECT count(done_at) FROM job_lease WHERE key LIKE 'clearance.weekly:%'"
    run.leases_done = int(psql(db_url, sql)[0][0])
    return run


async def claim_cost(db_url: str, jobs: int) -> float:
    """µs per job of core.lease.claim then done, on a migrated database, in this process."""
    from core import lease
    from models.db import close_db, migrate, open_db

    await migrate(db_url)
    await open_db(db_url)
    try:
        tag = uuid.uuid4().hex[:8]
        for n in range(20):  # warm up: connections, prepared statements
            await lease.claim(f"bench.warm:{tag}:{n}")
        times = []
        for n in range(jobs):
            key = f"bench.job:{tag}:{n}"
            at = time.perf_counter()
            taken = await lease.claim(key)
            await lease.done(key)
            times.append(time.perf_counter() - at)
            assert taken, key
    finally:
        await close_db()
    return statistics.fmean(times) * 1e6


def claim_costs(pg_url: str, folder: Path, jobs: int) -> dict[str, float]:
    from core import runtime
    from core.org import load_org
    from core.settings import Settings

    settings = Settings(qungui_data_dir=folder, qungui_org_file=ORG_FILE, qungui_node="bench")
    runtime.install(settings, load_org(ORG_FILE))
    sqlite = f"sqlite://{folder / 'claims.sqlite3'}"
    return {
        "PostgreSQL": asyncio.run(claim_cost(pg_url, jobs)),
        "SQLite": asyncio.run(claim_cost(sqlite, jobs)),
    }


def run(server: str, groups: int, settings: dict[str, str]) -> Run:
    name = f"qungui_bench_{uuid.uuid4().hex[:12]}"
    db_url = server.rsplit("/", 1)[0] + f"/{name}"
    psql(server, f"CREATE DATABASE {name}")
    try:
        with tempfile.TemporaryDirectory(prefix="qungui-bench-cluster-") as folder:
            root = Path(folder)
            bots = []
            for node in ("a", "b"):
                (root / node).mkdir()
                env = {
                    **FAST_PACING,
                    "QUNGUI_DB_URL": db_url,
                    "QUNGUI_NODE": node,
                    "QUNGUI_ANCHOR_KEEPER": "true" if node == "a" else "false",
                    "QUNGUI_CLEARANCE_SCHEDULE": DUE,
                    "QUNGUI_CLEARANCE_CHECK_SECONDS": "1",
                    **settings,
                }
                bots.append(BotProcess(root / node, **env))
            a, b = bots
            migrated = a.manage("migrate")
            assert migrated.returncode == 0, migrated.stderr
            file_groups(db_url, groups)
            try:
                result = asyncio.run(cluster(a, b, db_url, groups))
            except BaseException:
                for bot in bots:
                    print(bot.log.read_text("utf-8", "replace")[-3000:])
                raise
            result.claim_us = claim_costs(db_url, root, JOBS)
            return result
    finally:
        psql(server, f"DROP DATABASE {name} WITH (FORCE)")


def figures(r: Run) -> list[Figure]:
    n = f"{r.groups:,}"
    return [
        figure(
            f"cluster, {n} groups, 2 processes: start → every weekly post", r.start_to_done_s, "s"
        ),
        figure("cluster: accounts connected → every weekly post", r.connect_to_done_s, "s"),
        figure(
            "cluster: groups given their weekly post",
            r.posted,
            "groups",
            f"= {r.groups}",
            r.posted == r.groups,
        ),
        figure("cluster: duplicate weekly posts", r.duplicates, "posts", "= 0", r.duplicates == 0),
        figure(
            "cluster: posts through an account not in the group",
            r.wrong_account,
            "posts",
            "= 0",
            r.wrong_account == 0,
        ),
        figure("lease claim + done, PostgreSQL", r.claim_us["PostgreSQL"], "µs/job"),
        figure("lease claim + done, SQLite", r.claim_us["SQLite"], "µs/job"),
    ]


def main(args: argparse.Namespace) -> bool:
    server = os.environ.get("QUNGUI_TEST_PG_URL", "")
    if not server:
        skip("QUNGUI_TEST_PG_URL is not set: it needs a PostgreSQL server (. .ci/postgres.sh)")
        return True
    settings = dict(pair.split("=", 1) for pair in args.set)
    r = run(server, args.groups, settings)
    pace = f"{FAST_PACING['QUNGUI_SEND_PER_SECOND']}/{FAST_PACING['QUNGUI_MANAGE_PER_SECOND']}"
    print(
        f"{r.groups:,} filed groups, accounts A1 A2 on node a and B1 B2 on node b, "
        f"{r.groups // 2:,} groups with two accounts ({r.groups // 4:,} across the processes); "
        f"weekly check due at once; send/manage pace {pace} a second"
    )
    print(
        f"start → every group's weekly post: {r.start_to_done_s:.1f} s "
        f"(accounts connected → every post: {r.connect_to_done_s:.1f} s)"
    )
    print(
        f"groups posted: {r.posted:,} of {r.groups:,}; duplicate posts: {r.duplicates}; "
        f"posts through an account not in the group: {r.wrong_account}"
    )
    print(
        f"posts by node: a {r.by_node.get('a', 0):,}, b {r.by_node.get('b', 0):,}; "
        f"weekly runs finished: {r.runs_finished:,}; weekly leases done: {r.leases_done:,}"
    )
    print(
        f"lease claim + done per job, {JOBS:,} jobs in one process: "
        f"PostgreSQL {r.claim_us['PostgreSQL']:,.0f} µs, SQLite {r.claim_us['SQLite']:,.0f} µs"
    )
    if args.json:
        emit(figures(r))
    return r.whole


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument(
        "--set", action="append", default=[], help="a bot setting, KEY=VALUE (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="add the figures for python -m bench")
    sys.exit(0 if main(parser.parse_args()) else 1)
