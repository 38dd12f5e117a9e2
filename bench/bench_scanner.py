"""Scanner throughput on 60-character messages with generated lexicons of growing size.

Run from the project root: `.venv/bin/python -m bench.bench_scanner [--messages N] [--rounds R]`.
Prints messages per second and MB/s (UTF-8) for lexicons of 1,000, 10,000 and 100,000 terms, the
median of R rounds; the targets are at least 20,000 msgs/s at 10,000 terms and less than 2x slower
at 100,000 than at 1,000. `--json` adds the figures for `python -m bench`.
"""

import argparse
import random
import statistics
import time
from collections.abc import Callable

import nonebot

from bench import installed as bench_runtime

# Importing anything under plugins.scanner loads the plugin package, which registers a start-up
# hook with NoneBot's driver; a driver that does nothing is enough here.
nonebot.init(driver="~none")
bench_runtime.install()  # before any plugin module loads

from bench.figures import Figure, emit, figure  # noqa: E402
from plugins.scanner.findings import TextPiece  # noqa: E402
from plugins.scanner.lexicon import Term  # noqa: E402
from plugins.scanner.normalize import normalize  # noqa: E402
from plugins.scanner.scan import Scanner  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
MESSAGE_LENGTH = 60
CJK_FIRST, CJK_LAST = 0x4E00, 0x9FA5
# Everyday chat: mostly frequent ideographs, some punctuation, digits and latin letters.
COMMON = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]
FILLER = list("，。！？、：；“”（） 0123456789abcxyz")


def make_terms(count: int, rng: random.Random) -> list[Term]:
    terms: set[str] = set()
    while len(terms) < count:
        length = rng.randint(2, 5)
        terms.add("".join(chr(rng.randint(CJK_FIRST, CJK_LAST)) for _ in range(length)))
    return [
        Term(term, "illegal" if index % 2 else "harmful", f"c{index % 20}", 7, 3)
        for index, term in enumerate(sorted(terms))
    ]


def make_messages(count: int, rng: random.Random) -> list[str]:
    messages = []
    for _ in range(count):
        chars = [
            rng.choice(FILLER) if rng.random() < 0.15 else rng.choice(COMMON)
            for _ in range(MESSAGE_LENGTH)
        ]
        messages.append("".join(chars))
    return messages


def median_seconds(work: Callable[[], object], rounds: int) -> float:
    """The median of `rounds` timings."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(
    size: int, messages: list[str], rng: random.Random, rounds: int
) -> tuple[float, float, int, float]:
    """(messages per second, MB per second, findings, seconds to build) for one lexicon size."""
    terms = make_terms(size, rng)
    built = time.perf_counter()
    scanner = Scanner(terms)
    build_seconds = time.perf_counter() - built
    pieces = [[TextPiece("text", message)] for message in messages]
    found = sum(len(scanner.scan(message)) for message in pieces)  # also warms the caches
    seconds = median_seconds(lambda: [scanner.scan(message) for message in pieces], rounds)
    megabytes = sum(len(message.encode()) for message in messages) / 1e6
    return len(messages) / seconds, megabytes / seconds, found, build_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true", help="add the figures for python -m bench")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    messages = make_messages(args.messages, rng)
    started = time.perf_counter()
    normalize("")
    print(f"folding table built in {time.perf_counter() - started:.2f} s (once per process)")
    seconds = median_seconds(lambda: [normalize(message) for message in messages], args.rounds)
    print(f"{len(messages):,} messages of {MESSAGE_LENGTH} characters, median of {args.rounds}")
    print(f"normalize alone: {len(messages) / seconds:>9,.0f} msgs/s")
    rates = {}
    for size in SIZES:
        rate, megabytes, found, build = run(size, messages, rng, args.rounds)
        rates[size] = rate
        print(
            f"{size:>7,} terms: {rate:>9,.0f} msgs/s  {megabytes:5.2f} MB/s  "
            f"findings {found:,}  build {build:.2f} s"
        )
    slowdown = rates[SIZES[0]] / rates[SIZES[-1]]
    print(f"slowdown 100,000 vs 1,000 terms: {slowdown:.2f}x")
    if args.json:
        emit(figures(rates, slowdown))


def figures(rates: dict[int, float], slowdown: float) -> list[Figure]:
    """Throughput at each lexicon size (the target is at 10,000 terms) and the slowdown."""
    out = []
    for size in SIZES:
        target, met = ("≥ 20,000", rates[size] >= 20_000) if size == 10_000 else ("", None)
        out.append(figure(f"scanner, {size:,} terms", rates[size], "msgs/s", target, met))
    out.append(figure("scanner slowdown 100k / 1k terms", slowdown, "x", "< 2", slowdown < 2))
    return out


if __name__ == "__main__":
    main()
