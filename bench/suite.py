"""The benchmarks `python -m bench` runs, each in a subprocess of its own, and how one is run.

A subprocess each, so that one benchmark's memory, NoneBot state or event loop never leaks into
another's figures. Its output goes to a log file; the runner reads its figures from the
`BENCH-FIGURES` line (`--json`) or, for the benchmarks without one, from its printed lines.
A benchmark that has printed everything but does not exit is stopped after a short grace.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import printed
from bench.figures import Figure, parse, skipped

ROOT = Path(__file__).resolve().parent.parent
GRACE_S = 15.0  # after its last line, for a benchmark to exit by itself


@dataclass(frozen=True)
class Bench:
    name: str
    module: str
    args: tuple[str, ...] = ()
    quick: tuple[str, ...] = ()  # the arguments of `--quick`, instead of `args`
    timeout_s: float = 1800.0
    read: Callable[[str], list[Figure]] | None = None  # for printed output; None: --json
    done: Callable[[str], bool] | None = None  # the printed output is complete


@dataclass
class Outcome:
    bench: Bench
    figures: list[Figure] = field(default_factory=list)
    seconds: float = 0.0
    problem: str = ""  # what went wrong, if anything
    log: Path | None = None


BENCHES = (
    Bench("scanner", "bench.bench_scanner", ("--rounds", "5"), ("--messages", "10000"), 1200),
    Bench("realname", "bench.bench_realname", timeout_s=600),
    Bench("clearance", "bench.bench_clearance", timeout_s=1800),
    Bench("reports", "bench.bench_reports", read=printed.reports, done=printed.reports_done),
    Bench("anchor", "bench.bench_anchor", (), ("--records", "2000"), 600),
    Bench(
        "dispatch",
        "bench.bench_dispatch",
        (),
        ("--messages", "200", "--rounds", "2"),
        read=printed.dispatch,
        done=printed.dispatch_done,
    ),
    Bench("load", "bench.bench_load", (), ("--messages", "1000"), 3600),
    Bench("burst", "bench.bench_burst", (), ("--messages", "2000"), 1500),
    Bench("memory", "bench.bench_memory", (), (), 1800),
    Bench("cluster", "bench.bench_cluster", (), ("--groups", "200"), 1500),
    Bench("console", "bench.bench_console", (), ("--groups", "200", "--records", "10000"), 600),
)


def _source(bench: Bench) -> Path:
    return ROOT / (bench.module.replace(".", "/") + ".py")


def _accepts_json(bench: Bench) -> bool:
    return '"--json"' in _source(bench).read_text("utf-8")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the benchmark and whatever it started (its own session: a bot process, say)."""
    for sent in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            return
        os.killpg(process.pid, sent)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            continue


def run(bench: Bench, logs: Path, quick: bool) -> Outcome:
    """Run one benchmark to the end, or until it is done or out of time, and read its figures."""
    if not _source(bench).exists():
        return Outcome(bench, problem=f"skipped: {_source(bench).relative_to(ROOT)} is not here")
    wants_json = bench.read is None or _accepts_json(bench)
    args = [*(bench.quick if quick else bench.args), *(["--json"] if wants_json else [])]
    log = logs / f"{bench.name}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    outcome = Outcome(bench, log=log)
    started = time.monotonic()
    printed_at: float | None = None
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", bench.module, *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            while process.poll() is None:
                time.sleep(0.5)
                now = time.monotonic()
                if now - started > bench.timeout_s:
                    outcome.problem = f"timed out after {bench.timeout_s:.0f} s"
                    break
                if printed_at is None and _complete(bench, log.read_text("utf-8", "replace")):
                    printed_at = now
                if printed_at is not None and now - printed_at > GRACE_S:
                    outcome.problem = (
                        f"printed its figures but did not exit: stopped after {GRACE_S:.0f} s"
                    )
                    break
        finally:
            _stop(process)
    outcome.seconds = time.monotonic() - started
    output = log.read_text("utf-8", "replace")
    outcome.figures = parse(output) or (bench.read(output) if bench.read else [])
    why = skipped(output)
    if why is not None and not outcome.figures:
        outcome.problem = f"skipped: {why}"
    if process.returncode != 0 and not outcome.problem:
        outcome.problem = f"exited with {process.returncode}: see its log"
    if not outcome.figures and not outcome.problem:
        outcome.problem = "printed no figures"
    return outcome


def _complete(bench: Bench, output: str) -> bool:
    if parse(output) is not None or skipped(output) is not None:
        return True
    return bench.done is not None and bench.done(output)
