"""Figures read from the printed lines of the benchmarks that do not emit them as JSON.

bench_dispatch.py and bench_reports.py print their results for a person; these read those lines.
A line that is missing leaves its figure out rather than guessing one.
"""

import re

from bench.figures import Figure, figure

_NUMBER = r"([\d,]+(?:\.\d+)?)"
_DISPATCH_ROW = re.compile(
    rf"^\s*(bare NoneBot|one idle matcher|every duty on)\s+{_NUMBER}\s+{_NUMBER}\s+{_NUMBER}\s*$"
)
_DISPATCH_RATIO = re.compile(rf"^ratio \(every duty on / bare\):\s*{_NUMBER}", re.MULTILINE)
_DISPATCH_TARGET = re.compile(
    rf"^target: >= {_NUMBER} msg/s and >= {_NUMBER}% of bare", re.MULTILINE
)
_REPORTS_MEDIAN = re.compile(rf"^median of (\d+): {_NUMBER} s \(target < {_NUMBER} s", re.MULTILINE)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def dispatch(output: str) -> list[Figure]:
    """Throughput and latency with every duty on, bare NoneBot's throughput, and the ratio."""
    rows = {}
    for line in output.splitlines():
        if found := _DISPATCH_ROW.match(line):
            rows[found[1]] = [_number(found[i]) for i in (2, 3, 4)]
    target = _DISPATCH_TARGET.search(output)
    rate_target = _number(target[1]) if target else 2000.0
    ratio_target = _number(target[2]) / 100 if target else 0.5
    out = []
    if full := rows.get("every duty on"):
        rate, p50, p99 = full
        name = "dispatch, every duty on"
        out.append(figure(name, rate, "msgs/s", f"≥ {rate_target:,.0f}", rate >= rate_target))
        out.append(figure("dispatch p50 latency, every duty on", p50, "ms"))
        out.append(figure("dispatch p99 latency, every duty on", p99, "ms"))
    if bare := rows.get("bare NoneBot"):
        out.append(figure("dispatch, bare NoneBot", bare[0], "msgs/s"))
        out.append(figure("dispatch p99 latency, bare NoneBot", bare[2], "ms"))
    if idle := rows.get("one idle matcher"):
        out.append(figure("dispatch, NoneBot with one idle matcher", idle[0], "msgs/s"))
    if ratio := _DISPATCH_RATIO.search(output):
        value = _number(ratio[1])
        name = "dispatch ratio, every duty on / bare"
        out.append(figure(name, value, "x", f"≥ {ratio_target:.1f}", value >= ratio_target))
    return out


def dispatch_done(output: str) -> bool:
    return _DISPATCH_TARGET.search(output) is not None


def reports(output: str) -> list[Figure]:
    """The street workbook's time: read the facts, write the .xlsx, draw the chart."""
    found = _REPORTS_MEDIAN.search(output)
    if found is None:
        return []
    seconds, target = _number(found[2]), _number(found[3])
    name = "street workbook, 50 groups, a month"
    return [figure(name, seconds, "s", f"< {target:.0f}", seconds < target)]


def reports_done(output: str) -> bool:
    return "checked:" in output or "MISMATCH" in output
