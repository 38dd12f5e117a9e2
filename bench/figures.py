"""The figures a benchmark reports, in one shape, and the line that carries them to `python -m bench`.

A benchmark run with `--json` prints its usual lines and then one line `BENCH-FIGURES [...]`:
a JSON list of figures, each {name, value, unit, target, met}. `target` is what the figure should
be, in words (`≥ 20,000`, `< 50`), or "" for a figure shown beside the others without a target;
`met` is true, false, or null when there is no target.
"""

import json
from typing import TypedDict

MARKER = "BENCH-FIGURES "


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
