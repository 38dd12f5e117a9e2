"""`make demo` end to end, so the tour cannot rot: it runs, exits 0 and shows every step."""

import subprocess
import sys

import pytest

from tests.e2e.process import ROOT

pytestmark = pytest.mark.e2e


def test_the_demo_tour_runs_to_the_end() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "demo.tour"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    out = done.stdout
    assert done.returncode == 0, out[-3000:] + done.stderr[-3000:]
    shown = [
        *("1. 備案", "2. 入群", "3. 保密", "4. 交接", "5. 記錄"),  # every step
        "已備案",  # the filing, confirmed in the group
        "@路人甲",  # the newcomer, asked for a card in the format
        "單位-姓名",
        "(get_forward_msg)",  # the forward, read to its depth and recalled
        "(delete_msg)",
        "(set_group_admin)",  # the handover, with the platform rights moved
        "交接完成",
        "audit ok: 3 records",
        "✓ tour complete",
    ]
    missing = [words for words in shown if words not in out]
    assert not missing, out
