"""Every benchmark in one command: `python -m bench` (or `make bench`) prints one table.

Each benchmark runs in a subprocess of its own (bench/suite.py) and measures on this machine;
the table shows each figure, its median over the runs its benchmark makes, its target and
whether it is met. `--only load,memory` runs some of them; `--quick` runs smaller sizes, to try
the command out (the figures are then not the ones the duties ask for). Each benchmark's whole
output is kept in a log file, named at the end.
"""

import argparse
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure
from bench.live import FAST_PACING
from bench.suite import BENCHES, Outcome, run

NOTES = (
    "Medians: scanner of 5 rounds, real-name of 5 runs, clearance and workbook of 3 runs;",
    "  dispatch of 7 rounds per side, the sides taking turns (percentiles over all rounds);",
    "  anchor of 7 rounds of 100 measures per side, with and without the anchor line;",
    "  the load run is one run of 10,000 messages (p99 over its 100 violating ones), the burst",
    "  one run of 20,000 sent with no window, the memory figures one bot's, the cluster one run",
    "  of 2,000 groups on PostgreSQL (skipped without QUNGUI_TEST_PG_URL; the lease loops",
    "  2,000 jobs each, mean). CPU figures are process time; the others are wall clock.",
    "The console pages: median of 7 in-process renders each (httpx over ASGI), after a warm-up.",
    "Load, burst, memory and cluster runs set QUNGUI_SEND_PER_SECOND={send} and QUNGUI_MANAGE_PER_SECOND={manage}",
    "  (the defaults, 1.0 and 0.7, keep a QQ account safe): they measure the bot, not QQ's limits.",
    "  The load run's peer keeps at most 100 messages ahead of the bot's last recall.",
    "The memory target (< 300 MB) is ours; the others are the duties'.",
)


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    cores = os.cpu_count() or 0
    return f"{platform.node()}: {cores} cores {model}, Python {platform.python_version()}"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def shown(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if value == int(value) or abs(value) >= 100:
        number = f"{value:,.0f}"
    else:
        number = f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{number} {unit}"


def table(figures: list[Figure]) -> list[str]:
    rows = [("figure", "median", "target", "met?")]
    for f in figures:
        met = "—" if f["met"] is None else "yes" if f["met"] else "NO"
        target = f"{f['target']} {f['unit']}".strip() if f["target"] else "—"
        rows.append((f["name"], shown(f["value"], f["unit"]), target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    names = [b.name for b in BENCHES]
    parser.add_argument("--only", default="", help=f"comma-separated, of: {', '.join(names)}")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, to try it out")
    args = parser.parse_args()
    chosen = [b for b in BENCHES if not args.only or b.name in args.only.split(",")]
    logs = Path(tempfile.mkdtemp(prefix="qungui-bench-logs-"))
    print(f"qungui benchmarks on {machine()}")
    print(f"load average at start: {load_average()} (other work on the machine slows the figures)")
    outcomes: list[Outcome] = []
    for bench in chosen:
        print(f"  {bench.name} …", end="", flush=True)
        outcome = run(bench, logs, args.quick)
        outcomes.append(outcome)
        print(f" {outcome.seconds:.0f} s" + (f" ({outcome.problem})" if outcome.problem else ""))
    print(f"load average at end:   {load_average()}")
    print()
    print("\n".join(table([f for o in outcomes for f in o.figures])))
    print()
    pacing = {
        "send": FAST_PACING["QUNGUI_SEND_PER_SECOND"],
        "manage": FAST_PACING["QUNGUI_MANAGE_PER_SECOND"],
    }
    print("\n".join(note.format(**pacing) for note in NOTES))
    if args.quick:
        print("--quick: smaller sizes than the duties ask for; not the figures to quote.")
    for outcome in outcomes:
        if outcome.problem:
            print(f"{outcome.bench.name}: {outcome.problem}")
    print(f"each benchmark's whole output: {logs}/<name>.log")
    failed = [o for o in outcomes if not o.figures and not o.problem.startswith("skipped")]
    return 1 if failed else 0


if __name__ == "__main__":
    started = time.monotonic()
    code = main()
    print(f"in {time.monotonic() - started:.0f} s")
    sys.exit(code)
