"""core.logs: the bot logs from its configured level; lines below it are dropped; above DEBUG
what third-party lines quote of people's words is withheld."""

import subprocess
import sys
from pathlib import Path

import pytest

from core.logs import TEXT_LOGGED, carries_text, withheld

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


QUIET_SCRIPT = """
import sys
import nonebot
from pydantic import BaseModel
from core.logs import log_from
level = sys.argv[1]
log_from(level)
nonebot.init(driver="~none", log_level=level)
from nonebot.log import logger

class Event(BaseModel):
    time: int

logger.info("OneBot V11 | Failed to parse event. Raw: {'text': '機密★1年'}")
try:
    Event(time="機密★2年")
except ValueError as exc:
    logger.opt(exception=exc).error("Running Matcher failed.")
logger.info("an ordinary line 12345")
"""


def _quiet_script(level: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", QUIET_SCRIPT, level],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_above_debug_quoted_events_and_validation_inputs_are_withheld() -> None:
    out = _quiet_script("INFO")
    assert "機密★" not in out
    assert "Failed to parse event. Raw: （DEBUG 以下不記）" in out
    assert "Running Matcher failed. [Event: time: int_parsing at " in out
    assert "Traceback" not in out
    assert "an ordinary line 12345" in out
    assert TEXT_LOGGED not in out


def test_at_debug_they_are_kept_and_the_log_says_so_once() -> None:
    out = _quiet_script("DEBUG")
    assert out.count(TEXT_LOGGED) == 1
    assert "機密★1年" in out
    assert "機密★2年" in out  # the validation error's traceback, input and all
    assert "Loaded Config: （含令牌等密鑰，不記）" in out


@pytest.mark.parametrize(
    ("message", "text", "kept"),
    [
        (
            "OneBot V11 | Failed to parse event. Raw: {'a': 1}",
            False,
            "Failed to parse event. Raw: ",
        ),
        ("OneBot V11 | Failed to parse event. Raw: {'a': 1}", True, "{'a': 1}"),
        ("Error when getting message reply info: ValidationError(…)", False, "info: （"),
        ("Loaded Config: {'onebot_access_token': 't'}", True, "Loaded Config: （含令牌"),
        ("Event will be handled by Matcher(type='message')", False, "Matcher(type='message')"),
    ],
)
def test_withheld_cuts_after_the_marker(message: str, text: bool, kept: str) -> None:
    assert kept in withheld(message, text=text)
    assert "'t'" not in withheld(message, text=text)


@pytest.mark.parametrize(
    ("level", "carries"),
    [("DEBUG", True), ("TRACE", True), (10, True), ("INFO", False), (20, False)],
)
def test_only_debug_and_below_carry_text(level: str | int, carries: bool) -> None:
    assert carries_text(level) is carries
