"""End-to-end dispatch throughput and handling latency with every duty on, beside a bare NoneBot.

Run from the project root: `.venv/bin/python -m bench.bench_dispatch [--messages N] [--rounds R]`.

Method. One process, one NoneBot (driver `~none`; log level WARNING, with the handler that drops
lower lines at once, as bot.py starts it), the OneBot v11 adapter registered, and a bot whose
`call_api` returns at once (no socket). Each message is a NapCat-shaped group message frame (a
JSON string, a unique message id, ~60 characters of everyday Chinese text with no finding in it)
taken through what the adapter does on receipt: `json.loads`, `Adapter.json_to_event`, then
`Bot.handle_event` (reply/at checks, then `nonebot.message.handle_event`: pre-processors, command
trie, every matcher's rules and handlers). A message's latency is the wall time of those steps;
messages are handled one after another, so throughput is messages / total time.

Every plugin of pyproject.toml is loaded and started (a migrated SQLite database in a temporary
folder, the organisation file of the tests), one group filed with every duty on.

- Full: the frames go to that bot as it runs.
- Bare: the same kind of frames with NoneBot's matcher table emptied for the round, which is what
  NoneBot does without plugins (every duty sits behind the one gate matcher; none adds an event
  pre-processor).
- One idle matcher: the gate with no duty, command or watcher behind it; NoneBot's own cost of a
  plugin's one matcher that never matches, the floor under any plugin (shown, no target).

The machine this runs on is shared and its speed wanders by half from minute to minute, so the
sides' rounds alternate (`--rounds` turns after a warm-up turn). Shown: the median throughput of
each side, latency percentiles over all its messages, and the median of the pairs' ratios.
"""

import argparse
import asyncio
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nonebot

ROOT = Path(__file__).resolve().parent.parent
ORG_FILE = ROOT / "tests" / "data" / "org.toml"
SELF_ID, GROUP_ID, UNIT = 99999, 700100, "XX社區"
TARGET_RATE, TARGET_RATIO = 2000.0, 0.5
# Everyday work-group phrases, joined at random into ~60-character messages.
PHRASES = (
    "各位同事",
    "明天上午九點",
    "在三樓會議室",
    "召開防汛工作部署會",
    "請準時參加",
    "收到",
    "請網格員於週五前",
    "報送走訪台賬",
    "辛苦了",
    "謝謝領導",
    "疫苗接種情況表",
    "已上傳群文件",
    "請查收",
    "低保複核材料",
    "交到民政窗口",
    "志願者報名",
    "垃圾分類宣傳",
    "安全生產檢查",
    "老舊小區改造",
    "做好居民解釋工作",
    "注意防暑降溫",
    "好的",
    "馬上辦",
    "會議紀要",
)


def frames(count: int, start_id: int, rng: random.Random) -> list[str]:
    out = []
    for n in range(count):
        text = "，".join(rng.choice(PHRASES) for _ in range(6))[:60] + "。"
        user = 50000 + rng.randint(1, 200)
        out.append(
            json.dumps(
                {
                    "time": int(time.time()),
                    "self_id": SELF_ID,
                    "post_type": "message",
                    "message_type": "group",
                    "sub_type": "normal",
                    "message_id": start_id + n,
                    "real_id": start_id + n,
                    "group_id": GROUP_ID,
                    "user_id": user,
                    "anonymous": None,
                    "font": 14,
                    "message": [{"type": "text", "data": {"text": text}}],
                    "message_format": "array",
                    "raw_message": text,
                    "sender": {"user_id": user, "nickname": "u", "card": "", "role": "member"},
                },
                ensure_ascii=False,
            )
        )
    return out


def make_bot() -> Any:
    from nonebot.adapters.onebot.v11 import Bot

    from adapters.onebot_queue import Adapter

    class ImmediateBot(Bot):
        async def call_api(self, api: str, **data: Any) -> Any:
            return {"message_id": 1} if api.startswith("send") else None

    adapter = nonebot.get_adapter(Adapter)
    bot = ImmediateBot(adapter, str(SELF_ID))
    adapter.bot_connect(bot)
    return bot


@dataclass
class Side:
    rates: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    def row(self) -> tuple[float, float, float]:
        """Median throughput, p50 and p99 latency in milliseconds."""
        cuts = statistics.quantiles(self.latencies, n=100)
        return statistics.median(self.rates), cuts[49] * 1e3, cuts[98] * 1e3


async def run_round(bot: Any, batch: list[str]) -> tuple[float, list[float]]:
    from adapters.onebot_queue import Adapter  # its reading: ids checked at the edge

    latencies = []
    started = time.perf_counter()
    for frame in batch:
        t0 = time.perf_counter()
        event = Adapter.json_to_event(json.loads(frame))
        await bot.handle_event(event)
        latencies.append(time.perf_counter() - t0)
    return len(batch) / (time.perf_counter() - started), latencies


@contextmanager
def bare_nonebot() -> Iterator[None]:
    """NoneBot as it is with no plugin loaded: nothing in its matcher table.

    Every duty sits behind the gate (core.dispatch), the one matcher in that table, and no plugin
    adds an event pre-processor, so with the table empty an event meets exactly what it meets
    in a NoneBot without plugins.
    """
    from nonebot.matcher import matchers

    saved = {priority: list(group) for priority, group in matchers.items()}
    matchers.clear()
    try:
        yield
    finally:
        matchers.update(saved)


@contextmanager
def idle_gate() -> Iterator[None]:
    """The gate with nothing behind it: what a single plugin matcher costs NoneBot, doing nothing.

    The floor under any plugin: NoneBot starts a task and cancel scopes for every matcher.
    """
    from core import dispatch

    saved = list(dispatch._watchers), dict(dispatch._entries), dict(dispatch._commands)
    dispatch._watchers.clear()
    dispatch._entries.clear()
    dispatch._commands.clear()
    try:
        yield
    finally:
        dispatch._watchers[:] = saved[0]
        dispatch._entries.update(saved[1])
        dispatch._commands.update(saved[2])


@contextmanager
def every_duty() -> Iterator[None]:
    yield


SIDES = {"bare": bare_nonebot, "idle": idle_gate, "full": every_duty}


async def measure(bot: Any, args: argparse.Namespace, rng: random.Random) -> dict[str, Side]:
    """Rounds of each side in turn, so a busy moment of the machine weighs on all of them."""
    sides = {name: Side() for name in SIDES}
    batch_id = 0
    for r in range(args.rounds + 1):  # the first turn warms up and is not counted
        for name, side in sides.items():
            batch_id += 1
            with SIDES[name]():
                rate, latencies = await run_round(bot, frames(args.messages, batch_id * 10**7, rng))
            if r:
                side.rates.append(rate)
                side.latencies += latencies
    return sides


async def start_everything(data_dir: Path) -> None:
    from core import runtime
    from core.org import load_org
    from core.settings import load_settings
    from models.db import close_db, migrate, open_db

    settings = load_settings()
    runtime.install(settings, load_org(ORG_FILE))
    await migrate(settings.db_url)
    await open_db(settings.db_url)
    nonebot.get_driver().on_shutdown(close_db)  # first registered: runs after every plugin's
    nonebot.load_from_toml(str(ROOT / "pyproject.toml"))
    await nonebot.get_driver()._lifespan.startup()

    from models.registry import Group, GroupStatus, GroupType, RegisteredAdmin, Unit
    from plugins.registry import store

    group = await Group.create(
        group_id=GROUP_ID,
        name="基準群",
        unit=await Unit.get(name=UNIT),
        type=GroupType.INTERNAL,
        status=GroupStatus.FILED,
        filed_by=40001,
    )
    await RegisteredAdmin.create(group=group, user_id=40001, added_by=40001)
    duties = await store.enabled_duties("qq", GROUP_ID)
    print(f"duties on in the benchmark group: {', '.join(sorted(duties))}")


async def main(args: argparse.Namespace) -> None:
    from adapters.onebot_queue import Adapter  # the adapter bot.py registers

    data_dir = Path(tempfile.mkdtemp(prefix="qungui-bench-"))
    nonebot.init(
        driver="~none",
        log_level="WARNING",
        command_start={"/"},
        command_sep={" "},
        superusers={"90001"},
        qungui_data_dir=str(data_dir),
        qungui_org_file=str(ORG_FILE),
        qungui_send_per_second=1e6,
        qungui_manage_per_second=1e6,
    )
    nonebot.get_driver().register_adapter(Adapter)
    from core.logs import log_from

    log_from("WARNING")
    bot = make_bot()
    rng = random.Random(args.seed)

    await start_everything(data_dir)
    plugins = sorted(p.name for p in nonebot.get_loaded_plugins())
    print(f"plugins loaded: {', '.join(plugins)}")
    sides = await measure(bot, args, rng)
    await nonebot.get_driver()._lifespan.shutdown()
    shutil.rmtree(data_dir, ignore_errors=True)

    print(f"{'':>22}{'msg/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    shown = ("bare NoneBot", "bare"), ("one idle matcher", "idle"), ("every duty on", "full")
    for name, key in shown:
        side = sides[key]
        rate, p50, p99 = side.row()
        print(f"{name:>22}{rate:>10.0f}{p50:>10.3f}{p99:>10.3f}")
    pairs = zip(sides["full"].rates, sides["bare"].rates, strict=True)
    ratio = statistics.median(full / bare for full, bare in pairs)
    print(f"ratio (every duty on / bare): {ratio:.2f}")
    verdict = sides["full"].row()[0] >= TARGET_RATE and ratio >= TARGET_RATIO
    print(
        f"target: >= {TARGET_RATE:.0f} msg/s and >= {TARGET_RATIO:.0%} of bare: "
        f"{'met' if verdict else 'NOT met'}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    asyncio.run(main(parser.parse_args()))
