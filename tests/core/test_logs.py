"""core.logs: the bot logs from its configured level; lines below it are dropped."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import nonebot
nonebot.init(driver="~none", log_level="WARNING")
from nonebot.log import logger
from core.logs import log_from
log_from("WARNING")
logger.debug("below-the-level")
logger.info("below-the-level")
logger.warning("at-the-level")
logger.error("above-the-level")
"""


def test_lines_below_the_level_are_dropped_and_the_rest_kept() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "below-the-level" not in done.stdout
    assert "at-the-level" in done.stdout
    assert "above-the-level" in done.stdout
