"""One week's clearance computation over a whole street: 1,000 groups of 500 members.

Run from the project root: `.venv/bin/python -m bench.bench_clearance [--json]`.
Generates a roster of 120,000 people over 200 units (5 % of them 調離) and 1,000 groups, five per
unit, each of 500 members: people of the unit's roster (each with one card, in assorted spellings,
a few wrong, used in every group they are in), visitors from other units, strangers on no roster,
an owner and admins; with running card deadlines, exemptions, blacklisted accounts and the bot's
sightings. The facts are built first; the figure is the CPU time (time.process_time, median of 3
runs) of `sweep` over all 1,000 groups, platform calls and database reads excluded, the target
being under 10 s: once as the weekly job runs it (one card memo shared by the groups of the
computation) and once with every card judged afresh (no memo: the worst case). `--json` adds
the figures for `python -m bench`.
"""

import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import nonebot

from bench import installed as bench_runtime

# The plugin package registers its matchers on import, which needs an initialised NoneBot.
nonebot.init(driver="~none", log_level="WARNING")
bench_runtime.install()  # before any plugin module loads

from adapters.port import Member, Role  # noqa: E402
from bench.figures import Figure, emit, figure  # noqa: E402
from core.script import to_simplified  # noqa: E402
from plugins.clearance.candidates import CardMemo, Facts, Sweep, sweep  # noqa: E402
from plugins.realname.card import DEFAULT_CARD_PATTERN, compile_card_rule  # noqa: E402
from plugins.realname.roster import RosterEntry, Status  # noqa: E402
from plugins.realname.roster_index import RosterIndex  # noqa: E402

UNITS = 200
PER_UNIT = 600
GROUPS_PER_UNIT = 5
GROUP_SIZE = 500
RUNS = 3
TARGET_S = 10.0
NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
SURNAMES = "趙錢孫李周吳鄭王馮陳衛蔣沈韓楊朱秦許何呂張孔曹嚴華金魏陶姜謝鄒蘇潘葛范彭魯韋馬苗鳳"
GIVEN = "偉剛勇毅俊峰強軍平保東文輝力明永健世廣誌義興良海山仁波寧貴福生龍元全國勝學祥才發"
SEPARATORS = ["-", "－", "—", " - ", "·", "/", "_"]


def make_roster(rng: random.Random) -> tuple[list[str], list[RosterEntry]]:
    units = [f"{chr(65 + i % 26)}{chr(65 + i // 26)}社區" for i in range(UNITS)]
    accounts = iter(rng.sample(range(100_000, 3_000_000_000), UNITS * PER_UNIT))
    entries = []
    for unit in units:
        for _ in range(PER_UNIT):
            name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
            status: Status = "調離" if rng.random() < 0.05 else "在崗"
            entries.append(RosterEntry(unit, name, next(accounts), status))
    return units, entries


def card_of(entry: RosterEntry, rng: random.Random) -> str:
    unit, name = entry.unit, entry.name
    if rng.random() < 0.3:
        unit = to_simplified(unit)
    if rng.random() < 0.3:
        name = to_simplified(name)
    if rng.random() < 0.04:
        return name  # no unit: not compliant
    return f"{unit}{rng.choice(SEPARATORS)}{name}"


def make_group(
    index: int, unit: str, own: list[RosterEntry], others: list[RosterEntry], rng: random.Random
) -> Facts:
    people = rng.sample(own, GROUP_SIZE - 60) + rng.sample(others, 30)
    members = []
    for position, entry in enumerate(people):
        role: Role = "owner" if position == 0 else "admin" if position < 6 else "member"
        joined = NOW - timedelta(days=rng.randint(1, 900))
        spoke = NOW - timedelta(days=rng.randint(0, 100)) if rng.random() < 0.9 else None
        card = CARDS[entry.account]
        members.append(Member(entry.account, f"u{entry.account}", card, role, joined, spoke))
    for n in range(30):  # strangers: on no roster
        account = 4_000_000_000 + index * 100 + n
        members.append(
            Member(account, "路人", f"{unit}-路人{n}", "member", NOW - timedelta(days=40))
        )
    ids = [m.user_id for m in members]
    seen = {uid: NOW - timedelta(days=rng.randint(0, 120)) for uid in rng.sample(ids, 300)}
    return Facts(
        members=members,
        self_id=1,
        group_unit=unit,
        rule=RULE,
        roster=ROSTER,
        now=NOW,
        silent_days=90,
        running_deadlines=frozenset(rng.sample(ids, 5)),
        exempt=frozenset(rng.sample(ids, 3)),
        blacklisted=frozenset(rng.sample(ids, 2)),
        seen=seen,
        protected=frozenset(rng.sample(ids, 2)),
    )


RULE = compile_card_rule(DEFAULT_CARD_PATTERN, "bench")
RNG = random.Random(20260302)
UNIT_NAMES, ENTRIES = make_roster(RNG)
ROSTER = RosterIndex(ENTRIES)
CARDS = {entry.account: card_of(entry, RNG) for entry in ENTRIES}


def cpu_seconds(groups: list[Facts], memo: bool) -> tuple[float, list[float], list[Sweep]]:
    timings, results = [], []
    for _ in range(RUNS):
        shared: CardMemo = {}
        runs = [replace(f, card_memo=shared if memo else None) for f in groups]
        started = time.process_time()
        results = [sweep(facts) for facts in runs]
        timings.append(time.process_time() - started)
    return statistics.median(timings), timings, results


def main() -> None:
    by_unit: dict[str, list[RosterEntry]] = {}
    for entry in ENTRIES:
        by_unit.setdefault(entry.unit, []).append(entry)
    groups = []
    for u, unit in enumerate(UNIT_NAMES):
        others = by_unit[UNIT_NAMES[(u + 1) % UNITS]] + by_unit[UNIT_NAMES[(u + 7) % UNITS]]
        for g in range(GROUPS_PER_UNIT):
            groups.append(make_group(u * GROUPS_PER_UNIT + g, unit, by_unit[unit], others, RNG))
    members = sum(len(f.members) for f in groups)
    print(
        f"roster {len(ROSTER):,} people in {UNITS} units; {len(groups):,} groups, {members:,} members"
    )
    found: list[Figure] = []
    for memo, label in ((True, "weekly job (shared card memo)"), (False, "every card afresh")):
        median, timings, results = cpu_seconds(groups, memo)
        name = f"clearance, 1,000 groups of 500, {'weekly job' if memo else 'no card memo'}"
        found.append(figure(name, median, "s CPU", f"< {TARGET_S:.0f}", median < TARGET_S))
        shown = ", ".join(f"{t:.2f}" for t in timings)
        print(f"{label}: {median:.2f} s CPU, median of {RUNS} ({shown}); ", end="")
        print(f"{median / members * 1e6:.1f} µs a member; target < {TARGET_S:.0f} s: ", end="")
        print("met" if median < TARGET_S else "MISSED")
    reasons = Counter(r for s in results for c in (*s.remove, *s.kept) for r in c.reasons)
    removable = sum(len(s.remove) for s in results)
    print(
        f"listed for removal: {removable:,}; kept (owners, admins): {sum(len(s.kept) for s in results):,}"
    )
    print(f"reasons: {dict(sorted(reasons.items()))}")
    if "--json" in sys.argv[1:]:
        emit(found)


if __name__ == "__main__":
    main()
