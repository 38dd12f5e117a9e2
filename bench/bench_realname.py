"""Real-name check of one large group against the street's whole roster.

Run from the project root: `.venv/bin/python -m bench.bench_realname [--json]`.
Generates a 50,000-person roster over 200 units and a 2,000-member group of one unit whose cards
mix every verdict and spelling (Traditional, Simplified, full-width, assorted separators). Prints
the CPU time (time.process_time, median of 5 runs) of `judge_members` over the group, the target
being under 50 ms, the one-off cost of building the roster index, and the whole `/實名檢查`
decision (`check_members`: judging plus the visitor rule and the counts) over the same group.
`--json` adds the figures for `python -m bench`.
"""

import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable

import nonebot

from bench import installed as bench_runtime

# The plugin package registers its matchers on import, which needs an initialised NoneBot.
nonebot.init(driver="~none", log_level="WARNING")
bench_runtime.install()  # before any plugin module loads

from adapters.port import Member  # noqa: E402
from bench.figures import emit, figure  # noqa: E402
from core.script import to_simplified  # noqa: E402
from plugins.realname.card import (  # noqa: E402
    DEFAULT_CARD_PATTERN,
    compile_card_rule,
    judge_members,
)
from plugins.realname.checks import check_members  # noqa: E402
from plugins.realname.roster import RosterEntry, Status  # noqa: E402
from plugins.realname.roster_index import RosterIndex  # noqa: E402

ROSTER_SIZE = 50_000
UNITS = 200
GROUP_UNIT_SIZE = 2_000  # roster people of the group's unit; the rest spread over the others
GROUP_SIZE = 2_000
RUNS = 5
TARGET_MS = 50.0
SURNAMES = "趙錢孫李周吳鄭王馮陳衛蔣沈韓楊朱秦許何呂張孔曹嚴華金魏陶姜謝鄒蘇潘葛范彭魯韋馬苗鳳"
GIVEN = "偉剛勇毅俊峰強軍平保東文輝力明永健世廣誌義興良海山仁波寧貴福生龍元全國勝學祥才發"
GIVEN += "秀娟英華慧巧美娜靜淑惠珠翠雅芝玉萍紅娥玲芬芳燕彩春菊蘭鳳潔梅琳素雲蓮真環雪榮愛妹霞"
SEPARATORS = ["-", "－", "—", " - ", "·", "/", "_", "　"]
FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(ord("A"), ord("Z") + 1)})


def make_roster(rng: random.Random) -> list[RosterEntry]:
    units = [f"{chr(65 + i % 26)}{chr(65 + i // 26)}社區" for i in range(UNITS)]
    accounts = rng.sample(range(100_000, 3_000_000_000), ROSTER_SIZE)
    entries = []
    for index, account in enumerate(accounts):
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        status: Status = "調離" if rng.random() < 0.05 else "在崗"
        unit = units[0] if index < GROUP_UNIT_SIZE else units[1 + index % (UNITS - 1)]
        entries.append(RosterEntry(unit, name, account, status))
    return entries


def make_group(entries: list[RosterEntry], rng: random.Random) -> list[tuple[int, str]]:
    """(account, card) for the group of the first unit: every verdict, in assorted spellings."""
    unit = entries[0].unit
    own = [entry for entry in entries if entry.unit == unit]
    others = [entry for entry in entries if entry.unit != unit]
    members: list[tuple[int, str]] = []

    def spell(unit_text: str, name: str) -> str:
        if rng.random() < 0.3:
            unit_text = to_simplified(unit_text)
        if rng.random() < 0.2:
            unit_text = unit_text.translate(FULL_WIDTH)
        if rng.random() < 0.3:
            name = to_simplified(name)
        return f"{unit_text}{rng.choice(SEPARATORS)}{name}"

    for entry in own[:1700]:  # compliant or departed, as the roster says
        members.append((entry.account, spell(entry.unit, entry.name)))
    for entry in rng.sample(others, 100):  # a person of another unit
        members.append((entry.account, spell(entry.unit, entry.name)))
    for index in range(50):  # card without unit
        members.append((10_000_000 + index, rng.choice(own).name))
    for index in range(50):  # unknown person
        members.append((20_000_000 + index, spell(unit, "路人" + GIVEN[index % len(GIVEN)])))
    for index in range(GROUP_SIZE - len(members)):  # someone else's name
        members.append((30_000_000 + index, spell(unit, rng.choice(own).name)))
    return members


def cpu_ms(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return (time.process_time() - started) * 1000


def main() -> None:
    rng = random.Random(20250301)
    entries = make_roster(rng)
    build_ms = cpu_ms(lambda: RosterIndex(entries))
    roster = RosterIndex(entries)
    members = make_group(entries, rng)
    rule = compile_card_rule(DEFAULT_CARD_PATTERN, "bench")
    unit = entries[0].unit
    verdicts = judge_members(members, rule, roster, unit)
    timings = [cpu_ms(lambda: judge_members(members, rule, roster, unit)) for _ in range(RUNS)]
    median = statistics.median(timings)
    kinds = Counter(verdict.kind for verdict in verdicts.values())
    print(f"roster {len(roster):,} people in {UNITS} units; group {len(members):,} members")
    print(f"verdicts: {dict(sorted(kinds.items()))}")
    print(f"index build: {build_ms:.0f} ms CPU (once per roster change)")
    print(
        f"judge_members: {median:.1f} ms CPU, median of {RUNS} ({', '.join(f'{t:.1f}' for t in timings)})"
    )
    print(f"target < {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'MISSED'}")
    people = [Member(account, f"u{account}", card, "member") for account, card in members]
    checks = [
        cpu_ms(lambda: check_members(people, rule, roster, unit, self_id=1)) for _ in range(RUNS)
    ]
    report = check_members(people, rule, roster, unit, self_id=1)
    print(
        f"check_members: {statistics.median(checks):.1f} ms CPU, median of {RUNS}; "
        f"{report.compliant:,} accepted (visitors included), {len(report.problems):,} not"
    )
    if "--json" in sys.argv[1:]:
        name = "real-name check, 2,000 vs 50,000 roster"
        emit([figure(name, median, "ms CPU", f"< {TARGET_MS:.0f}", median < TARGET_MS)])


if __name__ == "__main__":
    main()
