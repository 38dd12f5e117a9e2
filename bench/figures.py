"""The figures a benchmark reports, in one shape, and the line that carries them to `python -m bench`.

A benchmark run with `--json` prints its usual lines and then one line `BENCH-FIGURES [...]`:
a JSON list of figures, each {name, value, unit, target, met}. `target` is what the figure should
be, in words (`≥ 20,000`, `< 50`), or "" for a figure shown beside the others without a target;
`met` is true, false, or null when there is no target. A benchmark that cannot run here (a
server it needs is not named) prints `BENCH-SKIPPED <why>` instead.
"""

import json
from typing import TypedDict

MARKER = "BENCH-FIGURES "
SKIPPED = "BENCH-SKIPPED "  # a benchmark that cannot run here, and why


class Figure(TypedDict):
    name: str
    value: float
    unit: str
    target: str
    met: bool | None


def figure(name: str, value: float, unit: str, target: str = "", met: bool | None = None) -> Figure:
    return {"name": name, "value": value, "unit": unit, "target": target, "met": met}


def emit(figures: list[Figure]) -> None:
    """Print the figures as the line `python -m bench` reads."""
    print(MARKER + json.dumps(figures, ensure_ascii=False), flush=True)


def parse(output: str) -> list[Figure] | None:
    """The figures of the last `BENCH-FIGURES` line in a benchmark's output, if any."""
    for line in reversed(output.splitlines()):
        if line.startswith(MARKER):
            loaded: list[Figure] = json.loads(line[len(MARKER) :])
            return loaded
    return None


def skip(reason: str) -> None:
    """Say that the benchmark did not run here, and why: `python -m bench` shows it skipped."""
    print(SKIPPED + reason, flush=True)


def skipped(output: str) -> str | None:
    """Why the benchmark skipped itself, if it did."""
    for line in output.splitlines():
        if line.startswith(SKIPPED):
            return line[len(SKIPPED) :]
    return None
